package io.gridkeep.store.writebehind.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.affinity.AffinityAssignment;
import org.apache.ignite.internal.processors.affinity.AffinityTopologyVersion;
import org.apache.ignite.internal.processors.cache.GridCacheContext;
import org.apache.ignite.internal.processors.cache.IgniteInternalCache;
import org.apache.ignite.internal.processors.cache.distributed.dht.topology.GridDhtLocalPartition;
import org.apache.ignite.internal.processors.cache.distributed.dht.topology.GridDhtPartitionState;

/**
 * What this node holds of a cache's partition, which the public API does not say: whether it receives
 * the partition's updates (it is moving in or owns it), whether the partition was never updated, and
 * the owners of the last completed assignment, read without waiting for one in progress.
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

    /**
     * The partitions {@code node} is primary or backup for in the last partition assignment this node
     * has completed. Never waits for an assignment in progress (the public affinity API does, holding
     * the node's gateway, so that a node could not stop while an exchange never ends).
     */
    Set<Integer> owned(UUID node) {
        AffinityAssignment a = readyAssignment();
        if (a == null)
            return Set.of();
        Set<Integer> out = new HashSet<>(a.primaryPartitions(node));
        out.addAll(a.backupPartitions(node));
        return out;
    }

    /** The owners of {@code partition}, primary first, in the last completed assignment; empty when there is none. */
    List<ClusterNode> owners(int partition) {
        AffinityAssignment a = readyAssignment();
        return a == null ? List.of() : a.get(partition);
    }

    /** The partition of {@code key}, from the affinity function alone (the public API may wait for an assignment); -1 early on. */
    int partition(Object key) {
        IgniteInternalCache<?, ?> cache = ((IgniteEx)ignite).cachex(cacheName);
        return cache == null ? -1 : cache.context().affinity().partition(key);
    }

    private AffinityAssignment readyAssignment() {
        IgniteInternalCache<?, ?> cache = ((IgniteEx)ignite).cachex(cacheName);
        if (cache == null)
            return null;
        GridCacheContext<?, ?> cctx = cache.context();
        AffinityTopologyVersion ready = cctx.topology().readyTopologyVersion();
        return ready == null || ready.topologyVersion() <= 0 ? null : cctx.affinity().assignment(ready);
    }

    private GridDhtLocalPartition local(int partition) {
        IgniteInternalCache<?, ?> cache = ((IgniteEx)ignite).cachex(cacheName);
        return cache == null ? null : cache.context().topology().localPartition(partition);
    }
}
