package io.gridkeep.benchmarks;

import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.export.ExportRequest;
import io.gridkeep.store.export.ExportRoots;
import io.gridkeep.store.export.ExportTask;
import io.gridkeep.store.hdfs.HdfsStoreFactory;
import io.gridkeep.store.writebehind.LossFreeWriteBehindFactory;
import io.gridkeep.store.VersionedBackend;
import io.gridkeep.store.VersionedBackend.Write;
import io.gridkeep.store.WrappedStore;
import io.gridkeep.testkit.HdfsServer;
import io.gridkeep.testkit.NodeMetrics;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestNodeConfigs;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.store.CacheStore;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.lifecycle.LifecycleAware;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
@Command(name = "hdfs", description = "The HDFS store's write-behind (and the store alone) vs the raw HDFS client's sequential write; "
    + "loadCache and Parquet export rates.")
final class HdfsBenchmark extends Benchmark {
    @Mixin
    WriteRounds size = new WriteRounds();

    @Option(names = "--value-bytes", paramLabel = "N", converter = Numbers.PositiveInt.class,
        description = "Payload bytes per entry (default: ${DEFAULT-VALUE}).")
    int valueBytes = 1024;

    @Option(names = "--flush-size", paramLabel = "N", converter = Numbers.PositiveInt.class,
        description = "Entries per write-behind batch, and per batch of the store-alone leg (default: ${DEFAULT-VALUE}).")
    int flushSize = 4096;

    @Option(names = "--partitions", paramLabel = "N", converter = Numbers.PositiveInt.class,
        description = "The store's partitions (default: ${DEFAULT-VALUE}).")
    int partitions = 16;

    HdfsBenchmark() {
        super("hdfs_store_vs_raw_ratio");
    }

