package io.gridkeep.benchmarks;

import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.JavaProcesses;
import io.gridkeep.testkit.NodeSlot;
import java.nio.file.Files;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;

/**
 * {@code benchmarks/run kv}: a GridKeep node (the distribution's {@code bin/gridkeep node start})
 * against a plain Ignite node with an equivalent hand-written configuration, both on this
 * machine in the same run. Thin-client get and put at 1, 8 and 32 threads, sync and async, and
 * JDBC point selects. Every figure is measured in the order GridKeep, plain, plain, GridKeep, so
 * that drift on this shared machine falls on both sides.
 */
final class KvBenchmark {
    private static final int KEYS = 100_000;
    private static final int ROWS = 10_000;

    private KvBenchmark() {
    }

    /** A side of the comparison: a node and its clients. */
    private record Target(String name, NodeSlot slot, ExternalProcess process, IgniteClient client) {
    }

    /** One figure: how to run it against a target. */
    private interface Workload {
        double run(Target t, long warmupMs, long measureMs) throws Exception;
    }

    static void main(String[] args) throws Exception {
        long measureMs = 2_000;
        long warmupMs = 1_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> measureMs = (long) (Double.parseDouble(args[++i]) * 1000);
                case "--warmup-seconds" -> warmupMs = (long) (Double.parseDouble(args[++i]) * 1000);
                default -> {
                    System.err.println("benchmarks: kv: unknown option '" + args[i] + "' (options: --seconds S, --warmup-seconds S)");
                    System.exit(2);
                }
            }
        }
        Path dist = Path.of(System.getProperty("gridkeep.distDir"));
        Path logs = Path.of(System.getProperty("gridkeep.benchLogDir", "target/bench-logs"));
        Files.createDirectories(logs);
        List<NodeSlot> slots = NodeSlot.forCluster("bench", 2);

        List<ExternalProcess> started = new ArrayList<>();
        List<IgniteClient> clients = new ArrayList<>();
        try {
            log("starting a GridKeep node from " + dist);
            NodeSlot gs = slots.get(0);
            ExternalProcess gk = ExternalProcess.start("gridkeep", List.of(dist.resolve("bin/gridkeep").toString(), "node", "start",
                    "--client-port", String.valueOf(gs.clientPort()), "--discovery-port", String.valueOf(gs.discoveryPort()),
                    "--communication-port", String.valueOf(gs.communicationPort()), "--metrics-port", String.valueOf(gs.metricsPort()),
                    "--discovery-addresses", "127.0.0.1:" + gs.discoveryPort(), "--work-dir", logs.resolve("gridkeep-work").toString()),
                Map.of("GRIDKEEP_HEAP", "1g"), logs.resolve("gridkeep.log"));
            started.add(gk);
            gk.awaitOutput("^Press Ctrl-C to stop\\.", Duration.ofSeconds(120));

            log("starting a plain Ignite node");
            NodeSlot ps = slots.get(1);
            ExternalProcess plain = JavaProcesses.start("plain", PlainIgniteNode.class.getName(),
                List.of(String.valueOf(ps.discoveryPort()), String.valueOf(ps.communicationPort()), String.valueOf(ps.clientPort())),
                // The same JVM flags bin/gridkeep gives a node.
                List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:+DisableExplicitGC", "-DIGNITE_QUIET=true", "-DIGNITE_NO_ASCII=true"),
                logs.resolve("plain.log"));
            started.add(plain);
            plain.awaitOutput("^plain ignite node ready", Duration.ofSeconds(120));

            Target g = new Target("gridkeep", gs, gk, connect(gs, clients));
            Target p = new Target("plain", ps, plain, connect(ps, clients));
            for (Target t : List.of(g, p))
                preload(t);

            Map<String, Workload> figures = new LinkedHashMap<>();
            for (int threads : new int[] {1, 8, 32}) {
                figures.put("kv_put_sync_t" + threads, (t, w, m) -> Throughput.measure(threads, w, m,
                    (th, i) -> t.client().cache("kv").put(ThinClientLoad.key(KEYS), "v" + i)));
                figures.put("kv_get_sync_t" + threads, (t, w, m) -> Throughput.measure(threads, w, m,
                    (th, i) -> t.client().cache("kv").get(ThinClientLoad.key(KEYS))));
                figures.put("kv_put_async_t" + threads, (t, w, m) -> ThinClientLoad.async(t.client().cache("kv"), KEYS, threads, w, m, true));
                figures.put("kv_get_async_t" + threads, (t, w, m) -> ThinClientLoad.async(t.client().cache("kv"), KEYS, threads, w, m, false));
            }
            for (int threads : new int[] {1, 8})
                figures.put("jdbc_point_select_t" + threads, (t, w, m) -> pointSelects(t, threads, w, m));

            Map<String, Double> ratios = new LinkedHashMap<>();
            for (Map.Entry<String, Workload> f : figures.entrySet()) {
                double g1 = f.getValue().run(g, warmupMs, measureMs);
                double p1 = f.getValue().run(p, warmupMs, measureMs);
                double p2 = f.getValue().run(p, warmupMs, measureMs);
                double g2 = f.getValue().run(g, warmupMs, measureMs);
                double gAvg = (g1 + g2) / 2;
                double pAvg = (p1 + p2) / 2;
                String unit = f.getKey().startsWith("jdbc") ? "queries/s" : "ops/s";
                BenchmarkMain.FIGURES.printf(Locale.ROOT, "%s_gridkeep %.0f %s%n", f.getKey(), gAvg, unit);
                BenchmarkMain.FIGURES.printf(Locale.ROOT, "%s_plain_ignite %.0f %s%n", f.getKey(), pAvg, unit);
                BenchmarkMain.FIGURES.flush();
                ratios.put(f.getKey(), gAvg / pAvg);
            }
            for (Map.Entry<String, Double> r : ratios.entrySet())
                BenchmarkMain.FIGURES.printf(Locale.ROOT, "%s_gridkeep_vs_plain_ratio %.3f%n", r.getKey(), r.getValue());
            double median = Stats.median(new java.util.ArrayList<>(ratios.values()));
            BenchmarkMain.FIGURES.printf(Locale.ROOT, "gridkeep_vs_plain_ignite_ratio %.3f%n", median);
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

    private static void preload(Target t) throws Exception {
        log("preloading " + KEYS + " entries and a " + ROWS + "-row table into " + t.name());
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

    private static void log(String msg) {
        System.err.println("benchmarks: kv: " + msg);
    }
}
