package io.gridkeep.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every package of every module says in its package-info.java what it holds and whether it is
 * public API (docs/architecture.md, "Packages"). Read from the sources: javac keeps no class for a
 * package-info that has only a comment.
 */
class PackageDocsTest {
    private static Path root() {
        String r = System.getProperty("gridkeep.root");
        assertThat(r).as("system property gridkeep.root (set by the build)").isNotNull();
        return Path.of(r);
    }

    private static List<Path> packagesWithSources() throws IOException {
        TreeSet<Path> dirs = new TreeSet<>();
        try (Stream<Path> modules = Files.list(root())) {
            for (Path m : modules.filter(Files::isDirectory).toList()) {
                Path src = m.resolve("src/main/java");
                if (!Files.isDirectory(src))
                    continue;
                try (Stream<Path> files = Files.walk(src)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> dirs.add(f.getParent()));
                }
            }
        }
        return new ArrayList<>(dirs);
    }

    @Test
    void everyPackageHasAPackageInfoThatSaysWhetherItIsPublicApi() throws IOException {
        List<Path> packages = packagesWithSources();
        assertThat(packages).as("packages found under " + root()).hasSizeGreaterThan(10);
        List<String> missing = new ArrayList<>();
        for (Path dir : packages) {
            Path info = dir.resolve("package-info.java");
            if (!Files.exists(info)) {
                missing.add(root().relativize(info) + ": missing");
                continue;
            }
            String text = Files.readString(info);
            if (!text.contains("Public API") && !text.contains("Not API"))
                missing.add(root().relativize(info) + ": says neither 'Public API' nor 'Not API'");
        }
        assertThat(missing).as("package-info.java files").isEmpty();
    }
}
