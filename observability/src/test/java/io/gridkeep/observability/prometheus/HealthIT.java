package io.gridkeep.observability.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.FreePorts;
import io.gridkeep.testkit.Http;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestNodeConfigs;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.PartitionLossPolicy;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.Test;

/** {@code /health} and its gauges as a cluster loses data and then goes inactive. */
class HealthIT {
    @Test
    void lostPartitionsDegradeAndAnInactiveClusterIsDown() throws Exception {
        int[] ports = FreePorts.allocate(3);
        try (InJvmCluster cluster = InJvmCluster.start(3, slot -> TestNodeConfigs.server(slot)
            .setMetricExporterSpi(new PrometheusExporterSpi().setPort(ports[slot.index()])))) {
            // No backups and a loss policy that keeps lost partitions visible.
            IgniteCache<Integer, Integer> fragile = cluster.node(0).getOrCreateCache(new CacheConfiguration<Integer, Integer>("fragile")
                .setCacheMode(CacheMode.PARTITIONED).setBackups(0).setPartitionLossPolicy(PartitionLossPolicy.READ_WRITE_SAFE));
            Map<Integer, Integer> m = new HashMap<>();
            for (int i = 0; i < 1000; i++)
                m.put(i, i);
            fragile.putAll(m);
            assertThat(Http.get(ports[0], "/health").body()).startsWith("{\"status\":\"UP\"");

            cluster.stop(2);

            // The exchange that marks partitions lost runs after the node has gone.
            int lost = Await.until(() -> cluster.node(0).cache("fragile").lostPartitions().size(), n -> n > 0, Duration.ofSeconds(10),
                "partitions of fragile marked lost");
            assertThat(lost).isPositive();
            Http.Response degraded = Http.get(ports[0], "/health");
            assertThat(degraded.status()).isEqualTo(200);
            assertThat(degraded.body()).startsWith("{\"status\":\"DEGRADED\"")
                .contains("lost partitions in {fragile=" + lost + "}")
                .contains("\"lostPartitions\":{\"fragile\":" + lost + "}");
            String metrics = Http.get(ports[0], "/metrics").body();
            assertThat(metrics).containsPattern("gridkeep_cache_lost_partitions\\{cache=\"fragile\",[^}]*} " + lost + "\\.0")
                .containsPattern("gridkeep_health_status\\{[^}]*status=\"DEGRADED\"} 1\\.0");

            cluster.node(0).cluster().state(ClusterState.INACTIVE);

            Http.Response down = Http.get(ports[1], "/health");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.body()).startsWith("{\"status\":\"DOWN\",\"reasons\":[\"cluster is INACTIVE\"");
            assertThat(Http.get(ports[1], "/metrics").body())
                .containsPattern("gridkeep_cluster_active\\{[^}]*} 0\\.0")
                .containsPattern("gridkeep_health_status\\{[^}]*status=\"DOWN\"} 1\\.0");
        }
    }

    @Test
    void aStoreThatCannotWriteToItsBackendDegradesTheNode() throws Exception {
        int port = FreePorts.allocate(1)[0];
        try (InJvmCluster cluster = InJvmCluster.start(1, slot -> TestNodeConfigs.server(slot)
            .setMetricExporterSpi(new PrometheusExporterSpi().setPort(port)))) {
            // What GridKeep's storage adapters publish, registered by name as they do.
            AtomicLong up = new AtomicLong(1);
            cluster.node(0).metrics().getOrCreate("gridkeep.store.cassandra.orders")
                .register("BackendUp", up::get, "1 when the last write-behind flush succeeded");
            assertThat(Http.get(port, "/health").body()).startsWith("{\"status\":\"UP\"");

            up.set(0);

            Http.Response h = Http.get(port, "/health");
            assertThat(h.status()).isEqualTo(200);
            assertThat(h.body()).startsWith("{\"status\":\"DEGRADED\"")
                .contains("store cassandra of cache orders cannot write to its backend");
            assertThat(Http.get(port, "/metrics").body())
                .containsPattern("gridkeep_store_backend_up\\{[^}]*cache=\"orders\"[^}]*store=\"cassandra\"[^}]*} 0\\.0");
        }
    }
}
