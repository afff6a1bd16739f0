package io.gridkeep.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every package of every module says in its package-info.java what it holds and whether it is
 * public API (docs/architecture.md, "Packages"). Read from the sources: javac keeps no class for a
 * package-info that has only a comment.
 */
class PackageDocsTest {
    private static List<Path> packagesWithSources() throws IOException {
        return Sources.javaFiles("src/main/java").stream().map(Path::getParent).distinct().sorted().toList();
    }

    @Test
    void everyPackageHasAPackageInfoThatSaysWhetherItIsPublicApi() throws IOException {
        List<Path> packages = packagesWithSources();
        assertThat(packages).as("packages found under " + Sources.root()).hasSizeGreaterThan(10);
        List<String> missing = new ArrayList<>();
        for (Path dir : packages) {
            Path info = dir.resolve("package-info.java");
            if (!Files.exists(info)) {
                missing.add(Sources.root().relativize(info) + ": missing");
                continue;
            }
            String text = Files.readString(info);
            if (!text.contains("Public API") && !text.contains("Not API"))
                missing.add(Sources.root().relativize(info) + ": says neither 'Public API' nor 'Not API'");
        }
        assertThat(missing).as("package-info.java files").isEmpty();
    }
}
