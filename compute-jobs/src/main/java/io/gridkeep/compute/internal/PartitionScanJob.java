package io.gridkeep.compute.internal;

import io.gridkeep.compute.PartitionFunction;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;
import javax.cache.Cache;

/**
 * One partition of a map-reduce: sent with {@code affinityCall(cache, partition)}, so it runs on
 * the partition's primary with the partition reserved, and scans only that partition, locally.
 */
public final class PartitionScanJob<K, V, P> implements IgniteCallable<P> {
    private static final long serialVersionUID = 1L;

    private final String cache;
    private final int partition;
    private final boolean keepBinary;
    private final PartitionFunction<K, V, P> fn;

    @IgniteInstanceResource
    private transient Ignite ignite;

    public PartitionScanJob(String cache, int partition, boolean keepBinary, PartitionFunction<K, V, P> fn) {
        this.cache = cache;
        this.partition = partition;
        this.keepBinary = keepBinary;
        this.fn = fn;
    }

    @Override
    public P call() throws Exception {
        IgniteCache<K, V> c = ignite.cache(cache);
        if (keepBinary)
            c = c.withKeepBinary();
        try (QueryCursor<Cache.Entry<K, V>> cur = c.query(new ScanQuery<K, V>().setPartition(partition).setLocal(true))) {
            return fn.apply(partition, cur.iterator());
        }
    }
}
