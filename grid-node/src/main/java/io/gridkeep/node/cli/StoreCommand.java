package io.gridkeep.node.cli;

import io.gridkeep.node.GridKeepException;
import io.gridkeep.node.internal.MetricsText;
import io.gridkeep.node.internal.TextTable;
import io.gridkeep.observability.prometheus.PrometheusExporterSpi;
import io.gridkeep.store.tasks.LoadCacheTask;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.cluster.ClusterNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gridkeep store load|status}: the caches' persistent stores. */
@Command(name = "store", mixinStandardHelpOptions = true,
    description = "Load a cache from its store, or show the stores' state (from every node's metrics).",
    footer = {"", "Examples:", "  gridkeep store load orders", "  gridkeep store status"})
final class StoreCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
        description = "Run the cache store's loadCache (every node loads its share) and print how many entries the cache holds.")
    int load(@Mixin ConnectionOptions conn, @Parameters(index = "0", paramLabel = "CACHE") String cache) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        try (IgniteClient client = conn.thinClient("store load")) {
            if (!client.cacheNames().contains(cache))
                throw new GridKeepException("store load", "no cache named '" + cache + "'", "caches: " + String.join(", ", client.cacheNames()));
            long before = client.cache(cache).size();
            Future<Long> f = client.compute().executeAsync2(LoadCacheTask.class.getName(), cache);
            boolean terminal = System.console() != null;
            long lastDraw = 0;
            while (!f.isDone()) {
                Thread.sleep(200);
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (ms >= 2000 && ms - lastDraw >= (terminal ? 500 : 5000)) {
                    lastDraw = ms;
                    long rows = client.cache(cache).size() - before;
                    String line = String.format(Locale.ROOT, "loading %s: %,d entries, %,d/s", cache, rows, rows * 1000 / Math.max(1, ms));
                    err.print(terminal ? "\r" + line : line + System.lineSeparator());
                    err.flush();
                }
            }
            long size;
            try {
                size = f.get();
            }
            catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause() == null ? e : e.getCause();
                throw new GridKeepException("store load", "loadCache of " + cache + " failed: " + c.getMessage(), "cache " + cache);
            }
            if (lastDraw > 0 && terminal)
                err.println();
            long ms = Math.max(1, (System.nanoTime() - start) / 1_000_000);
            out.printf(Locale.ROOT, "loaded %s: %,d entries in the cache (%,d new) in %.1f s%n", cache, size, size - before, ms / 1000.0);
        }
        out.flush();
        return 0;
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
        description = "Per cache with a GridKeep store: mode, updates waiting, lag, backend up or down, rows written, failures (summed over the nodes).")
    int status(@Mixin ConnectionOptions conn) {
        PrintWriter out = spec.commandLine().getOut();
        List<ClusterNode> nodes;
        try (IgniteClient client = conn.thinClient("store status")) {
            nodes = new ArrayList<>(client.cluster().forServers().nodes());
        }
        Map<String, Row> rows = new TreeMap<>();
        List<String> unreachable = new ArrayList<>();
        for (ClusterNode n : nodes) {
            Object port = n.attribute(PrometheusExporterSpi.PORT_ATTRIBUTE);
            MetricsText m = port == null ? null : NodeFigures.fetchAny(n, port);
            if (m == null) {
                unreachable.add(String.valueOf(n.consistentId()));
                continue;
            }
            for (MetricsText.Sample s : m.samples()) {
                if (!s.name().startsWith("gridkeep_store_"))
                    continue;
                String key = s.labels().getOrDefault("cache", "?") + "|" + s.labels().getOrDefault("store", "?");
                rows.computeIfAbsent(key, k -> new Row()).add(s.name(), s.value());
            }
        }
        if (rows.isEmpty()) {
            out.println("no cache with a GridKeep store" + (unreachable.isEmpty() ? "" : " (metrics unreachable on " + unreachable + ")"));
            out.flush();
            return 0;
        }
        TextTable t = new TextTable("CACHE", "STORE", "MODE", "PENDING", "LAG", "BACKEND", "WRITTEN", "FAILURES", "READ HITS", "READ MISSES");
        rows.forEach((k, r) -> {
            String[] ck = k.split("\\|", 2);
            t.row(ck[0], ck[1], r.writeBehind ? "write-behind" : "write-through", count(r.pending), String.format(Locale.ROOT, "%.1f s", r.lag),
                r.down ? "DOWN" : "up", count(r.written), count(r.failures), count(r.hits), count(r.misses));
        });
        t.print(out);
        if (!unreachable.isEmpty())
            out.println("metrics unreachable on: " + String.join(", ", unreachable));
        out.flush();
        return 0;
    }

    private static String count(double v) {
        return String.format(Locale.ROOT, "%,d", (long)v);
    }

    /** One cache's figures summed over the nodes. */
    private static final class Row {
        boolean writeBehind;
        boolean down;
        double pending;
        double lag;
        double written;
        double failures;
        double hits;
        double misses;

        void add(String name, double v) {
            switch (name) {
                case "gridkeep_store_pending_entries" -> {
                    writeBehind = true;
                    pending += v;
                }
                case "gridkeep_store_flush_lag_seconds" -> lag = Math.max(lag, v);
                case "gridkeep_store_backend_up" -> down |= v == 0;
                // Rows the backend store wrote, in either mode (write-behind writes through it too).
                case "gridkeep_store_rows_written_total" -> written += v;
                case "gridkeep_store_failures_total", "gridkeep_store_flush_failures_total" -> failures += v;
                case "gridkeep_store_read_through_hits_total" -> hits += v;
                case "gridkeep_store_read_through_misses_total" -> misses += v;
                default -> {
                }
            }
        }
    }
}
