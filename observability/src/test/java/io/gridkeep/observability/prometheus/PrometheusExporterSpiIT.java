package io.gridkeep.observability.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.testkit.CommandResult;
import io.gridkeep.testkit.DebianTools;
import io.gridkeep.testkit.FreePorts;
import io.gridkeep.testkit.Http;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The exporter on two in-JVM nodes, read over HTTP as Prometheus would. */
@ExtendWith(TestDirs.Extension.class)
class PrometheusExporterSpiIT {
    private static InJvmCluster cluster;
    private static final int[] PORTS = FreePorts.allocate(2);

    @BeforeAll
    static void start() {
        cluster = InJvmCluster.start(2, slot -> TestNodeConfigs.server(slot)
            .setMetricExporterSpi(new PrometheusExporterSpi().setPort(PORTS[slot.index()])));
        IgniteCache<Integer, String> kv = cluster.node(0).getOrCreateCache(new CacheConfiguration<Integer, String>("kv")
            .setCacheMode(CacheMode.REPLICATED).setStatisticsEnabled(true)
            // Every copy updated before put returns, so that each node's put counter is final when read.
            .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC));
        for (int i = 0; i < 100; i++)
            kv.put(i, "v" + i);
    }

    @AfterAll
    static void stop() {
        if (cluster != null)
            cluster.close();
    }

    @Test
    void cacheMetricsAreOneFamilyWithCacheAndNodeLabels() throws Exception {
        String body = Http.get(PORTS[0], "/metrics").body();
        String nodeId = cluster.node(0).cluster().localNode().id().toString();
        assertThat(body).contains("# TYPE ignite_cache_puts_total counter")
            .containsPattern("ignite_cache_puts_total\\{cache=\"kv\",consistent_id=\"" + cluster.slots().get(0).name()
                + "\",node_id=\"" + nodeId + "\"} 100.0");
        assertThat(body).contains("# HELP ignite_cache_puts_total ").doesNotContain("ignite_cache_kv_");
    }

    @Test
    void everyRegistryIsExportedWithJvmMetrics(TestDirs dirs) throws Exception {
        String body = Http.get(PORTS[0], "/metrics").body();
        // Kept for whoever tunes names or alert rules: what a scrape of a test node looks like.
        Files.writeString(dirs.logs().resolve("metrics-sample.txt"), body);
        assertThat(body).contains("ignite_dataregion_").contains("region=\"default\"")
            .contains("ignite_thread_pool_").contains("ignite_cluster_").contains("ignite_sys_")
            .contains("jvm_memory_used_bytes").contains("gridkeep_health_status{");
        assertThat(body).containsPattern("(?m)^# TYPE \\S+ histogram$");
    }

    @Test
    void theOutputPassesPromtoolCheckMetrics() throws Exception {
        String body = Http.get(PORTS[1], "/metrics").body();
        CommandResult r = CommandResult.run(List.of(DebianTools.require("promtool", "prometheus").toString(), "check", "metrics"),
            Map.of(), null, body, Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout() + r.stderr()).isEmpty();
    }

    @Test
    void aCacheCreatedLaterAppearsOnTheNextScrape() throws Exception {
        cluster.node(1).getOrCreateCache(new CacheConfiguration<Integer, Integer>("late").setStatisticsEnabled(true)).put(1, 1);
        assertThat(Http.get(PORTS[0], "/metrics").body()).contains("ignite_cache_puts_total{cache=\"late\"");
    }

    @Test
    void healthIsUpWithItsFiguresAsJson() throws Exception {
        Http.Response r = Http.get(PORTS[0], "/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValue("application/json");
        assertThat(r.body()).startsWith("{\"status\":\"UP\",\"reasons\":[]").contains("\"state\":\"ACTIVE\"").contains("\"servers\":2");
    }

    @Test
    void anUnknownPathIsA404ThatSaysWhereToLook() throws Exception {
        Http.Response r = Http.get(PORTS[0], "/nope");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).contains("/metrics").contains("/health");
    }
}
