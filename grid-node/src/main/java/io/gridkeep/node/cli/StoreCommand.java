package io.gridkeep.node.cli;

import io.gridkeep.node.GridKeepException;
import io.gridkeep.node.internal.TextTable;
import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.export.ExportRequest;
import io.gridkeep.store.export.ExportTask;
import io.gridkeep.store.tasks.LoadCacheTask;
import io.gridkeep.store.tasks.StoreStatusTask;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.ignite.client.ClientException;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.cluster.ClusterState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridkeep store load|status|export}: the caches' persistent stores. */
@Command(name = "store", mixinStandardHelpOptions = true,
    description = "Load a cache from its store, show the stores' state (from every node's metrics), or export a cache to Parquet.",
    footer = {"", "Examples:", "  gridkeep store load orders", "  gridkeep store status",
        "  gridkeep store export orders --to hdfs://namenode:8020/exports/orders --format parquet"})
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
            cache = CacheNames.resolve(client, "store load", cache);
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
            catch (ExecutionException e) {
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
        description = "Per cache with a GridKeep store: mode, updates waiting, lag, backend up or down, rows written, failures "
            + "(summed over the server nodes) and the last error any node saw.")
    int status(@Mixin ConnectionOptions conn) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        List<StoreStatusTask.NodeStores> nodes;
        try (IgniteClient client = conn.thinClient("store status")) {
            nodes = client.compute().execute(StoreStatusTask.class.getName(), null);
        }
        Map<String, Row> rows = new TreeMap<>();
        List<String> unreachable = new ArrayList<>();
        for (StoreStatusTask.NodeStores n : nodes) {
            if (n.error() != null)
                unreachable.add(n.node() + " (" + n.error() + ")");
            n.stores().forEach((registry, metrics) -> StoreMetrics.idOf(registry).ifPresent(id -> {
                Row r = rows.computeIfAbsent(id.cache() + "|" + id.store(), k -> new Row());
                metrics.forEach(r::add);
            }));
        }
        if (rows.isEmpty()) {
            out.println("no cache with a GridKeep store" + (unreachable.isEmpty() ? "" : " (no answer from " + unreachable + ")"));
            out.flush();
            return 0;
        }
        TextTable t = new TextTable("CACHE", "STORE", "MODE", "PENDING", "LAG", "BACKEND", "WRITTEN", "FAILURES", "READ HITS",
            "READ MISSES", "LAST ERROR");
        rows.forEach((k, r) -> {
            String[] ck = k.split("\\|", 2);
            String lag = String.format(Locale.ROOT, "%.1f s", r.lag);
            t.row(ck[0], ck[1], r.writeBehind ? "write-behind" : "write-through", count(r.pending), lag,
                r.down ? "DOWN" : "up", count(r.written), count(r.failures), count(r.hits), count(r.misses),
                r.lastError.isEmpty() ? "-" : abbreviate(r.lastError, 120));
        });
        t.print(out);
        if (!unreachable.isEmpty())
            out.println("no answer from: " + String.join(", ", unreachable));
        out.flush();
        return 0;
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a cache (or SQL table) as Parquet files into a directory, for Spark, Hive or Trino: one typed column per SQL "
            + "column or field; every server writes its primary partitions in parallel; files appear with a _SUCCESS marker only when "
            + "all of them are written.",
            "Rows are read partition by partition while the grid keeps serving writes; with --read-only the cluster refuses updates "
            + "for the duration, so that the export is one point in time."})
    int export(@Mixin ConnectionOptions conn, @Parameters(index = "0", paramLabel = "CACHE") String cache,
               @Option(names = "--to", required = true, paramLabel = "DIR",
                   description = "Target directory: hdfs://namenode:8020/path (or file:///path on every server).") String to,
               @Option(names = "--format", defaultValue = "parquet", paramLabel = "FORMAT",
                   description = "File format: parquet (the only one so far; default).") String format,
               @Option(names = "--overwrite",
                   description = "Replace what the target directory holds.") boolean overwrite,
               @Option(names = "--read-only",
                   description = "Switch the cluster to ACTIVE_READ_ONLY during the export (updates fail meanwhile) "
                       + "and back to ACTIVE after.")
               boolean readOnly,
               @Option(names = "--hadoop", paramLabel = "KEY=VALUE",
                   description = "A Hadoop client setting for the servers' writers, e.g. dfs.replication=2; repeatable.")
               Map<String, String> hadoop) {
        PrintWriter out = spec.commandLine().getOut();
        if (!format.equals("parquet"))
            throw new UsageException("store export", "--format " + format + " is not supported (parquet is)", "option --format");
        URI uri;
        try {
            uri = URI.create(to);
        }
        catch (IllegalArgumentException e) {
            throw new UsageException("store export", "--to " + to + " is not a URI: " + e.getMessage(), "option --to");
        }
        if (uri.getScheme() == null)
            throw new UsageException("store export", "--to " + to + " has no scheme (hdfs://namenode:8020/path or file:///path)",
                "option --to");
        long start = System.nanoTime();
        try (IgniteClient client = conn.thinClient("store export")) {
            cache = CacheNames.resolve(client, "store export", cache);
            ClusterState before = client.cluster().state();
            if (readOnly)
                client.cluster().state(ClusterState.ACTIVE_READ_ONLY);
            long[] result;
            try {
                result = client.compute().execute(ExportTask.class.getName(),
                    new ExportRequest().cache(cache).target(to).overwrite(overwrite).hadoopProperties(hadoop == null ? Map.of() : hadoop));
            }
            catch (ClientException e) {
                throw new GridKeepException("store export", rootMessage(e), "cache " + cache + ", target " + to);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GridKeepException("store export", "interrupted", "cache " + cache);
            }
            finally {
                if (readOnly)
                    client.cluster().state(before);
            }
            double secs = Math.max(1, (System.nanoTime() - start) / 1_000_000) / 1000.0;
            out.printf(Locale.ROOT, "exported %s: %,d rows in %d Parquet files to %s in %.1f s (%,.0f rows/s)%n",
                cache, result[0], result[1], to, secs, result[0] / secs);
        }
        out.flush();
        return 0;
    }

    private static String rootMessage(Throwable e) {
        String msg = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("gridkeep: export"))
                msg = t.getMessage().substring(t.getMessage().indexOf("gridkeep: export") + "gridkeep: ".length());
        }
        return msg;
    }

    private static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }

    private static String count(double v) {
        return String.format(Locale.ROOT, "%,d", (long)v);
    }

    /** One cache's figures summed over the nodes. */
    private static final class Row {
        boolean writeBehind;
        String lastError = "";
        boolean down;
        double pending;
        double lag;
        double written;
        double failures;
        double hits;
        double misses;

        void add(String name, String text) {
            if (name.equals(StoreMetrics.LAST_ERROR)) {
                // Starts with its ISO time: the greatest is the latest.
                if (text != null && text.compareTo(lastError) > 0)
                    lastError = text;
                return;
            }
            double v;
            try {
                v = Double.parseDouble(text);
            }
            catch (NumberFormatException e) {
                v = "true".equals(text) ? 1 : 0;
            }
            switch (name) {
                case StoreMetrics.PENDING_ENTRIES -> {
                    writeBehind = true;
                    pending += v;
                }
                case StoreMetrics.FLUSH_LAG_SECONDS -> lag = Math.max(lag, v);
                case StoreMetrics.BACKEND_UP -> down |= v == 0;
                // Rows the backend store wrote, in either mode (write-behind writes through it too).
                case StoreMetrics.ROWS_WRITTEN -> written += v;
                // Requests the backend failed, in either mode; FlushFailures counts the same failures per retried batch.
                case StoreMetrics.FAILURES -> failures += v;
                case StoreMetrics.READ_THROUGH_HITS -> hits += v;
                case StoreMetrics.READ_THROUGH_MISSES -> misses += v;
                default -> {
                }
            }
        }
    }
}
