package io.gridkeep.observability.prometheus;

/**
 * A node's health as {@code /health} reports it. An orchestrator restarts or stops routing to a
 * DOWN node (HTTP 503); DEGRADED (HTTP 200) asks a human to look.
 */
public enum HealthStatus {
    /** Active cluster, every baseline node online, no lost partitions, no rebalancing. */
    UP,
    /**
     * Serving, but something needs attention: a baseline node is missing, partitions are lost, data is moving,
     * or the cluster is read-only.
     */
    DEGRADED,
    /** Not serving: the cluster is inactive or this node is not running. */
    DOWN
}
