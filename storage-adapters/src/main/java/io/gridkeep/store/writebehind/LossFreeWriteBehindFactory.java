package io.gridkeep.store.writebehind;

import io.gridkeep.store.VersionedBackend;
import io.gridkeep.store.writebehind.internal.LossFreeWriteBehind;
import javax.cache.configuration.Factory;
import org.apache.ignite.cache.store.CacheStore;

/**
 * Write-behind that loses nothing acknowledged, around any store that is also a
 * {@link VersionedBackend} (GridKeep's Cassandra store is). Configure the cache with
 * {@code writeThrough=true} and {@code writeBehindEnabled=false} (this is the write-behind),
 * {@code backups >= 1} (or REPLICATED), {@code FULL_SYNC} and {@code ATOMIC}: a cache with any other
 * setting does not start, with an error that names the setting.
 *
 * <pre>{@code
 * <property name="cacheStoreFactory">
 *   <bean class="io.gridkeep.store.writebehind.LossFreeWriteBehindFactory">
 *     <property name="store"><bean class="io.gridkeep.store.cassandra.CassandraStoreFactory">...</bean></property>
 *     <property name="flushIntervalMillis" value="5000"/>
 *   </bean>
 * </property>
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
public class LossFreeWriteBehindFactory<K, V> implements Factory<CacheStore<K, V>> {
    private static final long serialVersionUID = 1L;

    private Factory<? extends CacheStore<K, V>> store;
    private long flushIntervalMillis = 5000;
    private int flushSize = 512;
    private int maxPending = 100_000;
    private long stopFlushMillis = 30_000;

    @Override
    public CacheStore<K, V> create() {
        if (store == null)
            throw new IllegalArgumentException("gridkeep: write-behind: property 'store' of " + getClass().getName() + " is required");
        CacheStore<K, V> s = store.create();
        if (!(s instanceof VersionedBackend))
            throw new IllegalArgumentException("gridkeep: write-behind: " + s.getClass().getName() + " does not apply versioned writes ("
                + VersionedBackend.class.getName() + "), which loss-free write-behind needs (property 'store' of "
                + getClass().getName() + ")");
        if (flushIntervalMillis < 1 || flushSize < 1 || maxPending < flushSize)
            throw new IllegalArgumentException("gridkeep: write-behind: flushIntervalMillis and flushSize must be positive "
                + "and maxPending >= flushSize (" + getClass().getName() + ")");
        return new LossFreeWriteBehind<>(s, flushIntervalMillis, flushSize, maxPending, stopFlushMillis);
    }

    /** The store that reads and (by version) writes the backend. */
    public LossFreeWriteBehindFactory<K, V> setStore(Factory<? extends CacheStore<K, V>> store) {
        this.store = store;
        return this;
    }

    /** The longest an update waits before its batch goes to the backend, counted from when it was queued (default 5000 ms). */
    public LossFreeWriteBehindFactory<K, V> setFlushIntervalMillis(long flushIntervalMillis) {
        this.flushIntervalMillis = flushIntervalMillis;
        return this;
    }

    /** Updates written per batch; a batch goes early once this many wait (default 512). */
    public LossFreeWriteBehindFactory<K, V> setFlushSize(int flushSize) {
        this.flushSize = flushSize;
        return this;
    }

    /** Keys waiting per node at most; beyond it updates wait for room (back-pressure, never a drop). Default 100,000. */
    public LossFreeWriteBehindFactory<K, V> setMaxPending(int maxPending) {
        this.maxPending = maxPending;
        return this;
    }

    /** How long a stopping node keeps trying to write what waits (default 30 s). */
    public LossFreeWriteBehindFactory<K, V> setStopFlushMillis(long stopFlushMillis) {
        this.stopFlushMillis = stopFlushMillis;
        return this;
    }
}
