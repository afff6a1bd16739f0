package io.gridkeep.store.writebehind.internal;

import java.util.Iterator;
import java.util.Map;

/**
 * What a replay reads from the grid: the partitions this node is primary for after a topology
 * change, and the entries of one of them as this node holds them now, all of them or only some keys.
 */
interface ReplaySource {
    /**
     * One entry to write again: {@code value} null when the grid no longer holds the key (a delete);
     * {@code owned} false when this node no longer owns the key's partition (nothing to write: its new
     * owners replay it).
     */
    record Entry(Object key, Object value, int partition, long counter, boolean owned) {
        Entry(Object key, Object value, int partition, long counter) {
            this(key, value, partition, counter, true);
        }
    }

    /**
     * Whether a replay for {@code topologyVersion} can start now: its partition exchange is done and
     * the cache can be read. Never blocks: the exchange may itself wait for updates that wait for room
     * in the queue, which only the flusher (the caller) frees.
     */
    boolean ready(long topologyVersion);

    /**
     * The partitions this node is primary for after the partition exchange of {@code topologyVersion};
     * call once {@link #ready} said so.
     *
     * @throws Exception when the exchange failed or the node is stopping
     */
    int[] primaryPartitions(long topologyVersion) throws Exception;

    /** Every entry of local partition {@code partition}, read while iterated (counter -1); close to release the scan. */
    Entries entries(int partition);

    /**
     * The keys {@code owed} (key to update counter) of local partition {@code partition}, each with the
     * value this node holds now, or null when it holds none.
     */
    Entries owedEntries(int partition, Map<Object, Long> owed);

    /** A scan of one partition. */
    interface Entries extends Iterator<Entry>, AutoCloseable {
        @Override
        void close();
    }
}
