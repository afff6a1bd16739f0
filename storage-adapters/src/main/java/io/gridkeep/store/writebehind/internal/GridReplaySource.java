package io.gridkeep.store.writebehind.internal;

import java.util.Iterator;
import java.util.Map;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.IgniteInternalFuture;
import org.apache.ignite.internal.processors.affinity.AffinityTopologyVersion;
import org.apache.ignite.internal.processors.cache.GridCachePartitionExchangeManager;
import org.apache.ignite.internal.processors.cluster.DiscoveryDataClusterState;

/** Reads a replay from this node's own copy of the cache: local scans of its primary partitions. */
final class GridReplaySource implements ReplaySource {
    private final Ignite ignite;
    private final String cacheName;

    GridReplaySource(Ignite ignite, String cacheName) {
        this.ignite = ignite;
        this.cacheName = cacheName;
    }

    @Override
    public boolean ready(long topologyVersion) {
        // Primary ownership moves with the exchange of that topology version: before it is done this
        // node would still see the old assignment and skip the partitions it has just taken over. The
        // last exchange also covers an activation after a restart with persistence, which starts the
        // cache (and this store) before the cache can be read.
        try {
            GridCachePartitionExchangeManager<?, ?> exchange = ((IgniteEx)ignite).context().cache().context().exchange();
            IgniteInternalFuture<?> affinity = exchange.affinityReadyFuture(new AffinityTopologyVersion(topologyVersion));
            IgniteInternalFuture<?> last = exchange.lastTopologyFuture();
            // The kernal's cluster state, not cluster().state(): that one waits for an activation to end.
            DiscoveryDataClusterState state = ((IgniteEx)ignite).context().state().clusterState();
            boolean exchanged = (affinity == null || affinity.isDone()) && (last == null || last.isDone());
            boolean active = state.state().active() && !state.transition();
            return exchanged && active && ((IgniteEx)ignite).context().cache().cache(cacheName) != null;
        }
        catch (RuntimeException stopping) {
            // The node is stopping (its cluster API is closed): it will not serve this replay.
            return false;
        }
    }

    @Override
    public int[] primaryPartitions(long topologyVersion) throws Exception {
        IgniteInternalFuture<?> affinity = ((IgniteEx)ignite).context().cache().context()
            .exchange().affinityReadyFuture(new AffinityTopologyVersion(topologyVersion));
        if (affinity != null)
            affinity.get();
        return ignite.affinity(cacheName).primaryPartitions(ignite.cluster().localNode());
    }

    @Override
    public Entries entries(int partition) {
        IgniteCache<Object, Object> cache = ignite.cache(cacheName).withKeepBinary();
        QueryCursor<Cache.Entry<Object, Object>> cursor = cache.query(new ScanQuery<>().setLocal(true).setPartition(partition));
        Iterator<Cache.Entry<Object, Object>> it = cursor.iterator();
        return new Entries() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Map.Entry<Object, Object> next() {
                Cache.Entry<Object, Object> e = it.next();
                return Map.entry(e.getKey(), e.getValue());
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }
}