    @Override void run(Figures out) throws Exception {
        int entries = size.entries;
        int rounds = size.rounds;
        Path dir = scratchDir();
        progress("starting HDFS and a node...");
        Configuration conf = new Configuration();
        HdfsServer.CLIENT_PROPERTIES.forEach(conf::set);
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 20);
        try (HdfsServer hdfs = HdfsServer.start(dir.resolve("hdfs"));
             FileSystem fs = FileSystem.newInstance(URI.create(hdfs.uri()), conf);
             // The export at the end writes below this node's export root, as a node's configuration allows it.
             Ignite node = Ignition.start(TestNodeConfigs.server(NodeSlot.forCluster("hdfs-bench", 1).get(0))
                 .setLifecycleBeans(new ExportRoots().setRoots(hdfs.uri() + "/exports")))) {
            progress(String.format(Locale.ROOT, "warming up (a round of %,d entries each way, not counted)...", entries));
            long warmBytes = storeWrites(node, hdfs.uri(), "warm", entries)[1];
            rawWrites(fs, "/raw/warm", warmBytes, entries);

            List<Double> storeRecs = new ArrayList<>();
            List<Double> storeMbs = new ArrayList<>();
            List<Double> pathMbs = new ArrayList<>();
            List<Double> rawMbs = new ArrayList<>();
            List<Double> directMbs = new ArrayList<>();
            String lastDir = null;
            long lastBytes = 0;
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
                progress(String.format(Locale.ROOT,
                    "  %,.0f records/s, %.1f MB/s end to end (%,d bytes); the store's writes: %.1f MB/s over %.2f s busy",
                    entries / secs, store[1] / secs / 1e6, store[1], store[1] / (store[2] / 1e9) / 1e6, store[2] / 1e9));
                if (raw == 0) {
                    progress(String.format(Locale.ROOT, "round %d/%d: raw client...", r + 1, rounds));
                    raw = rawWrites(fs, "/raw/" + d, store[1], entries);
                }
                rawMbs.add(raw);
                progress(String.format(Locale.ROOT, "  raw %.1f MB/s", raw));
                progress(String.format(Locale.ROOT, "round %d/%d: the store alone, fed batches as the write-behind does...",
                    r + 1, rounds));
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
            double loadRate = Stats.perSecond(lc.size(), t0);
            if (lc.size() != entries)
                throw new IllegalStateException("loadCache loaded " + lc.size() + " entries, not " + entries);

            progress("export of the loaded cache to Parquet...");
            t0 = System.nanoTime();
            long[] exported = node.compute().execute(new ExportTask(), new ExportRequest().cache("load")
                .target(hdfs.uri() + "/exports/bench").hadoopProperties(HdfsServer.CLIENT_PROPERTIES));
            double exportRate = Stats.perSecond(exported[0], t0);

            double recs = Stats.median(storeRecs);
            double mbs = Stats.median(storeMbs);
            double raw = Stats.median(rawMbs);
            double path = Stats.median(pathMbs);
            double alone = Stats.median(directMbs);
            out.count("hdfs_entries", entries, "entries");
            out.count("hdfs_value_payload", valueBytes, "bytes");
            out.count("hdfs_flush_size", flushSize, "entries");
            out.count("hdfs_store_partitions", partitions, "partitions");
            out.figure("hdfs_store_write_behind_records", recs, "records/s");
            out.figure("hdfs_store_write_behind_mb", mbs, "MB/s");
            out.figure("hdfs_store_write_path_mb", path, "MB/s");
            out.figure("hdfs_raw_sequential_write_mb", raw, "MB/s");
            out.figure("hdfs_store_alone_mb", alone, "MB/s");
            out.figure("hdfs_load_cache_records", loadRate, "records/s");
            out.figure("hdfs_export_parquet_rows", exportRate, "rows/s");
            out.ratio("hdfs_store_end_to_end_vs_raw_ratio", mbs / raw);
            out.ratio("hdfs_store_alone_vs_raw_ratio", alone / raw);
            out.ratio(ratio(), path / raw);
        }
    }

    private HdfsStoreFactory<Long, BenchDocument> store(String uri, String directory) {
        // Its values are of a class of the benchmark's own, which loadCache may deserialize only when allowed.
        return new HdfsStoreFactory<Long, BenchDocument>().setUri(uri + "/gridkeep").setDirectory(directory).setPartitions(partitions)
            .setHadoopProperties(HdfsServer.CLIENT_PROPERTIES).setAllowedClasses(List.of(BenchDocument.class.getName()));
    }

    /** Returns {nanos from the first put to the last sync, bytes appended, nanos the store spent appending and syncing}. */
    private long[] storeWrites(Ignite node, String uri, String directory, int n) throws Exception {
        String cacheName = "wb_" + directory;
        IgniteCache<Long, BenchDocument> cache = GridWrites.writeBehindCache(node, cacheName,
            new LossFreeWriteBehindFactory<Long, BenchDocument>().setStore(store(uri, directory)).setFlushIntervalMillis(1000)
                .setFlushSize(flushSize).setMaxPending(Math.max(100_000, n)));
        ReadOnlyMetricRegistry metrics = NodeMetrics.registry(node, StoreMetrics.listedName("hdfs", cacheName));
        byte[] payload = payload();
        GridWrites.Leg leg = GridWrites.writeBehind(cache, n, i -> new BenchDocument(i, payload),
            () -> NodeMetrics.longValue(metrics, StoreMetrics.UPDATES_WRITTEN));
        progress(String.format(Locale.ROOT, "  puts acknowledged after %.2f s, all synced to HDFS after %.2f s", leg.putNanos() / 1e9,
            leg.nanos() / 1e9));
        long b = NodeMetrics.longValue(metrics, StoreMetrics.BYTES_WRITTEN);
        long busyNanos = (long)(NodeMetrics.doubleValue(metrics, StoreMetrics.WRITE_SECONDS) * 1e9);
        cache.destroy();
        return new long[] {leg.nanos(), b, busyNanos};
    }

    /** The payload every entry carries: {@code --value-bytes} bytes, the same in every run. */
    private byte[] payload() {
        byte[] payload = new byte[valueBytes];
        new Random(7).nextBytes(payload);
        return payload;
    }

    /**
     * The store with no grid in front of it: batches of flushSize, two in flight, through the same
     * {@code applyAllAsync} the write-behind calls, values built beforehand. Shows the store's own
     * capacity, which the end-to-end figure cannot: there the grid's puts set the pace. MB/s.
     */
    @SuppressWarnings("unchecked")
    private double directWrites(Ignite node, String uri, String directory, int n) throws Exception {
        CacheStore<Long, BenchDocument> cs = store(uri, directory).create();
        ((WrappedStore)cs).bind(node, node.log(), "alone_" + directory, null);
        ((LifecycleAware)cs).start();
        var backend = (VersionedBackend<Long, BenchDocument>)cs;
        byte[] payload = payload();
        List<List<Write<Long, BenchDocument>>> batches = new ArrayList<>();
        for (int i = 0; i < n; i += flushSize) {
            List<Write<Long, BenchDocument>> b = new ArrayList<>(flushSize);
            for (int k = i; k < Math.min(n, i + flushSize); k++)
                b.add(new Write<>((long)k, new BenchDocument(k, payload), k + 1L));
            batches.add(b);
        }
        ReadOnlyMetricRegistry metrics = NodeMetrics.registry(node, StoreMetrics.listedName("hdfs", "alone_" + directory));
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
        long bytes = NodeMetrics.longValue(metrics, StoreMetrics.BYTES_WRITTEN);
        ((LifecycleAware)cs).stop();
        return bytes / (nanos / 1e9) / 1e6;
    }

    /** MB/s writing {@code bytes} to one file in chunks of what one flush batch appends, hflush after each. */
    private double rawWrites(FileSystem fs, String path, long bytes, int entries) throws Exception {
        int chunk = (int)Math.max(4096, bytes / Math.max(1, entries / flushSize));
        byte[] buf = new byte[chunk];
        new Random(1).nextBytes(buf);
        long t0 = System.nanoTime();
        try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(path), true)) {
            for (long left = bytes; left > 0; left -= chunk) {
                out.write(buf, 0, (int)Math.min(chunk, left));
                out.hflush();
            }
        }
        return Stats.perSecond(bytes, t0) / 1e6;
    }
}
