package io.gridkeep.store.writebehind.internal;

import java.util.Iterator;
import java.util.Map;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
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
    private final boolean keepBinary;

    /** {@code keepBinary}: whether the owed keys are binary objects (the cache's store keeps binary). */
    GridReplaySource(Ignite ignite, String cacheName, boolean keepBinary) {
        this.ignite = ignite;
        this.cacheName = cacheName;
        this.keepBinary = keepBinary;
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
            public Entry next() {
                Cache.Entry<Object, Object> e = it.next();
                return new Entry(e.getKey(), e.getValue(), partition, -1);
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }

    @Override
    public Entries owedEntries(int partition, Map<Object, Long> owed) {
        IgniteCache<Object, Object> cache = keepBinary ? ignite.cache(cacheName).withKeepBinary() : ignite.cache(cacheName);
        Iterator<Map.Entry<Object, Long>> it = owed.entrySet().iterator();
        return new Entries() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Entry next() {
                Map.Entry<Object, Long> e = it.next();
                Object value = cache.localPeek(e.getKey(), CachePeekMode.PRIMARY, CachePeekMode.BACKUP);
                // No value is a delete only while this node still owns the key: after a later topology change it may have
                // handed the partition on (and the new primary replays it).
                boolean owned = value != null || ignite.affinity(cacheName).isPrimaryOrBackup(ignite.cluster().localNode(), e.getKey());
                return new Entry(e.getKey(), value, partition, e.getValue(), owned);
            }

            @Override
            public void close() {
                // Nothing held: each key is read when it is reached.
            }
        };
    }
}
