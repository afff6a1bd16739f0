package io.gridkeep.store.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.QueryEntity;
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

    /**
     * The key and value types {@code cacheName} declares (its query entities' {@code keyType} and
     * {@code valueType}, and {@code indexedTypes}), by name; empty outside a node. A store allows
     * these classes to be deserialized without the user listing them.
     */
    public static List<String> declaredTypes(Ignite ignite, String cacheName) {
        return of(ignite, cacheName).map(StartingCacheConfig::declaredTypes).orElse(List.of());
    }

    static List<String> declaredTypes(CacheConfiguration<?, ?> cfg) {
        Set<String> out = new LinkedHashSet<>();
        if (cfg.getQueryEntities() != null) {
            for (QueryEntity e : cfg.getQueryEntities()) {
                out.add(e.getKeyType());
                out.add(e.getValueType());
            }
        }
        if (cfg.getIndexedTypes() != null) {
            for (Class<?> c : cfg.getIndexedTypes())
                out.add(c == null ? null : c.getName());
        }
        out.remove(null);
        return List.copyOf(out);
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
