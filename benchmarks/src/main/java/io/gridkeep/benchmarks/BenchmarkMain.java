package io.gridkeep.benchmarks;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Entry point of {@code benchmarks/run NAME [OPTIONS]}: one picocli command, a subcommand per benchmark. */
@Command(name = "benchmarks/run",
    description = "Runs one benchmark. It prints a `name value unit` line per figure, then its ratio lines, the ratio its issue "
        + "named last, and exits 0. Progress and the servers' output go to standard error.",
    subcommands = {KvBenchmark.class, ComputeBenchmark.class, ExporterBenchmark.class, ElkBenchmark.class, CassandraBenchmark.class,
        HdfsBenchmark.class, WriteBehindSoakBenchmark.class},
    footer = {"", "Exit codes: 0 measured, 1 a benchmark failed, 2 bad usage.",
        "Run 'benchmarks/run NAME --help' for a benchmark's options."})
public final class BenchmarkMain implements Runnable {
    /** Where figures go: the real standard output, kept before Ignite's console messages are sent to standard error. */
    static final PrintStream FIGURES = System.out;

    @Option(names = "--list", description = "Print the benchmarks' names and exit.")
    boolean list;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override public void run() {
        if (list)
            spec.commandLine().getOut().println("benchmarks: " + String.join(", ", new TreeSet<>(spec.subcommands().keySet())));
        else
            spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line of {@code benchmarks/run}, writing figures, help and the list to {@code out}. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return new CommandLine(new BenchmarkMain()).setOut(out).setErr(err);
    }

    public static void main(String[] args) {
        // Ignite prints its start-up summary on System.out; figures must stay machine-readable.
        System.setOut(System.err);
        int code = commandLine(new PrintWriter(FIGURES, true), new PrintWriter(System.err, true)).execute(args);
        // Ignite's and the clients' non-daemon threads may outlive the benchmark.
        System.exit(code);
    }
}
