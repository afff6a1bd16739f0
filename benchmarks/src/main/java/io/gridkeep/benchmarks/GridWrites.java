package io.gridkeep.benchmarks;

import io.gridkeep.store.writebehind.LossFreeWriteBehindFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;

/** How the store benchmarks put their entries into the grid: keys 0 to n-1 in sorted batches of {@value #BATCH}, a putAll each. */
final class GridWrites {
    /** Entries per putAll. */
    static final int BATCH = 1000;

    private GridWrites() {
    }

    /** What is done with each batch once it is in the grid. */
    interface AfterBatch<V> {
        void accept(Map<Long, V> batch) throws Exception;
    }

    /** How long a write-behind leg took: until the grid acknowledged the last putAll, and until the store had written every entry. */
    record Leg(long putNanos, long nanos) {
    }

    /** Puts keys 0 to n-1 with {@code value(key)}, calling {@code after} with each batch after its putAll. */
    static <V> void putAll(IgniteCache<Long, V> cache, int n, IntFunction<V> value, AfterBatch<V> after) throws Exception {
        Map<Long, V> batch = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            batch.put((long)i, value.apply(i));
            if (batch.size() == BATCH || i == n - 1) {
                cache.putAll(batch);
                after.accept(batch);
                batch.clear();
            }
        }
    }

    /** A FULL_SYNC cache with a backup (the write-behind requires one) that writes through {@code writeBehind}; the caller destroys it. */
    static <V> IgniteCache<Long, V> writeBehindCache(Ignite node, String name, LossFreeWriteBehindFactory<Long, V> writeBehind) {
        return node.getOrCreateCache(new CacheConfiguration<Long, V>(name).setBackups(1)
            .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC).setWriteThrough(true).setCacheStoreFactory(writeBehind));
    }

    /** Puts {@code n} entries into a write-behind cache and waits until its store's {@code written} metric counts all of them. */
    static <V> Leg writeBehind(IgniteCache<Long, V> cache, int n, IntFunction<V> value, LongSupplier written) throws Exception {
        long t0 = System.nanoTime();
        putAll(cache, n, value, b -> { });
        long putNanos = System.nanoTime() - t0;
        while (written.getAsLong() < n)
            Thread.sleep(5);
        return new Leg(putNanos, System.nanoTime() - t0);
    }
}
