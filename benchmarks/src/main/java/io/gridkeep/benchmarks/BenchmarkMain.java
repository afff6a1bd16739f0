package io.gridkeep.benchmarks;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Entry point of {@code benchmarks/run NAME [OPTIONS]}. */
public final class BenchmarkMain {
    /** A benchmark that can be run by name. */
    interface Benchmark {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Benchmark> BENCHMARKS = new TreeMap<>(Map.of(
        "kv", KvBenchmark::main,
        "compute", ComputeBenchmark::main,
        "exporter", ExporterBenchmark::main,
        "elk", ElkBenchmark::main,
        "cassandra", CassandraBenchmark::main,
        "hdfs", HdfsBenchmark::main));

    private BenchmarkMain() {
    }

    /** Where figures go: the real standard output, kept before Ignite's console messages are sent to standard error. */
    static final java.io.PrintStream FIGURES = System.out;

    public static void main(String[] args) throws Exception {
        // Ignite prints its start-up summary on System.out; figures must stay machine-readable.
        System.setOut(System.err);
        if (args.length == 0 || args[0].equals("--list")) {
            FIGURES.println("benchmarks: " + String.join(", ", BENCHMARKS.keySet()));
            return;
        }
        Benchmark b = BENCHMARKS.get(args[0]);
        if (b == null) {
            System.err.println("benchmarks: unknown benchmark '" + args[0] + "' (known: " + String.join(", ", BENCHMARKS.keySet()) + ")");
            System.exit(2);
        }
        b.run(Arrays.copyOfRange(args, 1, args.length));
        System.exit(0);
    }
}
