package io.gridkeep.benchmarks;

import io.gridkeep.compute.GridCompute;
import io.gridkeep.testkit.ForkedCluster;
import io.gridkeep.testkit.TestNodeConfigs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteDataStreamer;
import org.apache.ignite.Ignition;
import org.apache.ignite.binary.BinaryField;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code benchmarks/run compute}: the per-group sum of {@code --rows} rows (1M) on a 3-node cluster (separate
 * JVMs), computed three ways in the same run: colocated map-reduce (GridCompute), SQL GROUP BY,
 * and pulling every entry to a thin client with a scan. All three answers must agree.
 */
@Command(name = "compute",
    description = "Per-group sum of --rows rows on 3 server JVMs: colocated map-reduce vs SQL GROUP BY vs pulling every row to a client.")
final class ComputeBenchmark extends Benchmark {
    private static final int GROUPS = 100;

    @Option(names = "--rows", paramLabel = "N", converter = Numbers.PositiveInt.class,
        description = "Rows in the table (default: ${DEFAULT-VALUE}).")
    int rows = 1_000_000;

    @Option(names = "--repeats", paramLabel = "N", converter = Numbers.PositiveInt.class,
        description = "Timed rounds of each way after one untimed round; medians (default: ${DEFAULT-VALUE}).")
    int repeats = 5;

    @Mixin
    LogDir logDir = new LogDir();

    ComputeBenchmark() {
        super("colocated_vs_sql_ratio");
    }

    @Override void run(Figures out) throws Exception {
        Path logs = logDir.forBenchmark("compute");
        progress("starting 3 server JVMs");
        try (ForkedCluster servers = ForkedCluster.start(3, logs, List.of("-Xms1g", "-Xmx1g"), null);
             Ignite client = Ignition.start(TestNodeConfigs.client("bench-compute-client", servers.slots()));
             IgniteClient thin = Ignition.startClient(new ClientConfiguration().setAddresses(servers.clientAddresses()))) {
            String url = "jdbc:ignite:thin://" + String.join(",", servers.clientAddresses());
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE sale (id INT PRIMARY KEY, grp INT, amount BIGINT) "
                    + "WITH \"template=partitioned,backups=1,cache_name=sales,value_type=Sale\"");
            }
            progress("loading " + rows + " rows");
            try (IgniteDataStreamer<Integer, BinaryObject> s = client.dataStreamer("sales")) {
                s.keepBinary(true);
                for (int i = 0; i < rows; i++)
                    s.addData(i, client.binary().builder("Sale").setField("GRP", i % GROUPS).setField("AMOUNT", (long)(i % 1000) * 7)
                        .build());
            }

            Map<String, Callable<Map<Integer, Long>>> ways = new LinkedHashMap<>();
            ways.put("colocated_mapreduce", () -> colocated(client));
            ways.put("sql_group_by_calcite", () -> sql(url + "?queryEngine=calcite"));
            ways.put("sql_group_by_h2", () -> sql(url + "?queryEngine=h2"));
            ways.put("pull_to_client", () -> pull(thin));

            Map<String, List<Double>> times = new LinkedHashMap<>();
            Map<Integer, Long> reference = null;
            for (int r = 0; r <= repeats; r++) {
                for (Map.Entry<String, Callable<Map<Integer, Long>>> w : ways.entrySet()) {
                    long t0 = System.nanoTime();
                    Map<Integer, Long> res = w.getValue().call();
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (reference == null)
                        reference = res;
                    else if (!reference.equals(res))
                        throw new IllegalStateException(w.getKey() + " disagrees with colocated_mapreduce");
                    progress(String.format(Locale.ROOT, "round %d: %s %.1f ms", r, w.getKey(), ms));
                    // Round 0 warms up every path (class loading, plans); it is not counted.
                    if (r > 0)
                        times.computeIfAbsent(w.getKey(), k -> new ArrayList<>()).add(ms);
                }
            }
            // The fixed cost of a map-reduce: every partition reserved and opened, no entry read.
            double overhead = 0;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                GridCompute.on(client).<Integer, Object, Integer, Integer>mapReduce("sales", (p, it) -> 0, l -> l.size());
                overhead += (System.nanoTime() - t0) / 1e6;
            }
            out.figure("compute_mapreduce_fixed_cost_ms", overhead / repeats, "ms");
            // Medians: one stalled run (seen here: a pull that took over a minute) must not decide the figure.
            Map<String, Double> medianMs = new LinkedHashMap<>();
            for (Map.Entry<String, List<Double>> e : times.entrySet()) {
                double median = Stats.median(e.getValue());
                medianMs.put(e.getKey(), median);
                out.figure("compute_group_sum_" + e.getKey() + "_ms", median, "ms");
            }
            double col = medianMs.get("colocated_mapreduce");
            out.count("compute_rows", rows, "rows");
            out.ratio("colocated_vs_sql_h2_ratio", medianMs.get("sql_group_by_h2") / col);
            out.ratio("colocated_vs_pull_ratio", medianMs.get("pull_to_client") / col);
            out.ratio("colocated_vs_sql_ratio", medianMs.get("sql_group_by_calcite") / col);
        }
    }

    private static Map<Integer, Long> colocated(Ignite client) {
        // Written as a user who cares would: field accessors resolved once per partition, sums in a flat array.
        return GridCompute.on(client).withKeepBinary().<Integer, BinaryObject, long[], Map<Integer, Long>>mapReduce("sales",
            (partition, entries) -> {
                long[] sums = new long[GROUPS];
                BinaryField grp = null;
                BinaryField amount = null;
                while (entries.hasNext()) {
                    BinaryObject v = entries.next().getValue();
                    if (grp == null) {
                        grp = v.type().field("GRP");
                        amount = v.type().field("AMOUNT");
                    }
                    sums[grp.<Integer>value(v)] += amount.<Long>value(v);
                }
                return sums;
            },
            parts -> {
                Map<Integer, Long> all = new TreeMap<>();
                for (long[] p : parts) {
                    for (int g = 0; g < GROUPS; g++) {
                        if (p[g] != 0)
                            all.merge(g, p[g], Long::sum);
                    }
                }
                return all;
            });
    }

    private static Map<Integer, Long> sql(String url) throws Exception {
        Map<Integer, Long> all = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT grp, SUM(amount) FROM sale GROUP BY grp")) {
            while (rs.next())
                all.put(rs.getInt(1), rs.getLong(2));
        }
        return all;
    }

    private static Map<Integer, Long> pull(IgniteClient thin) {
        Map<Integer, Long> all = new TreeMap<>();
        try (QueryCursor<Cache.Entry<Integer, BinaryObject>> cur = thin.<Integer, BinaryObject>cache("sales").withKeepBinary()
            .query(new ScanQuery<Integer, BinaryObject>().setPageSize(4096))) {
            for (Cache.Entry<Integer, BinaryObject> e : cur)
                all.merge(e.getValue().<Integer>field("GRP"), e.getValue().<Long>field("AMOUNT"), Long::sum);
        }
        return all;
    }
}
