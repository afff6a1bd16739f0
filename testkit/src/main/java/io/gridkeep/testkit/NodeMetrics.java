package io.gridkeep.testkit;

import org.apache.ignite.Ignite;
import org.apache.ignite.spi.metric.LongMetric;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;

/**
 * A node's own metrics, read in-process (custom registries carry Ignite's {@code custom.} prefix).
 *
 * <pre>{@code
 * long pending = NodeMetrics.longValue(node, "custom.gridkeep.store.cassandra.orders", "PendingEntries");
 * }</pre>
 */
public final class NodeMetrics {
    private NodeMetrics() {
    }

    /** The registry named {@code name}; fails when the node has none. */
    public static ReadOnlyMetricRegistry registry(Ignite node, String name) {
        for (ReadOnlyMetricRegistry r : node.metrics()) {
            if (r.name().equals(name))
                return r;
        }
        throw new AssertionError("no metric registry " + name + " on node " + node.name());
    }

    /** A long metric's current value. */
    public static long longValue(Ignite node, String registry, String metric) {
        return ((LongMetric)registry(node, registry).findMetric(metric)).value();
    }
}
