package io.gridkeep.benchmarks;

import io.gridkeep.node.tls.TlsStores;
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
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.client.SslMode;
import org.apache.ignite.configuration.ClientConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code benchmarks/run kv}: a GridKeep node (the distribution's {@code bin/gridkeep node start})
 * against a plain Ignite node with an equivalent hand-written configuration, both on this
 * machine in the same run. Thin-client get and put at 1, 8 and 32 threads, sync and async, and
 * JDBC point selects. Every figure is measured in the order GridKeep, plain, plain, GridKeep, so
 * that drift on this shared machine falls on both sides.
 *
 * <p>With {@code --tls}, the cost of TLS instead: a GridKeep node with TLS on every port (certificates
 * from the distribution's {@code gridkeep certs}) against a GridKeep node without, thin-client put
 * and get only, ending with {@code tls_vs_plain_ratio}.
 */
@Command(name = "kv", description = "Thin-client and JDBC throughput: a GridKeep node (bin/gridkeep node start) vs plain Ignite; "
    + "with --tls, a GridKeep node with TLS vs one without.")
final class KvBenchmark extends Benchmark {
    private static final int KEYS = 100_000;
    private static final int ROWS = 10_000;
    private static final String TLS_RATIO = "tls_vs_plain_ratio";

    @Option(names = "--tls", description = "Measure the cost of TLS: a GridKeep node with TLS vs one without, thin-client put and "
        + "get (last line " + TLS_RATIO + ").")
    boolean tls;

    @Mixin
    Timing timing = new Timing(2, 1);

    @Mixin
    LogDir logDir = new LogDir();

    KvBenchmark() {
        super("gridkeep_vs_plain_ignite_ratio");
    }

    @Override String ratio() {
        return tls ? TLS_RATIO : super.ratio();
    }

    /** A side of the comparison: a node and its clients. */
    private record Target(String name, NodeSlot slot, ExternalProcess process, IgniteClient client) {
    }

    /** One figure: how to run it against a target. */
    private interface Workload {
        double run(Target t, long warmupMs, long measureMs) throws Exception;
    }

    @Override void run(Figures out) throws Exception {
        Path dist = Path.of(System.getProperty("gridkeep.distDir"));
        Path logs = logDir.forBenchmark(tls ? "kv-tls" : "kv");
        List<ExternalProcess> started = new ArrayList<>();
        List<IgniteClient> clients = new ArrayList<>();
        try {
            Target g;
            Target p;
            if (tls) {
                Path certs = createCertificates(dist, logs.resolve("certs"));
                // Two clusters of one node each, so that the two nodes never join.
                NodeSlot ts = NodeSlot.forCluster("bench-tls", 1).get(0);
                NodeSlot ps = NodeSlot.forCluster("bench-plain", 1).get(0);
                progress("starting a GridKeep node with TLS");
                ExternalProcess tlsNode = startGridKeep(dist, ts, logs, "tls", started, "--tls-keystore",
                    certs.resolve("node1.p12").toString());
                progress("starting a GridKeep node without TLS");
                ExternalProcess plainNode = startGridKeep(dist, ps, logs, "plain", started);
                ClientConfiguration tlsClient = new ClientConfiguration().setAddresses(ts.clientAddress()).setSslMode(SslMode.REQUIRED)
                    .setSslContextFactory(TlsStores.client(null, certs.resolve(TlsStores.TRUSTSTORE_FILE)));
                g = new Target("tls", ts, tlsNode, connect(tlsClient, clients));
                p = new Target("plain", ps, plainNode, connect(new ClientConfiguration().setAddresses(ps.clientAddress()), clients));
            }
            else {
                NodeSlot gs = NodeSlot.forCluster("bench-gridkeep", 1).get(0);
                NodeSlot ps = NodeSlot.forCluster("bench-plain", 1).get(0);
                progress("starting a GridKeep node from " + dist);
                ExternalProcess gk = startGridKeep(dist, gs, logs, "gridkeep", started);
                progress("starting a plain Ignite node");
                // The same JVM flags bin/gridkeep gives a node.
                ExternalProcess plain = PlainIgniteNode.start("plain", ps, false,
                    List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:+DisableExplicitGC", "-DIGNITE_QUIET=true", "-DIGNITE_NO_ASCII=true"),
                    logs.resolve("plain.log"));
                started.add(plain);
                g = new Target("gridkeep", gs, gk, connect(new ClientConfiguration().setAddresses(gs.clientAddress()), clients));
                p = new Target("plain", ps, plain, connect(new ClientConfiguration().setAddresses(ps.clientAddress()), clients));
            }
            preload(g, !tls);
            preload(p, !tls);
            compare(out, g, p, workloads());
        }
        finally {
            for (IgniteClient c : clients)
                c.close();
            for (ExternalProcess proc : started)
                proc.close();
        }
    }

    /** The figures: thin-client put and get, sync and async, at 1, 8 and 32 threads; JDBC point selects unless {@code --tls}. */
    private Map<String, Workload> workloads() {
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
        if (!tls) {
            for (int threads : new int[] {1, 8})
                workloads.put("jdbc_point_select_t" + threads, (t, w, m) -> pointSelects(t, threads, w, m));
        }
        return workloads;
    }

    /** Each figure in the order g, p, p, g; a ratio per figure, then their median as the last line. */
    private void compare(Figures out, Target g, Target p, Map<String, Workload> workloads) throws Exception {
        long measureMs = timing.measureMs();
        long warmupMs = timing.warmupMs();
        List<Double> ratios = new ArrayList<>();
        for (Map.Entry<String, Workload> f : workloads.entrySet()) {
            double g1 = f.getValue().run(g, warmupMs, measureMs);
            double p1 = f.getValue().run(p, warmupMs, measureMs);
            double p2 = f.getValue().run(p, warmupMs, measureMs);
            double g2 = f.getValue().run(g, warmupMs, measureMs);
            double gAvg = (g1 + g2) / 2;
            double pAvg = (p1 + p2) / 2;
            String unit = f.getKey().startsWith("jdbc") ? "queries/s" : "ops/s";
            String gName = tls ? "tls" : "gridkeep";
            String pName = tls ? "plain" : "plain_ignite";
            out.figure(f.getKey() + "_" + gName, gAvg, unit);
            out.figure(f.getKey() + "_" + pName, pAvg, unit);
            out.ratio(f.getKey() + "_" + gName + "_vs_plain_ratio", gAvg / pAvg);
            ratios.add(gAvg / pAvg);
        }
        out.ratio(ratio(), Stats.median(ratios));
    }

    /** A CA, a node keystore {@code node1.p12} and the trust store, written by the distribution's {@code gridkeep certs}. */
    private Path createCertificates(Path dist, Path dir) throws Exception {
        progress("creating a CA and a node certificate in " + dir + " (gridkeep certs)");
        String gridkeep = dist.resolve("bin/gridkeep").toString();
        for (List<String> args : List.of(List.of("certs", "create-ca", "--dir", dir.toString(), "--force"),
            List.of("certs", "issue", "--ca", dir.toString(), "--name", "node1", "--force"))) {
            List<String> cmd = new ArrayList<>(List.of(gridkeep));
            cmd.addAll(args);
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean exited = proc.waitFor(120, TimeUnit.SECONDS);
            if (!exited || proc.exitValue() != 0) {
                proc.destroy();
                throw new IllegalStateException("'" + String.join(" ", cmd) + "' " + (exited ? "failed with exit " + proc.exitValue()
                    : "did not finish in 120 s") + ": run it by hand to see why");
            }
        }
        return dir;
    }

    private static ExternalProcess startGridKeep(Path dist, NodeSlot slot, Path logs, String name, List<ExternalProcess> started,
        String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(dist.resolve("bin/gridkeep").toString()));
        List<String> args = new ArrayList<>(List.of("--work-dir", logs.resolve(name + "-work").toString()));
        args.addAll(List.of(extra));
        cmd.addAll(slot.nodeStartArgs(args.toArray(String[]::new)));
        ExternalProcess node = ExternalProcess.start(name, cmd, Map.of("GRIDKEEP_HEAP", "1g"), logs.resolve(name + ".log"));
        started.add(node);
        node.awaitOutput("^Press Ctrl-C to stop\\.", Duration.ofSeconds(120));
        return node;
    }

    private static IgniteClient connect(ClientConfiguration cfg, List<IgniteClient> clients) {
        IgniteClient c = Ignition.startClient(cfg);
        clients.add(c);
        return c;
    }

    private void preload(Target t, boolean table) throws Exception {
        progress("preloading " + KEYS + " entries" + (table ? " and a " + ROWS + "-row table" : "") + " into " + t.name());
        ClientCache<Integer, String> kv = t.client().cache("kv");
        Map<Integer, String> batch = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            batch.put(i, "v" + i);
            if (batch.size() == 1000) {
                kv.putAll(batch);
                batch.clear();
            }
        }
        if (!table)
            return;
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
