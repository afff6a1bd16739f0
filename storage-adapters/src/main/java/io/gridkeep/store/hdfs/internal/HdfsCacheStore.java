package io.gridkeep.store.hdfs.internal;

import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.internal.BackendStore;
import io.gridkeep.store.internal.HadoopConf;
import io.gridkeep.store.internal.ParallelLoad;
import io.gridkeep.store.internal.StartingCacheConfig;
import io.gridkeep.store.internal.VersionClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import javax.cache.Cache;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriterException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.lang.IgniteBiInClosure;

/**
 * The HDFS {@code CacheStore}: appends versioned records to per-partition segments, syncs them
 * before a batch is acknowledged, rolls segments by size and age, compacts in the background, and
 * rebuilds the latest state in {@code loadCache}. Keys and values are encoded by {@link RecordCodec}.
 *
 * <p>It connects on first use, not at cache start, so an HDFS that is down never keeps a node from
 * starting; a failed write drops the segments it was writing (readers skip their torn tails) and the
 * next write opens new ones. It runs no cache operation itself.
 */
public final class HdfsCacheStore<K, V> extends BackendStore<K, V> {
    private final HdfsSettings s;
    private final VersionClock clock = new VersionClock();
    // Segments are per store instance: a restarted node (a new node id) never appends to a file another
    // instance wrote. In a node the id is the node's, so that compaction tells a live writer by the topology;
    // a store outside a node keeps a short random id, which compaction judges by age (AbandonedSegments).
    private volatile String writerId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<Integer, SegmentWriter> writers = new HashMap<>();
    private volatile LongAdder rowsWritten = new LongAdder();
    private volatile LongAdder bytesWritten = new LongAdder();
    private volatile LongAdder failures = new LongAdder();
    private volatile LongAdder compactions = new LongAdder();
    private volatile LongAdder segmentsRolled = new LongAdder();
    private volatile LongAdder tornTails = new LongAdder();
    private volatile LongAdder tornKept = new LongAdder();
    private final Set<String> reportedTorn = ConcurrentHashMap.newKeySet();
    private final BusyTime busy = new BusyTime();
    private volatile RecordCodec codec;
    private volatile ExecutorService syncPool;
    private volatile ExecutorService appender;
    // Partition buffers are sized from the records seen so far, so that they rarely grow (each growth copies).
    private volatile int recordBytes = 256;
    private volatile FileSystem fs;
    private volatile Thread maintenance;
    private volatile boolean stopping;

    public HdfsCacheStore(HdfsSettings s) {
        this.s = s;
    }

    @Override
    public String storeName() {
        return "hdfs";
    }

    @Override
    public void start() {
        if (!inNode())
            return;
        refuseReadThrough();
        writerId = ignite.cluster().localNode().id().toString();
        registerMetrics();
        Thread t = new Thread(this::maintain, "gridkeep-hdfs-maintenance-" + cacheName);
        t.setDaemon(true);
        maintenance = t;
        t.start();
    }

    private void refuseReadThrough() {
        if (StartingCacheConfig.of(ignite, cacheName).map(CacheConfiguration::isReadThrough).orElse(false))
            throw new IgniteException("gridkeep: hdfs store of cache " + cacheName + ": readThrough=true is not supported: "
                + "HDFS holds a log, not an index, so a single key cannot be read back without reading its whole partition. "
                + "The grid holds the full data set; load it from HDFS with loadCache (gridkeep store load " + cacheName + "). "
                + "Set readThrough=false.");
    }

