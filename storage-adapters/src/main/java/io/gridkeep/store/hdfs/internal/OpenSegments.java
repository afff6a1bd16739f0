package io.gridkeep.store.hdfs.internal;

import io.gridkeep.store.internal.StoreFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.integration.CacheWriterException;
import org.apache.hadoop.fs.FileSystem;

/**
 * The segment this store instance appends to in each partition, one {@link SegmentWriter} per
 * partition under one lock: appends records and syncs them, rolls segments by size and age, and
 * after a failure drops them all, so that the next write opens new ones.
 */
final class OpenSegments {
    private final HdfsSettings s;
    private final String cacheName;
    private final LogDirectory dir;
    private final String writerId;
    private final HdfsCounters counters;
    private final StoreFailure fail;
    private final Map<Integer, SegmentWriter> writers = new HashMap<>();
    private volatile ExecutorService syncPool;

    /**
     * @param writerId in the segments' names: segments are per store instance, so that a restarted
     *     node (a new node id) never appends to a file another instance wrote
     */
    OpenSegments(HdfsSettings s, String cacheName, LogDirectory dir, String writerId, HdfsCounters counters, StoreFailure fail) {
        this.s = s;
        this.cacheName = cacheName;
        this.dir = dir;
        this.writerId = writerId;
        this.counters = counters;
        this.fail = fail;
    }

    /** Appends each partition's records to its segment and syncs the touched segments; returns once all of it is durable. */
    synchronized void write(Map<Integer, ByteArrayOutputStream> byPart, int records) throws Exception {
        try {
            FileSystem f = dir.fs();
            long now = System.currentTimeMillis();
            for (Map.Entry<Integer, ByteArrayOutputStream> e : byPart.entrySet()) {
                SegmentWriter w = writers.computeIfAbsent(e.getKey(), p -> new SegmentWriter(f, dir.partition(p), writerId));
                if (w.due(s.segmentMaxBytes(), s.segmentMaxAgeMillis(), now)) {
                    w.roll();
                    counters.segmentsRolled().increment();
                }
                w.append(e.getValue());
                counters.bytesWritten().add(e.getValue().size());
            }
            syncAll(byPart.keySet());
            counters.rowsWritten().add(records);
        }
        catch (IOException | RuntimeException e) {
            counters.failures().increment();
            // The streams may be broken half-way: never append to them again.
            writers.values().forEach(SegmentWriter::abandon);
            writers.clear();
            throw new CacheWriterException(fail.message("write " + records + " records", e), e);
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

    /** Rolls the segments past their age, which no append has rolled because none came. */
    synchronized void rollAged() throws IOException {
        long now = System.currentTimeMillis();
        for (SegmentWriter w : writers.values()) {
            if (w.due(s.segmentMaxBytes(), s.segmentMaxAgeMillis(), now)) {
                try {
                    w.roll();
                    counters.segmentsRolled().increment();
                }
                catch (IOException e) {
                    w.abandon();
                    throw e;
                }
            }
        }
    }

    /** Rolls every segment (one that cannot be closed is abandoned) and stops the sync threads. */
    void close() {
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
    }
}
