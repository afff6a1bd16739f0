package io.gridkeep.benchmarks;

import picocli.CommandLine.Option;

/** {@code --seconds} and {@code --warmup-seconds} of the benchmarks that measure for a fixed time; each gives its defaults. */
final class Timing {
    @Option(names = "--seconds", paramLabel = "S", converter = Numbers.PositiveSeconds.class,
        description = "Seconds each measurement runs (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup-seconds", paramLabel = "S", converter = Numbers.Seconds.class,
        description = "Seconds of unmeasured load before each measurement (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    /** Picocli reads the defaults from the fields of this instance, so {@code --help} shows each benchmark's own. */
    Timing(double seconds, double warmupSeconds) {
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
    }

    long measureMs() {
        return (long)(seconds * 1000);
    }

    long warmupMs() {
        return (long)(warmupSeconds * 1000);
    }
}
