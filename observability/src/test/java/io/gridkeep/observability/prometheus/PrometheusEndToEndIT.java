package io.gridkeep.observability.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.ForkedCluster;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.PrometheusServer;
import io.gridkeep.testkit.TestDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.ClientCacheConfiguration;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real Prometheus (Debian's) scraping a real 3-node cluster (3 JVMs) under load: every target is
 * up, a counter read back through Prometheus equals what the test did, every dashboard panel's
 * query parses and returns data, and killing a node fires the node-down alert.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(TestDirs.Extension.class)
class PrometheusEndToEndIT {
    private static final int PUTS = 3_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ForkedCluster cluster;
    private static IgniteClient client;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void start(TestDirs dirs) throws Exception {
        cluster = ForkedCluster.start(3, dirs.logs(), List.of("-Xmx512m"), null, ExporterConfigurer.class);
        client = Ignition.startClient(new ClientConfiguration().setAddresses(cluster.clientAddresses()));
        ClientCache<Integer, String> cache = client.getOrCreateCache(new ClientCacheConfiguration().setName("e2e")
            .setCacheMode(CacheMode.PARTITIONED).setBackups(1).setStatisticsEnabled(true)
            .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC));
        for (int i = 0; i < PUTS; i++)
            cache.put(i, "v" + i);
        for (int i = 0; i < PUTS; i += 3)
            cache.get(i);
        // The shipped rules, with every `for:` shortened so that the test need not wait a minute.
        Path rules = dirs.work().resolve("alerts.yml");
        Files.writeString(rules, Files.readString(Path.of("prometheus", "alerts.yml")).replaceAll("for: \\d+m", "for: 5s"));
        prometheus = PrometheusServer.start(dirs.work("prometheus"),
            cluster.slots().stream().map(NodeSlot::metricsAddress).toList(), List.of(rules));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null)
            prometheus.close();
        if (client != null)
            client.close();
        if (cluster != null)
            cluster.close();
    }

    /** The result vector of {@code promql} once it satisfies {@code ok}, or a failure naming the last answer. */
    private static JsonNode awaitQuery(String promql, Predicate<JsonNode> ok, Duration timeout) {
        return Await.every(Duration.ofMillis(500)).until(() -> {
            JsonNode r = json(prometheus.query(promql));
            assertThat(r.get("status").asText()).as("status of %s: %s", promql, r).isEqualTo("success");
            return r.at("/data/result");
        }, ok, timeout, "a satisfying answer to " + promql);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        }
        catch (IOException e) {
            throw new AssertionError("Prometheus answered no JSON: " + text, e);
        }
    }

    /** The firing GridKeepNodeDown alert among {@code alerts}, or null. */
    private static JsonNode firingNodeDown(JsonNode alerts) {
        for (JsonNode a : alerts) {
            if (a.at("/labels/alertname").asText().equals("GridKeepNodeDown") && a.get("state").asText().equals("firing"))
                return a;
        }
        return null;
    }

    private static double value(JsonNode result) {
        return Double.parseDouble(result.get(0).at("/value/1").asText());
    }

    @Test
    @Order(1)
    void prometheusReportsEveryNodeUp() throws Exception {
        JsonNode r = awaitQuery("count(up{job=\"gridkeep\"} == 1)", res -> res.size() == 1 && value(res) == 3, Duration.ofSeconds(60));
        assertThat(value(r)).isEqualTo(3);
        // The targets page reflects each target's last scrape: one slow scrape on a busy machine marks it down until the next.
        Await.until(() -> {
            try {
                JsonNode targets = JSON.readTree(prometheus.get("/api/v1/targets")).at("/data/activeTargets");
                int up = 0;
                for (JsonNode t : targets)
                    up += "up".equals(t.get("health").asText()) ? 1 : 0;
                return targets.size() == 3 && up == 3;
            }
            catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(60), "the 3 targets reported up on /api/v1/targets");
    }

    @Test
    @Order(2)
    void theNumberOfPutsReadThroughPrometheusIsTheNumberDone() throws Exception {
        // Ignite counts a put on every node that stores a copy: with one backup, twice per put.
        JsonNode r = awaitQuery("sum(ignite_cache_puts_total{job=\"gridkeep\",cache=\"e2e\"})",
            res -> res.size() == 1 && value(res) == 2 * PUTS, Duration.ofSeconds(30));
        assertThat(value(r)).isEqualTo(2.0 * PUTS);
    }

    @Test
    @Order(3)
    void everyDashboardPanelQueryParsesAndReturnsData() throws Exception {
        int checked = 0;
        for (JsonNode d : GrafanaDashboards.all()) {
            for (String q : GrafanaDashboards.queries(d)) {
                String promql = q.replace("$__rate_interval", "30s").replace("$job", "gridkeep").replace("$cache", ".*");
                JsonNode r = awaitQuery(promql, res -> res.size() > 0, Duration.ofSeconds(30));
                assertThat(r).as("%s / %s", d.get("title").asText(), promql).isNotEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(25);
    }

    @Test
    @Order(4)
    void killingANodeFiresTheNodeDownAlert() throws Exception {
        String victim = cluster.slots().get(2).metricsAddress();
        cluster.kill(2);
        JsonNode alerts = Await.every(Duration.ofSeconds(1)).until(() -> json(prometheus.get("/api/v1/alerts")).at("/data/alerts"),
            a -> firingNodeDown(a) != null, Duration.ofSeconds(90), "GridKeepNodeDown to fire for " + victim);
        assertThat(firingNodeDown(alerts).at("/labels/instance").asText()).isEqualTo(victim);
    }
}
