package io.gridkeep.benchmarks;

import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.NodeSlot;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code benchmarks/run kv}: a GridKeep node (the distribution's {@code bin/gridkeep node start})
 * against a plain Ignite node with an equivalent hand-written configuration, both on this
 * machine in the same run. Thin-client get and put at 1, 8 and 32 threads, sync and async, and
 * JDBC point selects. Every figure is measured in the order GridKeep, plain, plain, GridKeep, so
 * that drift on this shared machine falls on both sides.
 */
@Command(name = "kv", description = "Thin-client and JDBC throughput: a GridKeep node (bin/gridkeep node start) vs plain Ignite.")
final class KvBenchmark extends Benchmark {
    private static final int KEYS = 100_000;
    private static final int ROWS = 10_000;

    @Mixin
    Timing timing = new Timing(2, 1);

    @Mixin
    LogDir logDir = new LogDir();

    KvBenchmark() {
        super("gridkeep_vs_plain_ignite_ratio");
    }

    /** A side of the comparison: a node and its clients. */
    private record Target(String name, NodeSlot slot, ExternalProcess process, IgniteClient client) {
    }

    /** One figure: how to run it against a target. */
    private interface Workload {
        double run(Target t, long warmupMs, long measureMs) throws Exception;
    }

    @Override void run(Figures out) throws Exception {
        long measureMs = timing.measureMs();
        long warmupMs = timing.warmupMs();
        Path dist = Path.of(System.getProperty("gridkeep.distDir"));
        Path logs = logDir.forBenchmark("kv");
        // Two clusters of one node each, so that the GridKeep node and the plain one never join.
        NodeSlot gs = NodeSlot.forCluster("bench-gridkeep", 1).get(0);
        NodeSlot ps = NodeSlot.forCluster("bench-plain", 1).get(0);

        List<ExternalProcess> started = new ArrayList<>();
        List<IgniteClient> clients = new ArrayList<>();
        try {
            progress("starting a GridKeep node from " + dist);
            List<String> cmd = new ArrayList<>(List.of(dist.resolve("bin/gridkeep").toString()));
            cmd.addAll(gs.nodeStartArgs("--work-dir", logs.resolve("gridkeep-work").toString()));
            ExternalProcess gk = ExternalProcess.start("gridkeep", cmd, Map.of("GRIDKEEP_HEAP", "1g"), logs.resolve("gridkeep.log"));
            started.add(gk);
            gk.awaitOutput("^Press Ctrl-C to stop\\.", Duration.ofSeconds(120));

            progress("starting a plain Ignite node");
            // The same JVM flags bin/gridkeep gives a node.
            ExternalProcess plain = PlainIgniteNode.start("plain", ps, false,
                List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:+DisableExplicitGC", "-DIGNITE_QUIET=true", "-DIGNITE_NO_ASCII=true"),
                logs.resolve("plain.log"));
            started.add(plain);

            Target g = new Target("gridkeep", gs, gk, connect(gs, clients));
            Target p = new Target("plain", ps, plain, connect(ps, clients));
            for (Target t : List.of(g, p))
                preload(t);

            Map<String, Workload> workloads = new LinkedHashMap<>();
            for (int threads : new int[] {1, 8, 32}) {
                workloads.put("kv_put_sync_t" + threads, (t, w, m) -> Throughput.measure(threads, w, m,
                    (th, i) -> t.client().cache("kv").put(ThinClientLoad.key(KEYS), "v" + i)));
                workloads.put("kv_get_sync_t" + threads, (t, w, m) -> Throughput.measure(threads, w, m,
                    (th, i) -> t.client().cache("kv").get(ThinClientLoad.key(KEYS))));
                workloads.put("kv_put_async_t" + threads,
                    (t, w, m) -> ThinClientLoad.async(t.client().cache("kv"), KEYS, threads, w, m, true));
                workloads.put("kv_get_async_t" + threads,
                    (t, w, m) -> ThinClientLoad.async(t.client().cache("kv"), KEYS, threads, w, m, false));
            }
            for (int threads : new int[] {1, 8})
                workloads.put("jdbc_point_select_t" + threads, (t, w, m) -> pointSelects(t, threads, w, m));

            List<Double> ratios = new ArrayList<>();
            for (Map.Entry<String, Workload> f : workloads.entrySet()) {
                double g1 = f.getValue().run(g, warmupMs, measureMs);
                double p1 = f.getValue().run(p, warmupMs, measureMs);
                double p2 = f.getValue().run(p, warmupMs, measureMs);
                double g2 = f.getValue().run(g, warmupMs, measureMs);
                double gAvg = (g1 + g2) / 2;
                double pAvg = (p1 + p2) / 2;
                String unit = f.getKey().startsWith("jdbc") ? "queries/s" : "ops/s";
                out.figure(f.getKey() + "_gridkeep", gAvg, unit);
                out.figure(f.getKey() + "_plain_ignite", pAvg, unit);
                out.ratio(f.getKey() + "_gridkeep_vs_plain_ratio", gAvg / pAvg);
                ratios.add(gAvg / pAvg);
            }
            out.ratio(ratio(), Stats.median(ratios));
        }
        finally {
            for (IgniteClient c : clients)
                c.close();
            for (ExternalProcess proc : started)
                proc.close();
        }
    }

    private static IgniteClient connect(NodeSlot s, List<IgniteClient> clients) {
        IgniteClient c = Ignition.startClient(new ClientConfiguration().setAddresses(s.clientAddress()));
        clients.add(c);
        return c;
    }

    private void preload(Target t) throws Exception {
        progress("preloading " + KEYS + " entries and a " + ROWS + "-row table into " + t.name());
        ClientCache<Integer, String> kv = t.client().cache("kv");
        Map<Integer, String> batch = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            batch.put(i, "v" + i);
            if (batch.size() == 1000) {
                kv.putAll(batch);
                batch.clear();
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:ignite:thin://" + t.slot().clientAddress());
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS bench (id INT PRIMARY KEY, v VARCHAR)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench (id, v) VALUES (?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "row-" + i);
                    ps.addBatch();
                    if (i % 1000 == 999)
                        ps.executeBatch();
                }
            }
        }
    }

    private static double pointSelects(Target t, int threads, long warmupMs, long measureMs) throws Exception {
        List<Connection> conns = new ArrayList<>();
        List<PreparedStatement> stmts = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Connection c = DriverManager.getConnection("jdbc:ignite:thin://" + t.slot().clientAddress());
                conns.add(c);
                stmts.add(c.prepareStatement("SELECT v FROM bench WHERE id = ?"));
            }
            return Throughput.measure(threads, warmupMs, measureMs, (th, i) -> {
                PreparedStatement ps = stmts.get(th);
                int id = ThreadLocalRandom.current().nextInt(ROWS);
                ps.setInt(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next())
                        throw new IllegalStateException("row " + id + " missing");
                }
            });
        }
        finally {
            for (Connection c : conns)
                c.close();
        }
    }
}
