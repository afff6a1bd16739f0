package io.gridkeep.architecture.style;

import com.puppycrawl.tools.checkstyle.Checker;
import com.puppycrawl.tools.checkstyle.DefaultConfiguration;
import com.puppycrawl.tools.checkstyle.api.AuditEvent;
import com.puppycrawl.tools.checkstyle.api.AuditListener;
import com.puppycrawl.tools.checkstyle.api.CheckstyleException;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one Checkstyle check over source files and returns its violations as
 * {@code file:line: message}, relative to {@code base}.
 */
final class SourceCheck {
    private SourceCheck() {
    }

    static List<String> violations(Class<?> check, Path base, List<Path> files) throws CheckstyleException {
        DefaultConfiguration walker = new DefaultConfiguration("TreeWalker");
        walker.addChild(new DefaultConfiguration(check.getName()));
        DefaultConfiguration root = new DefaultConfiguration("Checker");
        root.addProperty("charset", "UTF-8");
        root.addChild(walker);
        Checker checker = new Checker();
        checker.setModuleClassLoader(SourceCheck.class.getClassLoader());
        checker.configure(root);
        List<String> out = new ArrayList<>();
        checker.addListener(new AuditListener() {
            @Override
            public void auditStarted(AuditEvent e) {
            }

            @Override
            public void auditFinished(AuditEvent e) {
            }

            @Override
            public void fileStarted(AuditEvent e) {
            }

            @Override
            public void fileFinished(AuditEvent e) {
            }

            @Override
            public void addError(AuditEvent e) {
                out.add(base.relativize(Path.of(e.getFileName())) + ":" + e.getLine() + ": " + e.getMessage());
            }

            @Override
            public void addException(AuditEvent e, Throwable t) {
                throw new AssertionError("checkstyle could not read " + e.getFileName(), t);
            }
        });
        try {
            List<File> all = new ArrayList<>();
            files.forEach(f -> all.add(f.toFile()));
            checker.process(all);
        }
        finally {
            checker.destroy();
        }
        return out;
    }
}
