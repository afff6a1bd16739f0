package io.gridkeep.store.hdfs.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * The HDFS store's counters, shared by its parts: the cache's metrics once the store starts in a
 * node ({@code HdfsCacheStore} registers them), plain adders nobody reads otherwise.
 */
record HdfsCounters(LongAdder rowsWritten, LongAdder bytesWritten, LongAdder failures, LongAdder compactions,
                    LongAdder segmentsRolled, LongAdder tornTails, LongAdder tornKept, LongAdder rejected) {
    /** Counters that are no metrics: a store outside a node, or a test. */
    static HdfsCounters unregistered() {
        return new HdfsCounters(new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(),
            new LongAdder(), new LongAdder());
    }
}
