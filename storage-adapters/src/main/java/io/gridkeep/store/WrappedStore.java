package io.gridkeep.store;

import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteLogger;

/**
 * A store used inside the write-behind of {@link io.gridkeep.store.writebehind.LossFreeWriteBehindFactory}:
 * Ignite injects its resources into the outer store only, which hands them on through this, with the
 * metrics registry it owns.
 *
 * <pre>{@code
 * public void bind(Ignite ignite, IgniteLogger log, String cacheName, StoreMetrics metrics) {
 *     this.ignite = ignite;
 *     this.log = log;
 *     this.cacheName = cacheName;
 *     this.metrics = metrics;   // register into it in start(); never remove it: the write-behind does
 * }
 * }</pre>
 */
public interface WrappedStore {
    /**
     * The node, its logger and the cache, as Ignite would have injected them, and the registry to add the
     * store's metrics to; with {@code metrics} null the store registers (and later removes) its own.
     */
    void bind(Ignite ignite, IgniteLogger log, String cacheName, StoreMetrics metrics);
}
