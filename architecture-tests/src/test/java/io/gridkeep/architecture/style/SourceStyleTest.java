package io.gridkeep.architecture.style;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Style rules Checkstyle 12 has no check for, over the main and test sources of every module. */
class SourceStyleTest {
    private static Path root() {
        String r = System.getProperty("gridkeep.root");
        assertThat(r).as("system property gridkeep.root (set by the build)").isNotNull();
        return Path.of(r);
    }

    private static List<Path> javaSources() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root())) {
            for (Path m : modules.filter(Files::isDirectory).sorted().toList()) {
                for (String set : List.of("src/main/java", "src/test/java")) {
                    Path src = m.resolve(set);
                    if (!Files.isDirectory(src))
                        continue;
                    try (Stream<Path> walk = Files.walk(src)) {
                        walk.filter(f -> f.toString().endsWith(".java")).sorted().forEach(files::add);
                    }
                }
            }
        }
        return files;
    }

    @Test
    void noFullyQualifiedNameWhereAnImportWouldDo() throws Exception {
        List<Path> files = javaSources();
        assertThat(files).as("Java sources under " + root()).hasSizeGreaterThan(100);
        assertThat(SourceCheck.violations(UnnecessaryFullyQualifiedNameCheck.class, root(), files)).isEmpty();
    }
}
