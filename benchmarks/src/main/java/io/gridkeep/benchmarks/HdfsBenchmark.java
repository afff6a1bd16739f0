package io.gridkeep.benchmarks;

import io.gridkeep.store.export.ExportRequest;
import io.gridkeep.store.export.ExportTask;
import io.gridkeep.store.hdfs.HdfsStoreFactory;
import io.gridkeep.store.writebehind.LossFreeWriteBehindFactory;
import io.gridkeep.store.writebehind.VersionedBackend;
import io.gridkeep.store.writebehind.VersionedBackend.Write;
import io.gridkeep.store.writebehind.WrappedStore;
import io.gridkeep.testkit.HdfsServer;
import io.gridkeep.testkit.NodeMetrics;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestNodeConfigs;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.store.CacheStore;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.lifecycle.LifecycleAware;
import org.apache.ignite.spi.metric.LongMetric;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;

/**
 * {@code benchmarks/run hdfs}: the HDFS store against the raw HDFS client, into one HDFS in one run.
 *
 * <ul>
 *   <li>Writes: N entries (default 200,000: an id, a name and a 1 KiB payload each) through the store in loss-free
 *       write-behind mode, timed from the first {@code putAll} until the store has synced the last
 *       record; then the raw client writes the same number of bytes (what the store appended) to
 *       one file, sequentially, in chunks of one flush batch, {@code hflush} after each as the store
 *       does. One untimed warm-up round, then rounds in alternating order; medians.</li>
 *   <li>Three store figures: end to end (the grid's puts included: they, not HDFS, set the pace here);
 *       the store's write path, the bytes it appended over the time it had a batch in hand
 *       ({@code WriteSeconds}), which the last line compares with the raw client; and the store
 *       alone, fed batches built beforehand with no grid in front.</li>
 *   <li>{@code loadCache} of the store's directory into an empty cache, records/s.</li>
 *   <li>Export of that cache to Parquet, rows/s.</li>
 * </ul>
 */
final class HdfsBenchmark {
    private static int flushSize = 4096;
    private static int valueBytes = 1024;
    private static int partitions = 16;

    private HdfsBenchmark() {
    }

