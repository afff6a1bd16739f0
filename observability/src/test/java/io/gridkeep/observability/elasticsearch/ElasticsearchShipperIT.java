package io.gridkeep.observability.elasticsearch;

import static io.gridkeep.observability.elasticsearch.EsDocs.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.ElasticsearchServer;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.PartitionLossPolicy;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.events.CacheEvent;
import org.apache.ignite.logger.log4j2.Log4J2Logger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What reaches Elasticsearch from in-JVM nodes with the shipper, against a real Elasticsearch 8.19. */
@ExtendWith(TestDirs.Extension.class)
class ElasticsearchShipperIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Logger MARKERS = LogManager.getLogger("gridkeep.test.markers");

    static ElasticsearchServer es;
    static EsDocs docs;

    @BeforeAll
    static void startElasticsearch(TestDirs dirs) {
        // The build runs nodes quiet (no INFO from Ignite); a GridKeep node does not.
        System.setProperty("IGNITE_QUIET", "false");
        es = ElasticsearchServer.start(dirs.work("es"));
        docs = new EsDocs(es);
    }

    @AfterAll
    static void stopElasticsearch() {
        if (es != null)
            es.close();
    }

    static IgniteConfiguration withShipper(NodeSlot slot, String prefix) {
        return TestNodeConfigs.server(slot).setGridLogger(new Log4J2Logger()).setLifecycleBeans(new ElasticsearchShipper().setUrls(es.url())
            .setIndexPrefix(prefix).setFlushIntervalMillis(200).setMaxRetryDelayMillis(500));
    }

    @Test
    void nodeLogIncludingIgnitesOwnArrivesAsEcsJsonInDailyIndices() {
        String marker = "marker-" + UUID.randomUUID();
        try (InJvmCluster cluster = InJvmCluster.start(1, slot -> withShipper(slot, "logs1"))) {
            Ignite node = cluster.node(0);
            MARKERS.error("shipped " + marker, new IllegalStateException("boom " + marker));

            JsonNode doc = docs.await("logs1-logs-*", "\"" + marker + "\" AND log.level:ERROR", l -> !l.isEmpty(), WAIT).get(0);
            assertThat(doc.get("_index").asText()).matches("logs1-logs-\\d{4}\\.\\d{2}\\.\\d{2}");
            assertThat(field(doc, "message").asText()).isEqualTo("shipped " + marker);
            assertThat(field(doc, "@timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
            assertThat(field(doc, "log.logger").asText()).isEqualTo("gridkeep.test.markers");
            assertThat(field(doc, "process.thread.name").asText()).isEqualTo(Thread.currentThread().getName());
            assertThat(field(doc, "error.type").asText()).isEqualTo(IllegalStateException.class.getName());
            assertThat(field(doc, "error.stack_trace").asText()).contains("boom " + marker).contains("ElasticsearchShipperIT");
            assertThat(field(doc, "service.name").asText()).isEqualTo("gridkeep");
            assertThat(field(doc, "host.name").asText()).isNotBlank();
            assertThat(field(doc, "ignite.node_id").asText()).isEqualTo(node.cluster().localNode().id().toString());
            assertThat(field(doc, "ignite.consistent_id").asText()).isEqualTo(String.valueOf(node.cluster().localNode().consistentId()));

            // Ignite's own start-up lines, logged before the node had an id, carry it too.
            List<JsonNode> ignite = docs.await("logs1-logs-*", "log.logger:org.apache.ignite*", l -> !l.isEmpty(), WAIT);
            assertThat(ignite).allSatisfy(d -> assertThat(field(d, "ignite.node_id").asText())
                .isEqualTo(node.cluster().localNode().id().toString()));

            // The index got GridKeep's mapping from the template, not dynamic guesses.
            String mapping = es.request("GET", "/logs1-logs-*/_mapping", null).body();
            assertThat(mapping).contains("\"level\":{\"type\":\"keyword\"}")
                .contains("\"stack_trace\":{\"type\":\"text\",\"index\":false}");
            assertThat(es.request("GET", "/_index_template/logs1-logs", null).statusCode()).isEqualTo(200);
            assertThat(es.request("GET", "/_index_template/logs1-events", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void clusterEventsAreIndexedOncePerClusterWithTheNodeAndCacheInvolved() {
        try (InJvmCluster cluster = InJvmCluster.start(3, slot -> withShipper(slot, "ev1"))) {
            Ignite n0 = cluster.node(0);
            n0.createCache(new CacheConfiguration<Integer, Integer>("fragile").setCacheMode(CacheMode.PARTITIONED)
                .setBackups(0).setPartitionLossPolicy(PartitionLossPolicy.READ_WRITE_SAFE));
            Map<Integer, Integer> m = new HashMap<>();
            for (int i = 0; i < 1000; i++)
                m.put(i, i);
            n0.cache("fragile").putAll(m);
            n0.cluster().state(ClusterState.INACTIVE);
            n0.cluster().state(ClusterState.ACTIVE);
            String leaving = String.valueOf(cluster.node(2).cluster().localNode().consistentId());
            cluster.stop(2);
            n0.destroyCache("fragile");

            docs.await("ev1-events-*", "*", l -> actions(l).getOrDefault("cache-destroyed", 0L) >= 1
                && actions(l).getOrDefault("partition-lost", 0L) >= 1, WAIT);
            // Each event once per cluster: a second copy, had a node shipped one, would come meanwhile.
            Map<String, Long> once = Map.of("node-joined", 2L, "node-left", 1L, "cluster-deactivated", 1L, "cluster-activated", 1L,
                "partition-lost", 1L, "cache-destroyed", 1L);
            Await.every(Duration.ofMillis(250)).holds(() -> {
                Map<String, Long> seen = actions(docs.search("ev1-events-*", "*"));
                return once.entrySet().stream().allMatch(e -> seen.getOrDefault(e.getKey(), 0L) <= e.getValue());
            }, Duration.ofMillis(1500), "no cluster event indexed more often than it happened");
            List<JsonNode> ev = docs.search("ev1-events-*", "*");
            Map<String, Long> counts = actions(ev);
            assertThat(counts).containsEntry("node-joined", 2L).containsEntry("node-left", 1L)
                .containsEntry("cluster-deactivated", 1L).containsEntry("cluster-activated", 1L)
                .containsEntry("partition-lost", 1L).containsEntry("cache-destroyed", 1L);
            assertThat(ev).filteredOn(d -> field(d, "event.action").asText().equals("cache-created")
                && field(d, "ignite.cache").asText().equals("fragile")).hasSize(1);

            JsonNode left = ev.stream().filter(d -> field(d, "event.action").asText().equals("node-left")).findFirst().orElseThrow();
            assertThat(field(left, "ignite.event.node_consistent_id").asText()).isEqualTo(leaving);
            assertThat(field(left, "ignite.servers").asInt()).isEqualTo(2);
            assertThat(field(left, "gridkeep.scope").asText()).isEqualTo("cluster");
            // Shipped by the oldest server, whichever node that is.
            assertThat(field(left, "ignite.node_id").asText()).isEqualTo(n0.cluster().localNode().id().toString());

            JsonNode lost = ev.stream().filter(d -> field(d, "event.action").asText().equals("partition-lost")).findFirst().orElseThrow();
            assertThat(field(lost, "ignite.cache").asText()).isEqualTo("fragile");
            assertThat(field(lost, "ignite.partition_count").asInt()).isPositive().isEqualTo(field(lost, "ignite.partitions").size());
            assertThat(field(lost, "ignite.event.node_consistent_id").asText()).isEqualTo(leaving);
        }
    }

    @Test
    void rebalancingIsReportedByTheNodesThatRebalance() {
        try (InJvmCluster cluster = InJvmCluster.start(3, slot -> withShipper(slot, "ev2"))) {
            Ignite n0 = cluster.node(0);
            n0.createCache(new CacheConfiguration<Integer, Integer>("orders").setCacheMode(CacheMode.PARTITIONED).setBackups(1));
            Map<Integer, Integer> m = new HashMap<>();
            for (int i = 0; i < 5000; i++)
                m.put(i, i);
            n0.cache("orders").putAll(m);
            List<String> survivors = List.of(n0.cluster().localNode().id().toString(),
                cluster.node(1).cluster().localNode().id().toString());

            // The survivors rebuild the backups the stopped node held.
            cluster.stop(2);

            List<JsonNode> ev = docs.await("ev2-events-*", "event.action:rebalance-finished AND ignite.cache:orders",
                l -> !l.isEmpty(), WAIT);
            assertThat(ev).allSatisfy(d -> {
                assertThat(field(d, "gridkeep.scope").asText()).isEqualTo("node");
                assertThat(survivors).contains(field(d, "ignite.node_id").asText());
            });
            assertThat(docs.search("ev2-events-*", "event.action:rebalance-started AND ignite.cache:orders")).isNotEmpty();
        }
    }

    @Test
    void aBaselineChangeIsOneDocumentListingTheNewBaseline() {
        try (InJvmCluster cluster = InJvmCluster.start(2, slot -> withShipper(slot, "ev4"))) {
            Ignite n0 = cluster.node(0);
            n0.cluster().baselineAutoAdjustEnabled(false);
            cluster.stop(1);
            n0.cluster().setBaselineTopology(n0.cluster().topologyVersion());

            docs.await("ev4-events-*", "event.action:baseline-changed", l -> !l.isEmpty(), WAIT);
            docs.awaitNoMoreThan("ev4-events-*", "event.action:baseline-changed", 1, Duration.ofSeconds(1));
            List<JsonNode> ev = docs.search("ev4-events-*", "event.action:baseline-changed");
            assertThat(ev).hasSize(1);
            assertThat(field(ev.get(0), "ignite.baseline")).hasSize(1);
            assertThat(field(ev.get(0), "ignite.baseline").get(0).asText())
                .isEqualTo(String.valueOf(n0.cluster().localNode().consistentId()));
        }
    }

    @Test
    void storeBackendEventsComeFromTheNodeThatSawThem() {
        try (InJvmCluster cluster = InJvmCluster.start(1, slot -> withShipper(slot, "ev3"))) {
            Ignite n = cluster.node(0);
            n.createCache("orders");
            n.events().recordLocal(new CacheEvent("orders", n.cluster().localNode(), n.cluster().localNode(),
                "cassandra: connection refused", GridKeepEventTypes.STORE_BACKEND_DOWN, -1, false, null, null, null, null,
                null, false, null, false, null, null, null));
            n.events().recordLocal(new CacheEvent("orders", n.cluster().localNode(), n.cluster().localNode(),
                "cassandra: back", GridKeepEventTypes.STORE_BACKEND_UP, -1, false, null, null, null, null,
                null, false, null, false, null, null, null));

            List<JsonNode> ev = docs.await("ev3-events-*", "event.action:store-down OR event.action:store-up", l -> l.size() == 2, WAIT);
            JsonNode down = ev.stream().filter(d -> field(d, "event.action").asText().equals("store-down")).findFirst().orElseThrow();
            assertThat(field(down, "gridkeep.store").asText()).isEqualTo("cassandra");
            assertThat(field(down, "ignite.cache").asText()).isEqualTo("orders");
            assertThat(field(down, "error.message").asText()).isEqualTo("connection refused");
            assertThat(field(down, "gridkeep.scope").asText()).isEqualTo("node");
        }
    }

    @Test
    void documentsElasticsearchRefusesAreCountedAsRejectedAndTheNodeCarriesOn() {
        // An index whose mapping makes every log document invalid: message is a number there.
        String today = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC)
            .format(Instant.now());
        assertThat(es.request("PUT", "/bad-logs-" + today, "{\"mappings\":{\"properties\":{\"message\":{\"type\":\"long\"}}}}")
            .statusCode()).isEqualTo(200);
        ElasticsearchShipper shipper = new ElasticsearchShipper().setUrls(es.url()).setIndexPrefix("bad").setFlushIntervalMillis(200);
        try (InJvmCluster cluster = InJvmCluster.start(1, slot -> TestNodeConfigs.server(slot).setGridLogger(new Log4J2Logger())
            .setLifecycleBeans(shipper))) {
            MARKERS.warn("not a number");
            Await.until(() -> shipper.stats().rejected(), n -> n > 0, WAIT, "a document rejected by Elasticsearch");
            assertThat(shipper.stats().rejected()).isPositive();
            cluster.node(0).getOrCreateCache("c").put(1, 1);
            assertThat(cluster.node(0).cache("c").get(1)).isEqualTo(1);
        }
    }

    private static Map<String, Long> actions(List<JsonNode> ev) {
        return ev.stream().collect(Collectors.groupingBy(d -> field(d, "event.action").asText(), Collectors.counting()));
    }
}
