package io.gridkeep.compute.internal;

import org.apache.ignite.Ignite;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.cache.IgniteInternalCache;
import org.apache.ignite.internal.processors.cache.distributed.dht.topology.GridDhtLocalPartition;
import org.apache.ignite.internal.processors.cache.distributed.dht.topology.GridDhtPartitionState;

/**
 * Pins a partition on this node while it is read, the way Ignite's own affinityCall does: an
 * OWNING partition holds all of its data and cannot be evicted while reserved. Uses Ignite's
 * internal API because the public one only reserves one partition per job; the internal type stays
 * in this class.
 */
final class LocalPartitions {
    private LocalPartitions() {
    }

    /** A reserved partition, released by {@link #close()}. */
    static final class Reservation implements AutoCloseable {
        private final GridDhtLocalPartition part;

        private Reservation(GridDhtLocalPartition part) {
            this.part = part;
        }

        @Override
        public void close() {
            part.release();
        }
    }

    /** A reserved partition, or null when this node does not own {@code partition} right now. */
    static Reservation reserveOwned(Ignite ignite, String cache, int partition) {
        IgniteInternalCache<Object, Object> c = ((IgniteEx)ignite).cachex(cache);
        if (c == null)
            return null;
        GridDhtLocalPartition part = c.context().topology().localPartition(partition);
        if (part == null || !part.reserve())
            return null;
        if (part.state() != GridDhtPartitionState.OWNING) {
            part.release();
            return null;
        }
        return new Reservation(part);
    }
}
