package io.gridkeep.store.writebehind.internal;

import java.util.Iterator;
import java.util.Map;

/**
 * What a replay reads from the grid: the partitions this node is primary for after a topology
 * change, and the entries of one of them as this node holds them now.
 */
interface ReplaySource {
    /**
     * The partitions this node is primary for once the partition exchange of {@code topologyVersion}
     * is done; waits for that exchange.
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
