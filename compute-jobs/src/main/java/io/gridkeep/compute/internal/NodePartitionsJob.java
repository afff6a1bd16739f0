package io.gridkeep.compute.internal;

import io.gridkeep.compute.PartitionFunction;
import java.util.HashMap;
import java.util.List;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * The partitions of a map-reduce that one node was asked to process. Each is processed only if
 * this node is its primary and owns it, reserved while it is read; the result holds exactly the
 * partitions processed, so the driver can send the others to wherever they live now.
 */
public final class NodePartitionsJob<K, V, P> implements IgniteCallable<HashMap<Integer, P>> {
    private static final long serialVersionUID = 1L;

    private final String cache;
    private final int[] partitions;
    private final boolean keepBinary;
    private final PartitionFunction<K, V, P> fn;

    @IgniteInstanceResource
    private transient Ignite ignite;

    public NodePartitionsJob(String cache, List<Integer> partitions, boolean keepBinary, PartitionFunction<K, V, P> fn) {
        this.cache = cache;
        this.partitions = partitions.stream().mapToInt(Integer::intValue).toArray();
        this.keepBinary = keepBinary;
        this.fn = fn;
    }

    @Override
    public HashMap<Integer, P> call() throws Exception {
        IgniteCache<K, V> c = ignite.cache(cache);
        if (keepBinary)
            c = c.withKeepBinary();
        HashMap<Integer, P> done = new HashMap<>();
        for (int p : partitions) {
            if (!ignite.affinity(cache).mapPartitionToNode(p).isLocal())
                continue;
            LocalPartitions.Reservation reserved = LocalPartitions.reserveOwned(ignite, cache, p);
            if (reserved == null)
                continue;
            try (reserved; QueryCursor<Cache.Entry<K, V>> cur = c.query(new ScanQuery<K, V>().setPartition(p).setLocal(true))) {
                done.put(p, fn.apply(p, cur.iterator()));
            }
        }
        return done;
    }
}
