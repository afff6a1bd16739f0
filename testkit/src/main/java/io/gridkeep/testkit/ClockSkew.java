package io.gridkeep.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A process's wall clock set off from the machine's by a fixed amount, with Debian's libfaketime
 * (package {@code faketime}): {@code System.currentTimeMillis()} and everything else that reads the
 * wall clock see the offset. Monotonic clocks move by the same constant, which leaves every interval
 * as it is; libfaketime's {@code FAKETIME_DONT_FAKE_MONOTONIC=1} is not used because under it the
 * JVM's timed waits ({@code Object.wait(ms)}, {@code LockSupport.parkNanos}) return at once, and a
 * node spins instead of waiting. The library is preloaded into the process itself rather than run
 * through the {@code faketime} command, which forks: killing it would leave its child running.
 *
 * <pre>{@code
 * ForkedCluster cluster = ForkedCluster.start(3, dirs.logs(), jvmOptions, null, MyConfigurer.class,
 *     Map.of(1, ClockSkew.of(Duration.ofMinutes(-5))));
 * }</pre>
 */
public record ClockSkew(Duration offset) {
    private static final Path LIBRARY_DIR = Path.of("/usr/lib");

    public static ClockSkew of(Duration offset) {
        return new ClockSkew(offset);
    }

    /** The environment that sets the process's clock off; fails loudly when libfaketime is not installed. */
    Map<String, String> environment() {
        long s = offset.toSeconds();
        return Map.of("LD_PRELOAD", library().toString(), "FAKETIME", (s >= 0 ? "+" : "") + s + "s");
    }

    private static Path library() {
        try (Stream<Path> arches = Files.list(LIBRARY_DIR)) {
            return arches.map(a -> a.resolve("faketime/libfaketime.so.1")).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("a test runs a process under clock skew and needs libfaketime "
                    + "(" + LIBRARY_DIR + "/<arch>/faketime/libfaketime.so.1): install Debian's package faketime (run-tests does)"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
