package io.gridkeep.store;

import io.gridkeep.testkit.NodeMetrics;
import org.apache.ignite.Ignite;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;

/**
 * One store's metrics on an in-JVM node, read by the names of {@link StoreMetrics} through
 * {@link NodeMetrics}: the fixture every store test reads them with.
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
        return NodeMetrics.longValue(registry, metric);
    }

    /** A double metric's current value (the lag, the write time). */
    public double doubleValue(String metric) {
        return NodeMetrics.doubleValue(registry, metric);
    }

    /** {@link StoreMetrics#LAST_ERROR}: the last failure with its time, empty when none. */
    public String lastError() {
        return NodeMetrics.textValue(registry, StoreMetrics.LAST_ERROR);
    }
}
