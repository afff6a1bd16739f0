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
        "compute", ComputeBenchmark::main));

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--list")) {
            System.out.println("benchmarks: " + String.join(", ", BENCHMARKS.keySet()));
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
