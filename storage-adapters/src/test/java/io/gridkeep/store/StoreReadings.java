package io.gridkeep.store;

import io.gridkeep.testkit.NodeMetrics;
import org.apache.ignite.Ignite;
import org.apache.ignite.spi.metric.DoubleMetric;
import org.apache.ignite.spi.metric.LongMetric;
import org.apache.ignite.spi.metric.Metric;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;

/**
 * One store's metrics on an in-JVM node, read by the names of {@link StoreMetrics}: the fixture
 * every store test reads them with.
 *
 * <pre>{@code
 * StoreReadings behind = StoreReadings.of(node, "cassandra", "behind");
 * Await.until(() -> behind.value(StoreMetrics.PENDING_ENTRIES) == 0, Duration.ofSeconds(60), "every update written");
 * }</pre>
 */
public final class StoreReadings {
    private final ReadOnlyMetricRegistry registry;

    private StoreReadings(ReadOnlyMetricRegistry registry) {
        this.registry = registry;
    }

    /** The registry of {@code store} and {@code cache} on {@code node}; fails when the node has none. */
    public static StoreReadings of(Ignite node, String store, String cache) {
        return new StoreReadings(NodeMetrics.registry(node, StoreMetrics.listedName(store, cache)));
    }

    /** A long metric's current value; fails naming the metric when there is none. */
    public long value(String metric) {
        if (metric(metric) instanceof LongMetric m)
            return m.value();
        throw new AssertionError(registry.name() + "." + metric + " is not a long metric");
    }

    /** A double metric's current value (the lag, the write time). */
    public double doubleValue(String metric) {
        if (metric(metric) instanceof DoubleMetric m)
            return m.value();
        throw new AssertionError(registry.name() + "." + metric + " is not a double metric");
    }

    /** {@link StoreMetrics#LAST_ERROR}: the last failure with its time, empty when none. */
    public String lastError() {
        return metric(StoreMetrics.LAST_ERROR).getAsString();
    }

    private Metric metric(String name) {
        Metric m = registry.findMetric(name);
        if (m == null)
            throw new AssertionError("no metric " + name + " in " + registry.name());
        return m;
    }
}
