package io.gridkeep.store.hdfs.internal;

import io.gridkeep.store.internal.ParallelLoad;
import io.gridkeep.store.internal.RejectedClassException;
import io.gridkeep.store.internal.Rejections;
import io.gridkeep.store.internal.StoreFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.cache.integration.CacheLoaderException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.lang.IgniteBiInClosure;

/**
 * The store's {@code loadCache}: rebuilds the latest state of every partition of the log
 * ({@link PartitionState}), partitions read in parallel, and hands this node's live entries to the cache.
 * An entry whose key or value names a class the store's allow-list rejects is skipped, counted and
 * logged ({@link Rejections}: with its key, or, when the key itself was rejected, with its file and
 * offset); the rest loads. Loading never changes the log, so the skipped record stays where it is.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class LogLoader<K, V> {
    private final HdfsSettings s;
    private final String cacheName;
    private final LogDirectory dir;
    private final Supplier<? extends ObjectCodec> codec;
    private final CacheTopology topology;
    private final HdfsCounters counters;
    private final IgniteLogger log;
    private final StoreFailure fail;

    LogLoader(HdfsSettings s, String cacheName, LogDirectory dir, Supplier<? extends ObjectCodec> codec, CacheTopology topology,
              HdfsCounters counters, IgniteLogger log, StoreFailure fail) {
        this.s = s;
        this.cacheName = cacheName;
        this.dir = dir;
        this.codec = codec;
        this.topology = topology;
        this.counters = counters;
        this.log = log;
        this.fail = fail;
    }

    void load(IgniteBiInClosure<K, V> clo) {
        Path cacheDir = dir.cacheDir();
        FileSystem f;
        int highest;
        try {
            f = dir.fs();
            highest = LogFiles.highestPartition(f, cacheDir);
        }
        catch (IOException | RuntimeException e) {
            throw new CacheLoaderException(fail.message("load the cache", e), e);
        }
        if (highest >= s.partitions())
            throw new CacheLoaderException(fail.message("load the cache", new IllegalStateException(cacheDir + " has partition directory "
                + dir.partition(highest).getName() + ": it was written with at least " + (highest + 1)
                + " partitions, and this store has partitions=" + s.partitions() + "; set the HdfsStoreFactory property "
                + "'partitions' to the number it was written with (nothing was loaded)")));
        ObjectCodec m = codec.get();
        Predicate<Object> own = topology.ownKeys();
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        AtomicLong read = new AtomicLong();
        ParallelLoad load = new ParallelLoad(log, "HDFS store of cache " + cacheName, cacheDir.toString());
        Rejections rejections = new Rejections("hdfs store of cache " + cacheName, counters.rejected(), log);
        List<Callable<Void>> parts = new ArrayList<>(s.partitions());
        for (int p = 0; p < s.partitions(); p++) {
            Path partDir = dir.partition(p);
            parts.add(() -> {
                PartitionState st = PartitionState.read(f, partDir, null);
                read.addAndGet(st.records);
                for (PartitionState.Torn t : st.torn) {
                    counters.tornTails().increment();
                    log.warning("HDFS store of cache " + cacheName + ": " + t.file() + " is torn at byte " + t.offset() + " (" + t.why()
                        + "): its tail is skipped; a writer killed mid-write leaves this, "
                        + "and what it had not synced was never acknowledged");
                }
                Map<ByteBuffer, RejectedClassException> badKeys = new LinkedHashMap<>();
                Map<ByteBuffer, Long> badVersions = new LinkedHashMap<>();
                for (LogRecord r : st.latest.values()) {
                    if (r.tombstone())
                        continue;
                    Object k;
                    try {
                        k = m.decode(r.key(), cl);
                    }
                    catch (RejectedClassException e) {
                        // No node can tell whether the key is its own: every node that loads counts it.
                        badKeys.put(ByteBuffer.wrap(r.key()), e);
                        badVersions.put(ByteBuffer.wrap(r.key()), r.version());
                        continue;
                    }
                    // Every node runs loadCache over the whole log; only its own entries are worth decoding.
                    if (!own.test(k))
                        continue;
                    @SuppressWarnings("unchecked")
                    K key = (K)k;
                    V value;
                    try {
                        @SuppressWarnings("unchecked")
                        V v = (V)m.decode(r.value(), cl);
                        value = v;
                    }
                    catch (RejectedClassException e) {
                        rejections.skipped("the value of key " + Rejections.printable(k) + " (" + partDir.getName() + ")", e);
                        continue;
                    }
                    clo.apply(key, value);
                    load.loaded();
                }
                if (!badKeys.isEmpty()) {
                    Map<ByteBuffer, String> where = PartitionState.locate(f, partDir, badVersions);
                    badKeys.forEach((k, e) -> rejections.skipped("a record whose key could not be read, in "
                        + where.getOrDefault(k, partDir + " (compacted meanwhile)"), e));
                }
                return null;
            });
        }
        try {
            load.run("gridkeep-hdfs-load-" + cacheName, s.loadParallelism(), parts);
        }
        catch (Exception e) {
            throw new CacheLoaderException(fail.message("load the cache (" + load.count() + " entries loaded)", e), e);
        }
        rejections.finish();
        long ms = load.elapsedMillis();
        if (log.isInfoEnabled())
            log.info("HDFS store of cache " + cacheName + ": loaded " + load.count() + " entries (of " + read.get() + " records read) from "
                + cacheDir + " in " + ms + " ms (" + read.get() * 1000 / ms + " records/s, " + s.partitions() + " partitions, "
                + s.loadParallelism() + " at once" + (rejections.count() > 0 ? ", " + rejections.count() + " rejected entries skipped" : "")
                + ")");
    }
}
