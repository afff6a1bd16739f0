package io.gridkeep.observability.prometheus.internal;

import io.gridkeep.observability.prometheus.HealthSources;
import io.gridkeep.observability.prometheus.HealthStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteState;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.spi.metric.LongMetric;
import org.apache.ignite.spi.metric.Metric;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;

/**
 * One reading of a node's and its cluster's health, taken when asked (a scrape or a request to
 * {@code /health}), with the reasons behind its status.
 */
public record ClusterHealth(HealthStatus status, List<String> reasons, String nodeId, String consistentId, String nodeState,
                            String clusterState, int servers, int baselineNodes, int baselineOnline,
                            Map<String, Integer> lostPartitions, boolean rebalancing) {
    // lostPartitions holds every cache, with 0 for those that lost nothing.

    /**
     * Reads the health of {@code ignite} now.
     *
     * @param rebalanced Ignite's cluster-wide "fully rebalanced" flag (metric {@code cluster.Rebalanced})
     */
    public static ClusterHealth read(Ignite ignite, BooleanSupplier rebalanced) {
        IgniteState state = ignite == null ? IgniteState.STOPPED : Ignition.state(ignite.name());
        if (ignite == null || state != IgniteState.STARTED) {
            return new ClusterHealth(HealthStatus.DOWN, List.of("node is " + state), null, null, String.valueOf(state),
                "UNKNOWN", 0, 0, 0, Map.of(), false);
        }
        List<String> reasons = new ArrayList<>();
        ClusterState cs = ignite.cluster().state();
        int servers = ignite.cluster().forServers().nodes().size();
        Collection<BaselineNode> baseline = ignite.cluster().currentBaselineTopology();
        int blTotal = baseline == null ? 0 : baseline.size();
        int blOnline = 0;
        if (baseline != null) {
            Set<Object> online = new HashSet<>();
            ignite.cluster().forServers().nodes().forEach(n -> online.add(n.consistentId()));
            for (BaselineNode b : baseline) {
                if (online.contains(b.consistentId()))
                    blOnline++;
            }
        }
        Map<String, Integer> lost = new TreeMap<>();
        boolean rebalancing = false;
        if (cs != ClusterState.INACTIVE) {
            for (String name : ignite.cacheNames()) {
                IgniteCache<?, ?> c = ignite.cache(name);
                if (c == null)
                    continue;
                // Every cache, zeros included, so that a dashboard panel has a series to show.
                lost.put(name, c.lostPartitions().size());
            }
            // The cluster-wide flag Ignite keeps up to date; reading every cache's metrics would cost far more per scrape.
            rebalancing = !rebalanced.getAsBoolean();
        }
        HealthStatus status = HealthStatus.UP;
        if (cs == ClusterState.INACTIVE) {
            status = HealthStatus.DOWN;
            reasons.add("cluster is INACTIVE");
        }
        if (cs == ClusterState.ACTIVE_READ_ONLY)
            reasons.add("cluster is ACTIVE_READ_ONLY");
        if (blOnline < blTotal)
            reasons.add((blTotal - blOnline) + " of " + blTotal + " baseline nodes offline");
        Map<String, Integer> lostOnly = new TreeMap<>();
        lost.forEach((c, n) -> {
            if (n > 0)
                lostOnly.put(c, n);
        });
        if (!lostOnly.isEmpty())
            reasons.add("lost partitions in " + lostOnly);
        if (rebalancing)
            reasons.add("rebalancing in progress");
        reasons.addAll(storesDown(ignite));
        if (status == HealthStatus.UP && !reasons.isEmpty())
            status = HealthStatus.DEGRADED;
        return new ClusterHealth(status, reasons, ignite.cluster().localNode().id().toString(),
            String.valueOf(ignite.cluster().localNode().consistentId()), state.name(), cs.name(), servers, blTotal, blOnline,
            lost, rebalancing);
    }

    /** One reason per store whose backend fails, read by name ({@link HealthSources}). */
    static List<String> storesDown(Ignite ignite) {
        List<String> out = new ArrayList<>();
        for (ReadOnlyMetricRegistry r : ignite.metrics()) {
            String n = r.name();
            int at = n.indexOf(HealthSources.STORE_REGISTRY_PREFIX);
            if (at < 0)
                continue;
            Metric up = r.findMetric(HealthSources.BACKEND_UP);
            if (up instanceof LongMetric lm && lm.value() == 0) {
                String[] parts = n.substring(at + HealthSources.STORE_REGISTRY_PREFIX.length()).split("\\.", 2);
                out.add("store " + parts[0] + (parts.length > 1 ? " of cache " + parts[1] : "") + " cannot write to its backend");
            }
        }
        return out;
    }

    /** The HTTP status for {@code /health}: 503 when DOWN, else 200. */
    public int httpStatus() {
        return status == HealthStatus.DOWN ? 503 : 200;
    }

    /** The JSON body of {@code /health}. */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"status\":").append(q(status.name()));
        sb.append(",\"reasons\":[");
        for (int i = 0; i < reasons.size(); i++)
            sb.append(i == 0 ? "" : ",").append(q(reasons.get(i)));
        sb.append("],\"node\":{\"id\":").append(q(nodeId)).append(",\"consistentId\":").append(q(consistentId))
            .append(",\"state\":").append(q(nodeState)).append('}');
        sb.append(",\"cluster\":{\"state\":").append(q(clusterState)).append(",\"servers\":").append(servers)
            .append(",\"baselineNodes\":").append(baselineNodes).append(",\"baselineOnline\":").append(baselineOnline)
            .append(",\"rebalancing\":").append(rebalancing).append(",\"lostPartitions\":{");
        int i = 0;
        for (Map.Entry<String, Integer> e : lostPartitions.entrySet()) {
            if (e.getValue() > 0)
                sb.append(i++ == 0 ? "" : ",").append(q(e.getKey())).append(':').append(e.getValue());
        }
        return sb.append("}}}").toString();
    }

    private static String q(String s) {
        if (s == null)
            return "null";
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\')
                sb.append('\\').append(c);
            else if (c < 0x20)
                sb.append(String.format("\\u%04x", (int)c));
            else
                sb.append(c);
        }
        return sb.append('"').toString();
    }
}
