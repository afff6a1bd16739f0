package io.gridkeep.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --log-dir}: where the benchmarks that fork JVMs write those JVMs' logs and work directories. */
final class LogDir {
    @Option(names = "--log-dir", paramLabel = "DIR", defaultValue = "${sys:gridkeep.benchLogDir:-target/bench-logs}",
        description = "Root of the forked JVMs' logs; each benchmark writes below DIR/NAME (default: ${DEFAULT-VALUE}).")
    Path root;

    /** {@code DIR/name}, created. */
    Path forBenchmark(String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }
}
