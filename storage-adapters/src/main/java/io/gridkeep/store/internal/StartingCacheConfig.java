package io.gridkeep.store.internal;

import java.util.Optional;
import org.apache.ignite.Ignite;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.cache.DynamicCacheDescriptor;

/**
 * The configuration of the cache a store belongs to, readable from the store's own {@code start()}:
 * that is where a store refuses a configuration it cannot serve, with one clear line, before the
 * cache takes any update. {@code ignite.cache(name)} cannot be called there (the cache is starting).
 */
public final class StartingCacheConfig {
    private StartingCacheConfig() {
    }

    /** The configuration of {@code cacheName} as the cluster knows it; empty outside a node (a client's store). */
    public static Optional<CacheConfiguration<?, ?>> of(Ignite ignite, String cacheName) {
        if (!(ignite instanceof IgniteEx ex))
            return Optional.empty();
        DynamicCacheDescriptor d = ex.context().cache().cacheDescriptor(cacheName);
        return d == null ? Optional.empty() : Optional.of(d.cacheConfiguration());
    }

    /** Whether {@code cacheName} keeps its data in native persistence on this node (its data region is persistent). */
    public static boolean persistent(Ignite ignite, String cacheName) {
        return of(ignite, cacheName).map(cfg -> persistent(ignite.configuration().getDataStorageConfiguration(), cfg)).orElse(false);
    }

    static boolean persistent(DataStorageConfiguration storage, CacheConfiguration<?, ?> cfg) {
        if (storage == null)
            return false;
        String region = cfg.getDataRegionName();
        DataRegionConfiguration def = storage.getDefaultDataRegionConfiguration();
        if (region == null || (def != null && region.equals(def.getName())))
            return def != null && def.isPersistenceEnabled();
        DataRegionConfiguration[] regions = storage.getDataRegionConfigurations();
        if (regions != null) {
            for (DataRegionConfiguration r : regions) {
                if (region.equals(r.getName()))
                    return r.isPersistenceEnabled();
            }
        }
        return false;
    }
}
