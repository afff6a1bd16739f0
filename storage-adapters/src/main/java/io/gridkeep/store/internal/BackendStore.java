package io.gridkeep.store.internal;

import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.VersionedBackend;
import io.gridkeep.store.WrappedStore;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.cache.store.CacheStoreAdapter;
import org.apache.ignite.lifecycle.LifecycleAware;
import org.apache.ignite.resources.CacheNameResource;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.resources.LoggerResource;

/**
 * What GridKeep's cache stores share: Ignite's resources, injected by Ignite when the store is the
 * cache's own or handed on by the write-behind that wraps it ({@link WrappedStore}), and the cache's
 * {@link StoreMetrics}, which the store registers and removes itself unless a write-behind owns them.
 */
public abstract class BackendStore<K, V> extends CacheStoreAdapter<K, V> implements LifecycleAware, VersionedBackend<K, V>, WrappedStore {
    @IgniteInstanceResource
    protected Ignite ignite;

    @LoggerResource
    protected IgniteLogger log;

    @CacheNameResource
    protected String cacheName;

    private volatile StoreMetrics metrics;
    private volatile boolean ownsMetrics;

    @Override
    public final void bind(Ignite ignite, IgniteLogger log, String cacheName, StoreMetrics metrics) {
        this.ignite = ignite;
        this.log = log;
        this.cacheName = cacheName;
        this.metrics = metrics;
    }

    /** Whether this store runs in a node (resources injected or bound), rather than built alone. */
    protected final boolean inNode() {
        return ignite != null && cacheName != null;
    }

    /** The cache's metrics, registered now unless a write-behind handed them over; call from {@code start()}. */
    protected final StoreMetrics openMetrics() {
        if (metrics == null) {
            metrics = StoreMetrics.register(ignite, log, storeName(), cacheName);
            ownsMetrics = true;
        }
        return metrics;
    }

    /** Removes the metrics if this store registered them; call from {@code stop()}. */
    protected final void closeMetrics() {
        if (ownsMetrics)
            metrics.remove();
    }

    /** Keeps {@code what} as the cache's last error (for {@code gridkeep store status}). */
    protected final void recordError(String what) {
        StoreMetrics m = metrics;
        if (m != null)
            m.recordError(what);
    }
}
