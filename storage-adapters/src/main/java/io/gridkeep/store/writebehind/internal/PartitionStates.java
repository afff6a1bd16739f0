package io.gridkeep.store.writebehind.internal;

import org.apache.ignite.Ignite;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.cache.IgniteInternalCache;
import org.apache.ignite.internal.processors.cache.distributed.dht.topology.GridDhtLocalPartition;
import org.apache.ignite.internal.processors.cache.distributed.dht.topology.GridDhtPartitionState;

/**
 * What this node holds of a cache's partition, which the public API does not say: whether it receives
 * the partition's updates (it is moving in or owns it), and whether the partition was never updated.
 */
final class PartitionStates {
    private final Ignite ignite;
    private final String cacheName;

    PartitionStates(Ignite ignite, String cacheName) {
        this.ignite = ignite;
        this.cacheName = cacheName;
    }

    /** Whether every update of {@code partition} reaches this node now (it is moving in, or owns it). */
    boolean receivesUpdates(int partition) {
        GridDhtLocalPartition part = local(partition);
        return part != null && (part.state() == GridDhtPartitionState.OWNING || part.state() == GridDhtPartitionState.MOVING);
    }

    /** Whether this node owns {@code partition} and it never had an update (so nothing of it can be owed). */
    boolean ownedAndNeverUpdated(int partition) {
        GridDhtLocalPartition part = local(partition);
        return part != null && part.state() == GridDhtPartitionState.OWNING && part.updateCounter() == 0;
    }

    /** This node's copy of {@code partition} as an object, null if none: a partition evicted and created again is another. */
    Object instance(int partition) {
        return local(partition);
    }

    private GridDhtLocalPartition local(int partition) {
        IgniteInternalCache<?, ?> cache = ((IgniteEx)ignite).cachex(cacheName);
        return cache == null ? null : cache.context().topology().localPartition(partition);
    }
}
