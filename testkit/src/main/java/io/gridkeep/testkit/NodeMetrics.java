package io.gridkeep.testkit;

import org.apache.ignite.Ignite;
import org.apache.ignite.spi.metric.DoubleMetric;
import org.apache.ignite.spi.metric.LongMetric;
import org.apache.ignite.spi.metric.Metric;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;

/**
 * A node's own metrics, read in-process (custom registries carry Ignite's {@code custom.} prefix): the
 * one place tests read a metric's value, so that none casts Ignite's metric types itself. Each read
 * fails naming the registry and the metric when it is missing or of another type.
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
        return longValue(registry(node, registry), metric);
    }

    /** A double metric's current value. */
    public static double doubleValue(Ignite node, String registry, String metric) {
        return doubleValue(registry(node, registry), metric);
    }

    /** Any metric's current value as text (for an object metric such as a last error). */
    public static String textValue(Ignite node, String registry, String metric) {
        return textValue(registry(node, registry), metric);
    }

    /** A long metric's current value in {@code registry}. */
    public static long longValue(ReadOnlyMetricRegistry registry, String metric) {
        if (metric(registry, metric) instanceof LongMetric m)
            return m.value();
        throw new AssertionError(registry.name() + "." + metric + " is not a long metric");
    }

    /** A double metric's current value in {@code registry}. */
    public static double doubleValue(ReadOnlyMetricRegistry registry, String metric) {
        if (metric(registry, metric) instanceof DoubleMetric m)
            return m.value();
        throw new AssertionError(registry.name() + "." + metric + " is not a double metric");
    }

    /** Any metric's current value in {@code registry} as text. */
    public static String textValue(ReadOnlyMetricRegistry registry, String metric) {
        return metric(registry, metric).getAsString();
    }

    private static Metric metric(ReadOnlyMetricRegistry registry, String name) {
        Metric m = registry.findMetric(name);
        if (m == null)
            throw new AssertionError("no metric " + name + " in " + registry.name());
        return m;
    }
}
