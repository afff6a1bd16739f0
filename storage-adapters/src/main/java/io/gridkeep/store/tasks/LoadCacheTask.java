package io.gridkeep.store.tasks;

import java.util.List;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskAdapter;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Runs {@code loadCache} of a cache's store (which Ignite runs on every node of the cache) from one
 * job, so that a thin client can start it by name; returns the cache's size afterwards.
 *
 * <pre>{@code
 * long size = client.compute().execute(LoadCacheTask.class.getName(), "orders");
 * }</pre>
 */
public class LoadCacheTask extends ComputeTaskAdapter<String, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Map<? extends ComputeJob, ClusterNode> map(List<ClusterNode> subgrid, String cacheName) {
        ClusterNode target = subgrid.stream().filter(n -> !n.isClient()).findFirst()
            .orElseThrow(() -> new IgniteException("no server node to run loadCache on"));
        return Map.of(new LoadJob(cacheName), target);
    }

    @Override
    public Long reduce(List<ComputeJobResult> results) {
        return results.get(0).getData();
    }

    private static final class LoadJob extends ComputeJobAdapter {
        private static final long serialVersionUID = 1L;

        @IgniteInstanceResource
        private transient Ignite ignite;

        private final String cacheName;

        LoadJob(String cacheName) {
            this.cacheName = cacheName;
        }

        @Override
        public Long execute() {
            IgniteCache<Object, Object> cache = ignite.cache(cacheName);
            if (cache == null)
                throw new IgniteException("no cache named '" + cacheName + "'");
            cache.loadCache(null);
            return (long)cache.size();
        }
    }
}
