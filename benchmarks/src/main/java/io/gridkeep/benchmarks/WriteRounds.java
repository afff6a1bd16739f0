package io.gridkeep.benchmarks;

import picocli.CommandLine.Option;

/** {@code --entries} and {@code --rounds} of the store benchmarks: how much each leg writes and how many timed rounds. */
final class WriteRounds {
    @Option(names = "--entries", paramLabel = "N", converter = Numbers.PositiveInt.class,
        description = "Entries each leg writes (default: ${DEFAULT-VALUE}).")
    int entries = 200_000;

    @Option(names = "--rounds", paramLabel = "N", converter = Numbers.PositiveInt.class,
        description = "Timed rounds after the untimed warm-up round; medians (default: ${DEFAULT-VALUE}).")
    int rounds = 3;
}
