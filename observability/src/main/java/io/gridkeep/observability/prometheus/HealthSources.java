package io.gridkeep.observability.prometheus;

/**
 * What {@code /health} reads from other components' Ignite metrics, by name, so that observability
 * works in any cluster without depending on them. A component that wants a failing backend to turn
 * a node DEGRADED publishes a long metric {@link #BACKEND_UP} (0: down) in a registry named
 * {@link #STORE_REGISTRY_PREFIX}{@code <store>.<cache>}; GridKeep's storage adapters do
 * ({@code io.gridkeep.store.StoreMetrics}), and a contract test in {@code grid-node} checks that both
 * sides spell it alike.
 *
 * <pre>{@code
 * MetricRegistry r = ignite.metrics().getOrCreate(HealthSources.STORE_REGISTRY_PREFIX + "mystore.orders");
 * r.register(HealthSources.BACKEND_UP, () -> backendReachable ? 1L : 0L, "1 while the backend answers");
 * // /health: DEGRADED, "store mystore of cache orders cannot write to its backend" while it is 0
 * }</pre>
 */
public final class HealthSources {
    /** Registries of cache stores: this prefix, then {@code <store>.<cache>} (Ignite lists them with {@code custom.} in front). */
    public static final String STORE_REGISTRY_PREFIX = "gridkeep.store.";

    /** A store's long metric: 1 while its backend takes writes, 0 while it fails. */
    public static final String BACKEND_UP = "BackendUp";

    private HealthSources() {
    }
}
