package io.gridkeep.store.hdfs.internal;

import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;

/** The cache's topology as the local node sees it, through the cache's affinity. */
final class NodeTopology implements CacheTopology {
    private final Ignite ignite;
    private final String cacheName;

    NodeTopology(Ignite ignite, String cacheName) {
        this.ignite = ignite;
        this.cacheName = cacheName;
    }

    @Override
    public Predicate<Object> ownKeys() {
        Affinity<Object> aff = ignite.affinity(cacheName);
        ClusterNode local = ignite.cluster().localNode();
        return k -> aff.isPrimaryOrBackup(local, k);
    }

    @Override
    public IntPredicate primaryPartitions() {
        Affinity<Object> aff = ignite.affinity(cacheName);
        ClusterNode local = ignite.cluster().localNode();
        return p -> local.equals(aff.mapPartitionToNode(p % aff.partitions()));
    }

    @Override
    public boolean alive(UUID node) {
        return ignite.cluster().node(node) != null;
    }
}
