package io.gridkeep.architecture;

import java.util.Map;

/**
 * The only classes that may use {@code org.apache.ignite.internal}, each with the reason Ignite's
 * public API does not do. Internals change between Ignite releases without notice: every entry
 * here is a place to check on an upgrade. An entry whose class no longer needs it fails the build,
 * so the list stays exact.
 */
final class IgniteInternalsAllowList {
    static final Map<String, String> CLASSES = Map.ofEntries(
        Map.entry("io.gridkeep.compute.internal.LocalPartitions",
            "reserves each partition a map-reduce job reads (GridDhtLocalPartition.reserve) so that it cannot be evicted "
                + "meanwhile; the public API (affinityCall) reserves one partition per job"),
        Map.entry("io.gridkeep.compute.internal.MapReduceRun",
            "tells a job lost to a node that left (ClusterTopologyCheckedException, which Ignite does not always wrap in the public "
                + "ClusterTopologyException) from a job that failed, so that its partitions go to their new primary"),
        Map.entry("io.gridkeep.store.writebehind.internal.GridReplaySource",
            "asks without waiting whether the partition exchange of a topology version and any activation are done "
                + "(affinityReadyFuture, lastTopologyFuture, the kernal's cluster state) before replaying, so that it sees the "
                + "primary partitions it has just taken over; the public affinity API answers for the old assignment until then, and "
                + "the public cluster().state() waits for an activation, which may wait for writers that wait for the flusher"),
        Map.entry("io.gridkeep.store.writebehind.internal.PartitionStates",
            "reads a local partition's state and update counter (GridDhtLocalPartition): an owed-update set may be taken as "
                + "complete only where this node receives every update of the partition (MOVING or OWNING), or the partition was never "
                + "updated; and the owners of the last completed assignment and a key's partition without waiting: the public affinity "
                + "API names owners, not what this node holds, and waits for an assignment in progress while holding the node's "
                + "gateway (a node could not stop while its cluster stopped)"),
        Map.entry("io.gridkeep.store.writebehind.internal.ServerDepartures",
            "listens for servers leaving through the kernal's event manager: a cache with native persistence starts its store "
                + "while the node recovers from disk, before it joins, when the public ignite.events() refuses every call"),
        Map.entry("io.gridkeep.store.internal.StartingCacheConfig",
            "reads the starting cache's own configuration (DynamicCacheDescriptor) so that a store can refuse settings it cannot "
                + "serve (HDFS readThrough, the write-behind's TRANSACTIONAL or backups=0); ignite.cache() cannot be called from a store "
                + "while its cache starts"),
        Map.entry("io.gridkeep.security.internal.GridKeepSecurityProcessor",
            "is the security processor Ignite asks a plugin for (GridSecurityProcessor, GridProcessorAdapter, SecurityContext, "
                + "IgniteNodeAttributes.ATTR_SECURITY_CREDENTIALS, IgniteAccessControlException): Ignite 2 has no public "
                + "interface through which a plugin authenticates thin clients and JDBC connections and authorizes their operations"),
        Map.entry("io.gridkeep.security.internal.SecurityComponents",
            "answers the plugin's createComponent for GridSecurityProcessor, with the node's kernal context (IgniteEx) the "
                + "processor is built on"),
        Map.entry("io.gridkeep.security.internal.Access",
            "is a security context (SecurityContext), the type through which Ignite passes a subject to the processor"),
        Map.entry("io.gridkeep.observability.elasticsearch.internal.ClusterEventRecorder",
            "asks whether the cluster state is in transition without waiting (the public cluster().state() waits for the "
                + "transition, which waits for this listener on Ignite's own thread: a deadlock)"));

    private IgniteInternalsAllowList() {
    }
}