    static void main(String[] args) throws Exception {
        int entries = 200_000;
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--entries" -> entries = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--value-bytes" -> valueBytes = Integer.parseInt(args[++i]);
                case "--flush-size" -> flushSize = Integer.parseInt(args[++i]);
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("benchmarks: hdfs: unknown option '" + args[i]
                        + "' (options: --entries N, --rounds N, --value-bytes N (payload per entry, default 1024), --flush-size N (write-behind batch, default 4096), --partitions N (the store's partitions, default 16))");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("gridkeep-bench-hdfs");
        progress("starting HDFS and a node...");
        Configuration conf = new Configuration();
        HdfsServer.CLIENT_PROPERTIES.forEach(conf::set);
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 20);
        try (HdfsServer hdfs = HdfsServer.start(dir.resolve("hdfs"));
             FileSystem fs = FileSystem.newInstance(URI.create(hdfs.uri()), conf);
             Ignite node = Ignition.start(TestNodeConfigs.server(NodeSlot.forCluster("hdfs-bench", 1).get(0)))) {
            progress(String.format(Locale.ROOT, "warming up (a round of %,d entries each way, not counted)...", entries));
            long warmBytes = storeWrites(node, hdfs.uri(), "warm", entries)[1];
            rawWrites(fs, "/raw/warm", warmBytes, entries);

            List<Double> storeRecs = new ArrayList<>();
            List<Double> storeMbs = new ArrayList<>();
            List<Double> pathMbs = new ArrayList<>();
            List<Double> rawMbs = new ArrayList<>();
            List<Double> directMbs = new ArrayList<>();
            String lastDir = null;
            for (int r = 0; r < rounds; r++) {
                String d = "round" + r;
                long[] store;
                double raw = 0;
                // Odd rounds run raw first (with the previous round's byte count), so that drift falls on both sides.
                if (r % 2 == 1 && !storeMbs.isEmpty()) {
                    progress(String.format(Locale.ROOT, "round %d/%d: raw client...", r + 1, rounds));
                    raw = rawWrites(fs, "/raw/" + d, lastBytes, entries);
                }
                progress(String.format(Locale.ROOT, "round %d/%d: %,d entries by the store (write-behind)...", r + 1, rounds, entries));
                store = storeWrites(node, hdfs.uri(), d, entries);
                double secs = store[0] / 1e9;
                storeRecs.add(entries / secs);
                storeMbs.add(store[1] / secs / 1e6);
                pathMbs.add(store[1] / (store[2] / 1e9) / 1e6);
                lastBytes = store[1];
                progress(String.format(Locale.ROOT, "  %,.0f records/s, %.1f MB/s end to end (%,d bytes); the store's writes: %.1f MB/s over %.2f s busy",
                    entries / secs, store[1] / secs / 1e6, store[1], store[1] / (store[2] / 1e9) / 1e6, store[2] / 1e9));
                if (raw == 0) {
                    progress(String.format(Locale.ROOT, "round %d/%d: raw client...", r + 1, rounds));
                    raw = rawWrites(fs, "/raw/" + d, store[1], entries);
                }
                rawMbs.add(raw);
                progress(String.format(Locale.ROOT, "  raw %.1f MB/s", raw));
                progress(String.format(Locale.ROOT, "round %d/%d: the store alone, fed batches as the write-behind does...", r + 1, rounds));
                double direct = directWrites(node, hdfs.uri(), "direct" + r, entries);
                directMbs.add(direct);
                progress(String.format(Locale.ROOT, "  store alone %.1f MB/s", direct));
                lastDir = d;
            }

            progress("loadCache of " + lastDir + "...");
            IgniteCache<Long, BenchDocument> lc = node.getOrCreateCache(new CacheConfiguration<Long, BenchDocument>("load")
                .setCacheStoreFactory(store(hdfs.uri(), lastDir)));
            long t0 = System.nanoTime();
            lc.loadCache(null);
            double loadRate = lc.size() / ((System.nanoTime() - t0) / 1e9);
            if (lc.size() != entries)
                throw new IllegalStateException("loadCache loaded " + lc.size() + " entries, not " + entries);

            progress("export of the loaded cache to Parquet...");
            t0 = System.nanoTime();
            long[] exported = node.compute().execute(new ExportTask(), new ExportRequest().cache("load").target(hdfs.uri() + "/exports/bench")
                .hadoopProperties(HdfsServer.CLIENT_PROPERTIES));
            double exportRate = exported[0] / ((System.nanoTime() - t0) / 1e9);

            double recs = Stats.median(storeRecs);
            double mbs = Stats.median(storeMbs);
            double raw = Stats.median(rawMbs);
            double path = Stats.median(pathMbs);
            figure("hdfs_entries", entries, "entries");
            figure("hdfs_value_payload", valueBytes, "bytes");
            figure("hdfs_flush_size", flushSize, "entries");
            figure("hdfs_store_partitions", partitions, "partitions");
            figure("hdfs_store_write_behind_records", recs, "records/s");
            figure("hdfs_store_write_behind_mb", mbs, "MB/s");
            figure("hdfs_store_write_path_mb", path, "MB/s");
            figure("hdfs_raw_sequential_write_mb", raw, "MB/s");
            figure("hdfs_store_alone_mb", Stats.median(directMbs), "MB/s");
            figure("hdfs_load_cache_records", loadRate, "records/s");
            figure("hdfs_export_parquet_rows", exportRate, "rows/s");
            figure("hdfs_store_end_to_end_vs_raw_ratio", mbs / raw, "");
            figure("hdfs_store_alone_vs_raw_ratio", Stats.median(directMbs) / raw, "");
            figure("hdfs_store_vs_raw_ratio", path / raw, "");
        }
    }

    private static long lastBytes;

    private static HdfsStoreFactory<Long, BenchDocument> store(String uri, String directory) {
        return new HdfsStoreFactory<Long, BenchDocument>().setUri(uri + "/gridkeep").setDirectory(directory).setPartitions(partitions)
            .setHadoopProperties(HdfsServer.CLIENT_PROPERTIES);
    }

    /** Returns {nanos from the first put to the last sync, bytes appended, nanos the store spent appending and syncing}. */
    private static long[] storeWrites(Ignite node, String uri, String directory, int n) throws Exception {
        String cacheName = "wb_" + directory;
        IgniteCache<Long, BenchDocument> cache = node.getOrCreateCache(new CacheConfiguration<Long, BenchDocument>(cacheName)
            .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC).setWriteThrough(true)
            .setCacheStoreFactory(new LossFreeWriteBehindFactory<Long, BenchDocument>().setStore(store(uri, directory))
                .setFlushIntervalMillis(1000).setFlushSize(flushSize).setMaxPending(Math.max(100_000, n))));
        ReadOnlyMetricRegistry metrics = NodeMetrics.registry(node, "custom.gridkeep.store.hdfs." + cacheName);
        LongMetric written = (LongMetric)metrics.findMetric("UpdatesWritten");
        LongMetric bytes = (LongMetric)metrics.findMetric("BytesWritten");
        org.apache.ignite.spi.metric.DoubleMetric busy = (org.apache.ignite.spi.metric.DoubleMetric)metrics.findMetric("WriteSeconds");
        byte[] payload = new byte[valueBytes];
        new java.util.Random(7).nextBytes(payload);
        long t0 = System.nanoTime();
        Map<Long, BenchDocument> batch = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            batch.put((long)i, new BenchDocument(i, payload));
            if (batch.size() == 1000 || i == n - 1) {
                cache.putAll(batch);
                batch.clear();
            }
        }
        long putNanos = System.nanoTime() - t0;
        while (written.value() < n)
            Thread.sleep(5);
        long nanos = System.nanoTime() - t0;
        progress(String.format(Locale.ROOT, "  puts acknowledged after %.2f s, all synced to HDFS after %.2f s", putNanos / 1e9, nanos / 1e9));
        long b = bytes.value();
        long busyNanos = (long)(busy.value() * 1e9);
        cache.destroy();
        return new long[] {nanos, b, busyNanos};
    }

    /**
     * The store with no grid in front of it: batches of flushSize, two in flight, through the same
     * {@code applyAllAsync} the write-behind calls, values built beforehand. Shows the store's own
     * capacity, which the end-to-end figure cannot: there the grid's puts set the pace. MB/s.
     */
    @SuppressWarnings("unchecked")
    private static double directWrites(Ignite node, String uri, String directory, int n) throws Exception {
        CacheStore<Long, BenchDocument> cs = store(uri, directory).create();
        ((WrappedStore)cs).bind(node, node.log(), "alone_" + directory, null);
        ((LifecycleAware)cs).start();
        var backend = (VersionedBackend<Long, BenchDocument>)cs;
        byte[] payload = new byte[valueBytes];
        new java.util.Random(7).nextBytes(payload);
        List<List<Write<Long, BenchDocument>>> batches = new ArrayList<>();
        for (int i = 0; i < n; i += flushSize) {
            List<Write<Long, BenchDocument>> b = new ArrayList<>(flushSize);
            for (int k = i; k < Math.min(n, i + flushSize); k++)
                b.add(new Write<>((long)k, new BenchDocument(k, payload), k + 1L));
            batches.add(b);
        }
        ReadOnlyMetricRegistry metrics = NodeMetrics.registry(node, "custom.gridkeep.store.hdfs.alone_" + directory);
        long t0 = System.nanoTime();
        ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        for (var b : batches) {
            if (inFlight.size() == 2)
                inFlight.poll().join();
            inFlight.add(backend.applyAllAsync(b).toCompletableFuture());
        }
        while (!inFlight.isEmpty())
            inFlight.poll().join();
        long nanos = System.nanoTime() - t0;
        long bytes = ((LongMetric)metrics.findMetric("BytesWritten")).value();
        ((LifecycleAware)cs).stop();
        return bytes / (nanos / 1e9) / 1e6;
    }

    /** MB/s writing {@code bytes} to one file in chunks of what one flush batch appends, hflush after each. */
    private static double rawWrites(FileSystem fs, String path, long bytes, int entries) throws Exception {
        int chunk = (int)Math.max(4096, bytes / Math.max(1, entries / flushSize));
        byte[] buf = new byte[chunk];
        new java.util.Random(1).nextBytes(buf);
        long t0 = System.nanoTime();
        try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(path), true)) {
            for (long left = bytes; left > 0; left -= chunk) {
                out.write(buf, 0, (int)Math.min(chunk, left));
                out.hflush();
            }
        }
        return bytes / ((System.nanoTime() - t0) / 1e9) / 1e6;
    }



    private static void progress(String msg) {
        System.err.println("benchmarks: hdfs: " + msg);
    }

    private static void figure(String name, double value, String unit) {
        BenchmarkMain.FIGURES.println(String.format(Locale.ROOT, unit.isEmpty() ? "%s %.3f" : "%s %.1f %s", name, value, unit).trim());
    }
}
