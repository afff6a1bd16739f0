package io.gridkeep.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The project's source files, for the rules that read sources rather than classes. */
public final class Sources {
    private Sources() {
    }

    /** The project's root directory, which the build names in {@code gridkeep.root}. */
    public static Path root() {
        String r = System.getProperty("gridkeep.root");
        assertThat(r).as("system property gridkeep.root (set by the build)").isNotNull();
        return Path.of(r);
    }

    /** Every {@code .java} file under {@code <module>/<set>} of every module, for each source set ({@code src/main/java}), sorted. */
    public static List<Path> javaFiles(String... sets) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root())) {
            for (Path m : modules.filter(Files::isDirectory).sorted().toList()) {
                for (String set : sets) {
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
}
