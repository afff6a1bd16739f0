package io.gridkeep.store.hdfs.internal;

import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * What the store's loader and maintenance ask of the cluster: which keys and partitions are this
 * node's, and which nodes are alive. Asked again at every use, since the topology changes.
 */
interface CacheTopology {
    /** Whether a key is this node's, as primary or backup. */
    Predicate<Object> ownKeys();

    /** Whether a store partition maps to this node as its primary (through the cache's affinity). */
    IntPredicate primaryPartitions();

    /** Whether the node with this id is in the cluster. */
    boolean alive(UUID node);
}
