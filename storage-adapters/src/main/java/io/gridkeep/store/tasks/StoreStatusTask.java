package io.gridkeep.store.tasks;

import io.gridkeep.store.StoreMetrics;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeJobResultPolicy;
import org.apache.ignite.compute.ComputeTaskAdapter;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.spi.metric.Metric;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;

/**
 * Reads every server node's store metrics (the registries of {@link StoreMetrics}), including what
 * Prometheus cannot show such as the last error's text. A node that fails to answer is listed
 * rather than failing the whole task.
 *
 * <pre>{@code
 * List<StoreStatusTask.NodeStores> all = client.compute().execute(StoreStatusTask.class.getName(), null);
 * for (StoreStatusTask.NodeStores n : all)
 *     n.stores().forEach((registry, values) -> StoreMetrics.idOf(registry).ifPresent(id ->
 *         System.out.println(n.node() + " " + id.cache() + " " + values.get(StoreMetrics.PENDING_ENTRIES))));
 * }</pre>
 */
public class StoreStatusTask extends ComputeTaskAdapter<Object, List<StoreStatusTask.NodeStores>> {
    private static final long serialVersionUID = 1L;

    /**
     * One node's stores. A class, not a record: Ignite's binary format, which carries it to a thin
     * client, cannot set a record's final fields.
     */
    public static final class NodeStores implements Serializable {
        private static final long serialVersionUID = 1L;

        private String node;
        private Map<String, Map<String, String>> stores;
        private String error;

        /**
         * @param node the node's consistent id
         * @param stores registry name ({@link StoreMetrics#registryName}) to metric name to value (as text); empty with
         *     {@code error} set when the node did not answer
         * @param error why the node did not answer, or null
         */
        public NodeStores(String node, Map<String, Map<String, String>> stores, String error) {
            this.node = node;
            this.stores = stores;
            this.error = error;
        }

        public String node() {
            return node;
        }

        public Map<String, Map<String, String>> stores() {
            return stores;
        }

        public String error() {
            return error;
        }
    }

    @Override
    public Map<? extends ComputeJob, ClusterNode> map(List<ClusterNode> subgrid, Object arg) {
        Map<ComputeJob, ClusterNode> jobs = new HashMap<>();
        for (ClusterNode n : subgrid) {
            if (!n.isClient())
                jobs.put(new ReadJob(), n);
        }
        return jobs;
    }

    @Override
    public ComputeJobResultPolicy result(ComputeJobResult res, List<ComputeJobResult> rcvd) {
        // A node that cannot answer (leaving, failing) is reported, not a reason to fail the others.
        return ComputeJobResultPolicy.WAIT;
    }

    @Override
    public List<NodeStores> reduce(List<ComputeJobResult> results) {
        List<NodeStores> out = new ArrayList<>();
        for (ComputeJobResult r : results) {
            String node = String.valueOf(r.getNode().consistentId());
            if (r.getException() != null)
                out.add(new NodeStores(node, Map.of(), String.valueOf(r.getException().getMessage())));
            else {
                @SuppressWarnings("unchecked")
                Map<String, Map<String, String>> stores = (Map<String, Map<String, String>>)r.getData();
                out.add(new NodeStores(node, stores, null));
            }
        }
        return out;
    }

    private static final class ReadJob extends ComputeJobAdapter {
        private static final long serialVersionUID = 1L;

        @IgniteInstanceResource
        private transient Ignite ignite;

        @Override
        public Object execute() {
            Map<String, Map<String, String>> stores = new TreeMap<>();
            for (ReadOnlyMetricRegistry r : ignite.metrics()) {
                StoreMetrics.idOf(r.name()).ifPresent(id -> {
                    Map<String, String> values = new TreeMap<>();
                    for (Metric m : r)
                        values.put(m.name().substring(r.name().length() + 1), m.getAsString());
                    stores.put(StoreMetrics.registryName(id.store(), id.cache()), values);
                });
            }
            return stores;
        }
    }
}
