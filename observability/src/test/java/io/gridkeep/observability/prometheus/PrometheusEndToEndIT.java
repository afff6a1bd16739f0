package io.gridkeep.observability.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridkeep.testkit.ForkedCluster;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.PrometheusServer;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's) scraping a real 3-node cluster (3 JVMs) under load: every target is
 * up, a counter read back through Prometheus equals what the test did, every dashboard panel's
 * query parses and returns data, and killing a node fires the node-down alert.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusEndToEndIT {
    private static final int PUTS = 3_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static ForkedCluster cluster;
    private static IgniteClient client;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void start() throws Exception {
        Path logs = Path.of("target", "it-logs", "PrometheusEndToEndIT").toAbsolutePath();
        cluster = ForkedCluster.start(3, logs, List.of("-Xmx512m"), null, ExporterConfigurer.class);
        client = Ignition.startClient(new ClientConfiguration().setAddresses(cluster.clientAddresses()));
        ClientCache<Integer, String> cache = client.getOrCreateCache(new ClientCacheConfiguration().setName("e2e")
            .setCacheMode(CacheMode.PARTITIONED).setBackups(1).setStatisticsEnabled(true)
            .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC));
        for (int i = 0; i < PUTS; i++)
            cache.put(i, "v" + i);
        for (int i = 0; i < PUTS; i += 3)
            cache.get(i);
        // The shipped rules, with every `for:` shortened so that the test need not wait a minute.
        Path rules = dir.resolve("alerts.yml");
        Files.writeString(rules, Files.readString(Path.of("prometheus", "alerts.yml")).replaceAll("for: \\d+m", "for: 5s"));
        prometheus = PrometheusServer.start(dir.resolve("prometheus"),
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
    private static JsonNode awaitQuery(String promql, Predicate<JsonNode> ok, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            JsonNode r = JSON.readTree(prometheus.query(promql));
            assertThat(r.get("status").asText()).as("status of %s: %s", promql, r).isEqualTo("success");
            last = r.at("/data/result");
            if (ok.test(last))
                return last;
            Thread.sleep(500);
        }
        throw new AssertionError("no satisfying answer to " + promql + " within " + timeout + "; last: " + last);
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
        io.gridkeep.testkit.Await.until(() -> {
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
        for (JsonNode d : DashboardsTest.dashboards()) {
            for (String q : DashboardsTest.queries(d)) {
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
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode alerts = JSON.readTree(prometheus.get("/api/v1/alerts")).at("/data/alerts");
            for (JsonNode a : alerts) {
                if (a.at("/labels/alertname").asText().equals("GridKeepNodeDown") && a.get("state").asText().equals("firing")) {
                    assertThat(a.at("/labels/instance").asText()).isEqualTo(victim);
                    return;
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("GridKeepNodeDown did not fire for " + victim + " within 90 s: "
            + prometheus.get("/api/v1/alerts"));
    }
}
