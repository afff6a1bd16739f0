package io.gridkeep.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds programs the tests need from Debian's packages, and fails loudly, saying how to get them, when one is missing. */
public final class DebianTools {
    private DebianTools() {
    }

    /**
     * The absolute path of {@code program}.
     *
     * @param pkg the Debian package that provides it, for the error message
     */
    public static Path require(String program, String pkg) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p))
                return p;
        }
        throw new IllegalStateException(program + " is not installed: run ./run-tests, which installs it, "
            + "or apt-get install " + pkg);
    }
}
