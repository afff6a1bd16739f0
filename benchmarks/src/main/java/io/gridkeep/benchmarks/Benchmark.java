package io.gridkeep.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A subcommand of {@code benchmarks/run}: its options are picocli fields of the subclass (shared ones come
 * from {@link Timing}, {@link LogDir} and {@link WriteRounds}); {@link #run} measures and reports through
 * {@link Figures}, and the harness prints the ratios last, the benchmark's own ratio the very last line.
 */
@Command(sortOptions = false)
abstract class Benchmark implements Callable<Integer> {
    private final String ratio;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this benchmark's options and exit.")
    boolean help;

    /** @param ratio the ratio this benchmark's issue asked for, printed as its last line */
    Benchmark(String ratio) {
        this.ratio = ratio;
    }

    /** Measures; every figure and ratio goes to {@code figures}. */
    abstract void run(Figures figures) throws Exception;

    @Override public final Integer call() throws Exception {
        Figures figures = new Figures(spec.commandLine().getOut(), ratio());
        run(figures);
        figures.printRatios();
        return 0;
    }

    /** The ratio printed last: the one given to the constructor, unless an option picks another comparison. */
    String ratio() {
        return ratio;
    }

    /** A line on standard error, where progress goes: standard output is only figures. */
    final void progress(String msg) {
        System.err.println("benchmarks: " + spec.name() + ": " + msg);
    }

    /** A new directory for the data of the servers this run starts (they start empty every run). */
    final Path scratchDir() throws IOException {
        return Files.createTempDirectory("gridkeep-bench-" + spec.name());
    }
}
