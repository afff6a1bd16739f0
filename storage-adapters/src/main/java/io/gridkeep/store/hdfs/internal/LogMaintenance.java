package io.gridkeep.store.hdfs.internal;

import io.gridkeep.store.internal.StoreFailure;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.ignite.IgniteLogger;

/**
 * The store's background thread: rolls segments past their age and compacts the partitions this
 * node is primary for, until stopped. A torn file that compaction keeps is reported once per node.
 */
final class LogMaintenance {
    private final HdfsSettings s;
    private final String cacheName;
    private final LogDirectory dir;
    private final OpenSegments segments;
    private final CacheTopology topology;
    private final HdfsCounters counters;
    private final IgniteLogger log;
    private final StoreFailure fail;
    private final Set<String> reportedTorn = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;
    private volatile boolean stopping;

    LogMaintenance(HdfsSettings s, String cacheName, LogDirectory dir, OpenSegments segments, CacheTopology topology,
                   HdfsCounters counters, IgniteLogger log, StoreFailure fail) {
        this.s = s;
        this.cacheName = cacheName;
        this.dir = dir;
        this.segments = segments;
        this.topology = topology;
        this.counters = counters;
        this.log = log;
        this.fail = fail;
    }

    void start() {
        Thread t = new Thread(this::maintain, "gridkeep-hdfs-maintenance-" + cacheName);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops the thread, waiting up to 10 s for a compaction under way to end. */
    void stop() {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

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
                runOnce();
            }
            catch (Exception e) {
                if (!stopping) {
                    counters.failures().increment();
                    log.warning("HDFS store of cache " + cacheName + ": maintenance failed (retried in " + every + " ms): "
                        + fail.message("compact", e));
                }
            }
        }
    }

    /** One round: what the thread does at every interval. */
    void runOnce() throws IOException {
        segments.rollAged();
        compactOwnPartitions();
    }

    /** Compacts the partitions whose number maps, by the cache's affinity, to this node as primary. */
    private void compactOwnPartitions() throws IOException {
        FileSystem f = dir.fs();
        IntPredicate primary = topology.primaryPartitions();
        long now = System.currentTimeMillis();
        // A segment's writer is alive while its node is in the topology; only segments of earlier
        // versions (no node id in the name) fall back to age: live writers roll by age.
        Predicate<String> abandoned = AbandonedSegments.whoseWriterLeft(topology::alive,
            now - s.segmentMaxAgeMillis() - 2 * s.compactionIntervalMillis() - 60_000);
        long dropTombstonesBelow = (now - s.tombstoneGraceMillis()) * 1000;
        for (int p = 0; p < s.partitions() && !stopping; p++) {
            if (!primary.test(p))
                continue;
            Path partDir = dir.partition(p);
            Compactor.removeStaleTemporaries(f, partDir, now - 10 * s.compactionIntervalMillis());
            Compactor.Result r = Compactor.compact(f, partDir, s.compactionSegments(), abandoned, dropTombstonesBelow);
            if (r != null) {
                counters.compactions().increment();
                if (log.isInfoEnabled())
                    log.info("HDFS store of cache " + cacheName + ": compacted " + partDir + ": " + r.inputs() + " files, " + r.recordsIn()
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
        counters.tornKept().increment();
        log.warning("HDFS store of cache " + cacheName + ": compaction kept " + t.file() + ": its tail is torn at byte " + t.offset()
            + " (" + t.why() + "); the records before it are in the new base, the file stays for inspection and is never deleted "
            + "by compaction");
    }
}
