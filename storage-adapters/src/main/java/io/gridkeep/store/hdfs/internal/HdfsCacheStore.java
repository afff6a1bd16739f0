package io.gridkeep.store.hdfs.internal;

import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.internal.BackendStore;
import io.gridkeep.store.internal.StartingCacheConfig;
import io.gridkeep.store.internal.StoredClassFilter;
import io.gridkeep.store.internal.VersionClock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import javax.cache.Cache;
import javax.cache.integration.CacheWriterException;
import org.apache.ignite.IgniteException;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.lang.IgniteBiInClosure;

/**
 * The HDFS {@code CacheStore}: appends versioned records to per-partition segments, syncs them
 * before a batch is acknowledged, rolls segments by size and age, compacts in the background, and
 * rebuilds the latest state in {@code loadCache}. Keys and values are encoded by {@link RecordCodec}.
 * The work is done by its parts: {@link WritePipeline} (with {@link BatchEncoder} and
 * {@link OpenSegments}), {@link LogLoader} and {@link LogMaintenance}; this class wires them
 * together, starts and stops them, and registers the cache's metrics.
 *
 * <p>It connects on first use, not at cache start, so an HDFS that is down never keeps a node from
 * starting; a failed write drops the segments it was writing (readers skip their torn tails) and the
 * next write opens new ones. It runs no cache operation itself.
 */
public final class HdfsCacheStore<K, V> extends BackendStore<K, V> {
    private final HdfsSettings s;
    private final VersionClock clock = new VersionClock();
    private final BusyTime busy = new BusyTime();
    private volatile StoredClassFilter filter;
    private volatile RecordCodec codec;
    private volatile Parts<K, V> parts;

    /** The parts, made once Ignite's resources are there: they take the cache's name, log and writer id. */
    private record Parts<K, V>(LogDirectory dir, OpenSegments segments, WritePipeline<K, V> writes, LogLoader<K, V> loader,
                               LogMaintenance maintenance) {
    }

    public HdfsCacheStore(HdfsSettings s) {
        this.s = s;
        this.filter = StoredClassFilter.of(s.allowedClasses(), RecordCodec.OWN_CLASSES, "HdfsStoreFactory");
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
        filter = filter.with(StartingCacheConfig.declaredTypes(ignite, cacheName));
        HdfsCounters counters = registerMetrics();
        // In a node the writer id is the node's, so that compaction tells a live writer by the topology.
        Parts<K, V> p = open(ignite.cluster().localNode().id().toString(), counters);
        p.maintenance().start();
    }

    private void refuseReadThrough() {
        if (StartingCacheConfig.of(ignite, cacheName).map(CacheConfiguration::isReadThrough).orElse(false))
            throw new IgniteException("gridkeep: hdfs store of cache " + cacheName + ": readThrough=true is not supported: "
                + "HDFS holds a log, not an index, so a single key cannot be read back without reading its whole partition. "
                + "The grid holds the full data set; load it from HDFS with loadCache (gridkeep store load " + cacheName + "). "
                + "Set readThrough=false.");
    }

    private HdfsCounters registerMetrics() {
        StoreMetrics metrics = openMetrics();
        HdfsCounters counters = new HdfsCounters(
            metrics.counter(StoreMetrics.ROWS_WRITTEN, "Total number of records (writes and deletes) appended to HDFS."),
            metrics.counter(StoreMetrics.BYTES_WRITTEN, "Total number of bytes appended to HDFS segments."),
            metrics.counter(StoreMetrics.FAILURES, "Total number of HDFS batches (writes and deletes) that failed."),
            metrics.counter(StoreMetrics.COMPACTIONS, "Total number of partition compactions this node ran."),
            metrics.counter(StoreMetrics.SEGMENTS_ROLLED, "Total number of segments this node closed."),
            metrics.counter(StoreMetrics.TORN_TAILS, "Total number of torn segment tails skipped by loadCache."),
            metrics.counter(StoreMetrics.TORN_FILES_KEPT,
                "Total number of files with a torn tail that compaction kept rather than deleted (each counted once per node)."),
            metrics.counter(StoreMetrics.REJECTED_VALUES,
                "Total number of stored records skipped by loadCache because the store's allow-list rejected a class "
                    + "their key or value names."));
        metrics.gauge(StoreMetrics.WRITE_SECONDS, () -> busy.nanos() / 1e9,
            "Total time with a batch being encoded, appended or synced, in seconds (its rate is how busy the store is).");
        return counters;
    }

    private synchronized Parts<K, V> open(String writerId, HdfsCounters counters) {
        LogDirectory dir = new LogDirectory(s, cacheName);
        OpenSegments segments = new OpenSegments(s, cacheName, dir, writerId, counters, this::fail);
        CacheTopology topology = new NodeTopology(ignite, cacheName);
        Parts<K, V> p = new Parts<>(dir, segments,
            new WritePipeline<>(cacheName, new BatchEncoder<>(s.partitions(), this::codec), segments, busy, this::fail),
            new LogLoader<>(s, cacheName, dir, this::codec, topology, counters, log, this::fail),
            new LogMaintenance(s, cacheName, dir, segments, topology, counters, log, this::fail));
        parts = p;
        return p;
    }

    /** The parts of a store started in a node, or of one used without {@link #start}, made now. */
    private Parts<K, V> parts() {
        Parts<K, V> p = parts;
        if (p != null)
            return p;
        synchronized (this) {
            // A store outside a node keeps a short random writer id, which compaction judges by age (AbandonedSegments).
            return parts != null ? parts : open(UUID.randomUUID().toString().substring(0, 8), HdfsCounters.unregistered());
        }
    }

    @Override
    public void stop() {
        Parts<K, V> p = parts;
        if (p != null) {
            p.maintenance().stop();
            p.writes().stop();
            p.segments().close();
            p.dir().close();
        }
        closeMetrics();
    }

    private RecordCodec codec() {
        RecordCodec c = codec;
        if (c == null)
            codec = c = new RecordCodec(ignite, filter);
        return c;
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
        return parts().writes().applyAllAsync(batch);
    }

    @Override
    public void loadCache(IgniteBiInClosure<K, V> clo, Object... args) {
        parts().loader().load(clo);
    }

    /** The message of a failure, also kept as the last error for {@code gridkeep store status}. */
    private String fail(String what, Throwable e) {
        String why = e == null ? "unknown error" : String.valueOf(e.getMessage());
        recordError("cannot " + what + ": " + why);
        return "gridkeep: hdfs store of cache " + cacheName + ": cannot " + what + " in " + s.uri() + ": " + why;
    }
}
