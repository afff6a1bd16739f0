package io.gridkeep.store.writebehind.internal;

import java.util.Iterator;
import java.util.Map;

/**
 * What a replay reads from the grid: the partitions this node is primary for after a topology
 * change, and the entries of one of them as this node holds them now.
 */
interface ReplaySource {
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

    /** The entries of local partition {@code partition}, read while iterated; close to release the scan. */
    Entries entries(int partition);

    /** A scan of one partition. */
    interface Entries extends Iterator<Map.Entry<Object, Object>>, AutoCloseable {
        @Override
        void close();
    }
}
