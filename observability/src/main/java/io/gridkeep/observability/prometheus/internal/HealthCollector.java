package io.gridkeep.observability.prometheus.internal;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.gridkeep.observability.prometheus.HealthStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The health reading as gauges, so that alert rules see what {@code /health} says. */
public final class HealthCollector implements MultiCollector {
    private final Supplier<ClusterHealth> health;
    private final Supplier<Labels> nodeLabels;

    public HealthCollector(Supplier<ClusterHealth> health, Supplier<Labels> nodeLabels) {
        this.health = health;
        this.nodeLabels = nodeLabels;
    }

    @Override
    public MetricSnapshots collect() {
        ClusterHealth h = health.get();
        Labels l = nodeLabels.get();
        List<MetricSnapshot> out = new ArrayList<>();
        List<GaugeDataPointSnapshot> status = new ArrayList<>();
        for (HealthStatus s : HealthStatus.values())
            status.add(point(h.status() == s ? 1 : 0, l.add("status", s.name())));
        out.add(new GaugeSnapshot(new MetricMetadata("gridkeep_health_status",
            "1 for this node's current health status (UP, DEGRADED, DOWN), else 0"), status));
        out.add(gauge("gridkeep_cluster_active", "1 when the cluster is ACTIVE or ACTIVE_READ_ONLY, else 0",
            h.clusterState().startsWith("ACTIVE") ? 1 : 0, l));
        out.add(gauge("gridkeep_cluster_read_only", "1 when the cluster is ACTIVE_READ_ONLY",
            h.clusterState().equals("ACTIVE_READ_ONLY") ? 1 : 0, l));
        out.add(gauge("gridkeep_cluster_server_nodes", "Server nodes in the topology", h.servers(), l));
        out.add(gauge("gridkeep_cluster_baseline_nodes", "Nodes in the baseline topology", h.baselineNodes(), l));
        out.add(gauge("gridkeep_cluster_baseline_online_nodes", "Baseline nodes currently online", h.baselineOnline(), l));
        out.add(gauge("gridkeep_cluster_rebalancing", "1 while the cluster is not fully rebalanced (partitions are moving)",
            h.rebalancing() ? 1 : 0, l));
        List<GaugeDataPointSnapshot> lost = new ArrayList<>();
        for (Map.Entry<String, Integer> e : h.lostPartitions().entrySet())
            lost.add(point(e.getValue(), l.add("cache", e.getKey())));
        out.add(new GaugeSnapshot(new MetricMetadata("gridkeep_cache_lost_partitions", "Partitions of a cache whose data is lost"), lost));
        return new MetricSnapshots(out);
    }

    private static GaugeSnapshot gauge(String name, String help, double v, Labels l) {
        return new GaugeSnapshot(new MetricMetadata(name, help), List.of(point(v, l)));
    }

    private static GaugeDataPointSnapshot point(double v, Labels l) {
        return new GaugeDataPointSnapshot(v, l, null);
    }
}
