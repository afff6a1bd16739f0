package io.gridkeep.benchmarks;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code benchmarks/run}'s command line: the subcommands, their options and defaults, usage errors, and the harness's last line. */
class BenchmarkMainTest {
    private final StringWriter out = new StringWriter();

    private final StringWriter err = new StringWriter();

    @Test
    void listNamesEveryBenchmark() {
        assertThat(run("--list")).isZero();
        assertThat(out.toString().lines()).containsExactly("benchmarks: cassandra, compute, elk, exporter, hdfs, kv, writebehind-soak");
    }

    @Test
    void helpShowsTheBenchmarksAndEachOneItsOptionsWithItsOwnDefaults() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("kv", "compute", "exporter", "elk", "cassandra", "hdfs", "Exit codes");

        out.getBuffer().setLength(0);
        assertThat(run("kv", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: benchmarks/run kv", "--seconds=S", "(default: 2.0)", "--warmup-seconds=S",
            "(default: 1.0)", "--log-dir=DIR");

        out.getBuffer().setLength(0);
        assertThat(run("elk", "--help")).isZero();
        assertThat(out.toString()).contains("--seconds=S", "(default: 3.0)", "(default: 0.5)", "--ops-per-line=N")
            .doesNotContain("--log-dir");
    }

    @Test
    void optionsReachTheBenchmarkAndUnsetOnesKeepTheirDefaults() {
        KvBenchmark kv = parse(KvBenchmark.class, "kv", "--seconds", "1.5", "--warmup-seconds", "0", "--log-dir", "/tmp/x");
        assertThat(kv.timing.measureMs()).isEqualTo(1500);
        assertThat(kv.timing.warmupMs()).isZero();
        assertThat(kv.logDir.root).hasToString("/tmp/x");

        ExporterBenchmark exp = parse(ExporterBenchmark.class, "exporter");
        assertThat(exp.timing.measureMs()).isEqualTo(2000);
        assertThat(exp.timing.warmupMs()).isEqualTo(1000);

        ElkBenchmark elk = parse(ElkBenchmark.class, "elk", "--ops-per-line", "100");
        assertThat(elk.opsPerLine).isEqualTo(100);
        assertThat(elk.threads).isEqualTo(4);
        assertThat(elk.timing.measureMs()).isEqualTo(3000);
        assertThat(elk.timing.warmupMs()).isEqualTo(500);

        ComputeBenchmark compute = parse(ComputeBenchmark.class, "compute", "--rows", "10000");
        assertThat(compute.rows).isEqualTo(10_000);
        assertThat(compute.repeats).isEqualTo(5);

        CassandraBenchmark cassandra = parse(CassandraBenchmark.class, "cassandra", "--entries", "5000", "--rounds", "1", "--reads", "500");
        assertThat(List.of(cassandra.size.entries, cassandra.size.rounds, cassandra.reads, cassandra.batchRows))
            .containsExactly(5000, 1, 500, 10);

        HdfsBenchmark hdfs = parse(HdfsBenchmark.class, "hdfs", "--flush-size", "512");
        assertThat(List.of(hdfs.size.entries, hdfs.size.rounds, hdfs.flushSize, hdfs.valueBytes, hdfs.partitions))
            .containsExactly(200_000, 3, 512, 1024, 16);
    }

    @Test
    void badUsagePrintsPicocliErrorAndUsageAndExitsTwo() {
        assertThat(run("kv", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--bogus'", "Usage: benchmarks/run kv");
        assertThat(out.toString()).isEmpty();

        err.getBuffer().setLength(0);
        assertThat(run("cassandra", "--rounds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--rounds", "'0' is not a whole number of at least 1");

        err.getBuffer().setLength(0);
        assertThat(run("kv", "--seconds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--seconds");

        err.getBuffer().setLength(0);
        assertThat(run("nosuch")).isEqualTo(2);
        assertThat(err.toString()).contains("nosuch");
    }

    @Test
    void everyBenchmarkEndsOnTheRatioItsIssueNamed() {
        Map<String, String> last = new TreeMap<>();
        BenchmarkMain.commandLine(new PrintWriter(out), new PrintWriter(err)).getSubcommands()
            .forEach((name, cl) -> last.put(name, ((Benchmark)cl.getCommand()).ratio()));
        Map<String, String> named = new TreeMap<>(Map.of(
            "kv", "gridkeep_vs_plain_ignite_ratio",
            "compute", "colocated_vs_sql_ratio",
            "exporter", "exporter_overhead_ratio",
            "elk", "elk_shipping_overhead_ratio",
            "cassandra", "cassandra_store_vs_driver_ratio",
            "hdfs", "hdfs_store_vs_raw_ratio"));
        // Its issue named a verdict, soak_missing 0 soak_stale 0 soak_resurrected 0, not a ratio (see FiguresTest).
        named.put("writebehind-soak", null);
        assertThat(last).containsExactlyEntriesOf(named);
    }

    @Test
    void kvWithTlsEndsOnTheTlsRatioItsIssueNamed() {
        assertThat(parse(KvBenchmark.class, "kv", "--tls").ratio()).isEqualTo("tls_vs_plain_ratio");
        assertThat(parse(KvBenchmark.class, "kv").ratio()).isEqualTo("gridkeep_vs_plain_ignite_ratio");
    }

    @Test
    void theHarnessPrintsFiguresThenRatiosWithTheBenchmarksOwnLastAndExitsZero() {
        CommandLine cl = new CommandLine(new Tiny()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

        assertThat(cl.execute("--value", "12.5")).isZero();
        assertThat(out.toString().lines()).containsExactly(
            "tiny_value 12.5 ms",
            "tiny_rounds 2 rounds",
            "tiny_other_ratio 0.500",
            "tiny_overhead_ratio 1.250");
    }

    /** A benchmark that measures nothing: what the harness does around {@link Benchmark#run}. */
    @Command(name = "tiny")
    static final class Tiny extends Benchmark {
        @Option(names = "--value")
        double value;

        Tiny() {
            super("tiny_overhead_ratio");
        }

        @Override void run(Figures figures) {
            figures.figure("tiny_value", value, "ms");
            figures.ratio(ratio(), value / 10);
            figures.ratio("tiny_other_ratio", 0.5);
            figures.count("tiny_rounds", 2, "rounds");
        }
    }

    private int run(String... args) {
        int code = BenchmarkMain.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return code;
    }

    private <T> T parse(Class<T> type, String... args) {
        ParseResult r = BenchmarkMain.commandLine(new PrintWriter(out), new PrintWriter(err)).parseArgs(args);
        return type.cast(r.subcommand().commandSpec().userObject());
    }
}