    private void registerMetrics() {
        StoreMetrics metrics = openMetrics();
        rowsWritten = metrics.counter(StoreMetrics.ROWS_WRITTEN, "Total number of records (writes and deletes) appended to HDFS.");
        bytesWritten = metrics.counter(StoreMetrics.BYTES_WRITTEN, "Total number of bytes appended to HDFS segments.");
        failures = metrics.counter(StoreMetrics.FAILURES, "Total number of HDFS batches (writes and deletes) that failed.");
        compactions = metrics.counter(StoreMetrics.COMPACTIONS, "Total number of partition compactions this node ran.");
        segmentsRolled = metrics.counter(StoreMetrics.SEGMENTS_ROLLED, "Total number of segments this node closed.");
        tornTails = metrics.counter(StoreMetrics.TORN_TAILS, "Total number of torn segment tails skipped by loadCache.");
        tornKept = metrics.counter(StoreMetrics.TORN_FILES_KEPT,
            "Total number of files with a torn tail that compaction kept rather than deleted (each counted once per node).");
        metrics.gauge(StoreMetrics.WRITE_SECONDS, () -> busy.nanos() / 1e9,
            "Total time with a batch being encoded, appended or synced, in seconds (its rate is how busy the store is).");
    }

    @Override
    public void stop() {
        stopping = true;
        Thread t = maintenance;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ExecutorService app = appender;
        if (app != null) {
            // Batches already handed over are finished (their callers wait for them), none is taken after.
            app.shutdown();
            try {
                app.awaitTermination(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            for (SegmentWriter w : writers.values()) {
                try {
                    w.roll();
                }
                catch (IOException | RuntimeException e) {
                    w.abandon();
                }
            }
            writers.clear();
        }
        ExecutorService pool = syncPool;
        if (pool != null)
            pool.shutdownNow();
        FileSystem f = fs;
        fs = null;
        if (f != null) {
            try {
                f.close();
            }
            catch (IOException e) {
                // Stopping: nothing to do with it.
            }
        }
        closeMetrics();
    }

    /** The cache's directory. */
    Path cacheDir() {
        return new Path(s.uri().endsWith("/") ? s.uri() : s.uri() + "/", s.directory() == null ? cacheName : s.directory());
    }

    private FileSystem fs() throws IOException {
        FileSystem f = fs;
        if (f != null)
            return f;
        synchronized (this) {
            if (fs == null)
                fs = FileSystem.newInstance(URI.create(s.uri()), HadoopConf.of(s.hadoopProperties()));
            return fs;
        }
    }

    @Override
    public V load(K key) {
        throw new UnsupportedOperationException("gridkeep: hdfs store of cache " + cacheName + ": no single-key reads; use loadCache");
    }

    @Override
    public void write(Cache.Entry<? extends K, ? extends V> e) {
        writeBatch(List.of(new Write<>(e.getKey(), e.getValue(), clock.next())), "write key " + e.getKey());
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
        List<Write<K, V>> batch = new ArrayList<>(entries.size());
        for (Cache.Entry<? extends K, ? extends V> e : entries)
            batch.add(new Write<>(e.getKey(), e.getValue(), clock.next()));
        writeBatch(batch, "write " + batch.size() + " entries");
        // All of it is durable: nothing is left for Ignite to report as not written.
        entries.clear();
    }

    @Override
    public void delete(Object key) {
        writeBatch(List.of(tombstone(key)), "delete key " + key);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
        List<Write<K, V>> batch = new ArrayList<>(keys.size());
        for (Object k : keys)
            batch.add(tombstone(k));
        writeBatch(batch, "delete " + batch.size() + " keys");
        keys.clear();
    }

    @SuppressWarnings("unchecked")
    private Write<K, V> tombstone(Object key) {
        return new Write<>((K)key, null, clock.next());
    }

    private void writeBatch(List<Write<K, V>> batch, String what) {
        try {
            applyAll(batch);
        }
        catch (Exception e) {
            throw e instanceof CacheWriterException cwe ? cwe : new CacheWriterException(fail(what, e), e);
        }
    }

    /**
     * Appends the batch to its partitions' segments and syncs each touched segment; returns only when
     * all of it is durable. A retry after a failure appends the records again, which is harmless: the
     * highest version of a key wins on load, and equal records are the same state.
     */
    @Override
    public void applyAll(List<Write<K, V>> batch) throws Exception {
        try {
            applyAllAsync(batch).toCompletableFuture().get();
        }
        catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new CacheWriterException(e.getCause());
        }
    }

    /**
     * Encodes the batch on the calling thread, then hands it to the one appender thread, which
     * appends and syncs batches in the order they came. The write-behind keeps two batches in flight,
     * so the next batch is encoded (CPU) while this one syncs (a round trip to the DataNodes).
     */
    @Override
    public CompletionStage<Void> applyAllAsync(List<Write<K, V>> batch) {
        if (batch.isEmpty())
            return CompletableFuture.completedFuture(null);
        busy.enter();
        Map<Integer, ByteArrayOutputStream> byPart;
        try {
            byPart = encode(batch);
        }
        catch (Exception e) {
            busy.exit();
            return CompletableFuture.failedFuture(new CacheWriterException(fail("encode " + batch.size() + " records", e), e));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            appender().execute(() -> {
                try {
                    append(byPart, batch.size());
                    done.complete(null);
                }
                catch (Throwable t) {
                    done.completeExceptionally(t);
                }
                finally {
                    busy.exit();
                }
            });
        }
        catch (RejectedExecutionException e) {
            busy.exit();
            done.completeExceptionally(new CacheWriterException(fail("write " + batch.size() + " records",
                new IllegalStateException("the store is stopping"))));
        }
        return done;
    }

    /** The batch's framed records, by store partition. */
    private Map<Integer, ByteArrayOutputStream> encode(List<Write<K, V>> batch) throws Exception {
        Map<Integer, ByteArrayOutputStream> byPart = new HashMap<>();
        RecordCodec m = codec();
        int parts = Math.min(s.partitions(), batch.size());
        int size = (int)Math.min(64 << 20, (long)recordBytes * (batch.size() / parts + 1) * 5 / 4);
        for (Write<K, V> w : batch) {
            byte[] key = m.encode(w.key());
            byte[] value = w.value() == null ? null : m.encode(w.value());
            int p = Math.floorMod(Arrays.hashCode(key), s.partitions());
            LogFormat.write(new LogRecord(key, value, w.version()), byPart.computeIfAbsent(p, x -> new ByteArrayOutputStream(size)));
        }
        long bytes = 0;
        for (ByteArrayOutputStream b : byPart.values())
            bytes += b.size();
        recordBytes = (int)Math.max(32, bytes / Math.max(1, batch.size()));
        return byPart;
    }

    private synchronized void append(Map<Integer, ByteArrayOutputStream> byPart, int records) throws Exception {
        try {
            FileSystem f = fs();
            long now = System.currentTimeMillis();
            for (Map.Entry<Integer, ByteArrayOutputStream> e : byPart.entrySet()) {
                SegmentWriter w = writers.computeIfAbsent(e.getKey(),
                    p -> new SegmentWriter(f, LogFiles.partition(cacheDir(), p), writerId));
                if (w.due(s.segmentMaxBytes(), s.segmentMaxAgeMillis(), now)) {
                    w.roll();
                    segmentsRolled.increment();
                }
                w.append(e.getValue());
                bytesWritten.add(e.getValue().size());
            }
            syncAll(byPart.keySet());
            rowsWritten.add(records);
        }
        catch (IOException | RuntimeException e) {
            failures.increment();
            // The streams may be broken half-way: never append to them again.
            writers.values().forEach(SegmentWriter::abandon);
            writers.clear();
            throw new CacheWriterException(fail("write " + records + " records", e), e);
        }
    }

    /**
     * Syncs the touched segments at once: each {@code hflush} waits for its own pipeline's
     * acknowledgement (about a millisecond here), so one after the other would cost a millisecond per
     * partition per batch.
     */
    private void syncAll(Set<Integer> parts) throws IOException {
        if (parts.size() == 1) {
            writers.get(parts.iterator().next()).sync(s.hsync());
            return;
        }
        List<Future<?>> fs = new ArrayList<>(parts.size());
        for (Integer p : parts) {
            SegmentWriter w = writers.get(p);
            fs.add(syncPool().submit(() -> {
                w.sync(s.hsync());
                return null;
            }));
        }
        IOException first = null;
        for (Future<?> f : fs) {
            try {
                f.get();
            }
            catch (ExecutionException e) {
                if (first == null)
                    first = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted syncing segments");
            }
        }
        if (first != null)
            throw first;
    }

    private ExecutorService syncPool() {
        ExecutorService p = syncPool;
        if (p == null) {
            synchronized (this) {
                if (syncPool == null) {
                    syncPool = Executors.newFixedThreadPool(Math.min(s.partitions(), 16), r -> {
                        Thread t = new Thread(r, "gridkeep-hdfs-sync-" + cacheName);
                        t.setDaemon(true);
                        return t;
                    });
                }
                p = syncPool;
            }
        }
        return p;
    }

    private ExecutorService appender() {
        ExecutorService a = appender;
        if (a == null) {
            synchronized (this) {
                if (appender == null) {
                    appender = Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(r, "gridkeep-hdfs-append-" + cacheName);
                        t.setDaemon(true);
                        return t;
                    });
                }
                a = appender;
            }
        }
        return a;
    }

    private RecordCodec codec() {
        RecordCodec c = codec;
        if (c == null)
            codec = c = new RecordCodec(ignite);
        return c;
    }

    @Override
    public void loadCache(IgniteBiInClosure<K, V> clo, Object... args) {
        FileSystem f;
        int highest;
        try {
            f = fs();
            highest = LogFiles.highestPartition(f, cacheDir());
        }
        catch (IOException | RuntimeException e) {
            throw new CacheLoaderException(fail("load the cache", e), e);
        }
        if (highest >= s.partitions())
            throw new CacheLoaderException(fail("load the cache", new IllegalStateException(cacheDir() + " has partition directory "
                + LogFiles.partition(cacheDir(), highest).getName() + ": it was written with at least " + (highest + 1)
                + " partitions, and this store has partitions=" + s.partitions() + "; set the HdfsStoreFactory property "
                + "'partitions' to the number it was written with (nothing was loaded)")));
        RecordCodec m = codec();
        Affinity<Object> aff = ignite.affinity(cacheName);
        ClusterNode local = ignite.cluster().localNode();
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        AtomicLong read = new AtomicLong();
        ParallelLoad load = new ParallelLoad(log, "HDFS store of cache " + cacheName, cacheDir().toString());
        List<Callable<Void>> parts = new ArrayList<>(s.partitions());
        for (int p = 0; p < s.partitions(); p++) {
            Path dir = LogFiles.partition(cacheDir(), p);
            parts.add(() -> {
                PartitionState st = PartitionState.read(f, dir, null);
                read.addAndGet(st.records);
                for (PartitionState.Torn t : st.torn) {
                    tornTails.increment();
                    log.warning("HDFS store of cache " + cacheName + ": " + t.file() + " is torn at byte " + t.offset() + " (" + t.why()
                        + "): its tail is skipped; a writer killed mid-write leaves this, "
                        + "and what it had not synced was never acknowledged");
                }
                for (LogRecord r : st.latest.values()) {
                    if (r.tombstone())
                        continue;
                    Object k = m.decode(r.key(), cl);
                    // Every node runs loadCache over the whole log; only its own entries are worth decoding.
                    if (!aff.isPrimaryOrBackup(local, k))
                        continue;
                    @SuppressWarnings("unchecked")
                    K key = (K)k;
                    @SuppressWarnings("unchecked")
                    V value = (V)m.decode(r.value(), cl);
                    clo.apply(key, value);
                    load.loaded();
                }
                return null;
            });
        }
        try {
            load.run("gridkeep-hdfs-load-" + cacheName, s.loadParallelism(), parts);
        }
        catch (Exception e) {
            throw new CacheLoaderException(fail("load the cache (" + load.count() + " entries loaded)", e), e);
        }
        long ms = load.elapsedMillis();
        if (log.isInfoEnabled())
            log.info("HDFS store of cache " + cacheName + ": loaded " + load.count() + " entries (of " + read.get() + " records read) from "
                + cacheDir() + " in " + ms + " ms (" + read.get() * 1000 / ms + " records/s, " + s.partitions() + " partitions, "
                + s.loadParallelism() + " at once)");
    }

    /** Rolls segments past their age and compacts the partitions this node is in charge of, until stopped. */
    private void maintain() {
        long every = Math.min(s.compactionIntervalMillis(), Math.max(1000, s.segmentMaxAgeMillis() / 2));
        while (!stopping) {
            try {
                Thread.sleep(every);
            }
            catch (InterruptedException e) {
                return;
            }
            try {
                rollAged();
                compactOwnPartitions();
            }
            catch (Exception e) {
                if (!stopping) {
                    failures.increment();
                    log.warning("HDFS store of cache " + cacheName + ": maintenance failed (retried in " + every + " ms): "
                        + fail("compact", e));
                }
            }
        }
    }

    private synchronized void rollAged() throws IOException {
        long now = System.currentTimeMillis();
        for (SegmentWriter w : writers.values()) {
            if (w.due(s.segmentMaxBytes(), s.segmentMaxAgeMillis(), now)) {
                try {
                    w.roll();
                    segmentsRolled.increment();
                }
                catch (IOException e) {
                    w.abandon();
                    throw e;
                }
            }
        }
    }

    /** Compacts the partitions whose number maps, by the cache's affinity, to this node as primary. */
    private void compactOwnPartitions() throws IOException {
        FileSystem f = fs();
        Affinity<Object> aff = ignite.affinity(cacheName);
        ClusterNode local = ignite.cluster().localNode();
        long now = System.currentTimeMillis();
        // A segment's writer is alive while its node is in the topology; only segments of earlier
        // versions (no node id in the name) fall back to age: live writers roll by age.
        Predicate<String> abandoned = AbandonedSegments.whoseWriterLeft(id -> ignite.cluster().node(id) != null,
            now - s.segmentMaxAgeMillis() - 2 * s.compactionIntervalMillis() - 60_000);
        long dropTombstonesBelow = (now - s.tombstoneGraceMillis()) * 1000;
        for (int p = 0; p < s.partitions() && !stopping; p++) {
            if (!local.equals(aff.mapPartitionToNode(p % aff.partitions())))
                continue;
            Path dir = LogFiles.partition(cacheDir(), p);
            Compactor.removeStaleTemporaries(f, dir, now - 10 * s.compactionIntervalMillis());
            Compactor.Result r = Compactor.compact(f, dir, s.compactionSegments(), abandoned, dropTombstonesBelow);
            if (r != null) {
                compactions.increment();
                if (log.isInfoEnabled())
                    log.info("HDFS store of cache " + cacheName + ": compacted " + dir + ": " + r.inputs() + " files, " + r.recordsIn()
                        + " records into " + r.recordsOut() + " in " + r.base().getName());
                for (PartitionState.Torn t : r.kept())
                    keptTorn(t);
            }
        }
    }

    /** A torn input that compaction kept: counted and logged once per file on this node, each compaction keeps it again. */
    private void keptTorn(PartitionState.Torn t) {
        if (!reportedTorn.add(t.file().toString()))
            return;
        tornKept.increment();
        log.warning("HDFS store of cache " + cacheName + ": compaction kept " + t.file() + ": its tail is torn at byte " + t.offset()
            + " (" + t.why() + "); the records before it are in the new base, the file stays for inspection and is never deleted "
            + "by compaction");
    }

    /** The message of a failure, also kept as the last error for {@code gridkeep store status}. */
    private String fail(String what, Throwable e) {
        String why = e == null ? "unknown error" : String.valueOf(e.getMessage());
        recordError("cannot " + what + ": " + why);
        return "gridkeep: hdfs store of cache " + cacheName + ": cannot " + what + " in " + s.uri() + ": " + why;
    }
}
