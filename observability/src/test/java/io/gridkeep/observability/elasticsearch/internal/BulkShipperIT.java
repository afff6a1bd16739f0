package io.gridkeep.observability.elasticsearch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridkeep.observability.elasticsearch.ElasticsearchConnection;
import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.ElasticsearchServer;
import io.gridkeep.testkit.RecordingLogger;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipper against a real Elasticsearch 8.19: what is indexed, refused, counted, and what happens through an outage. */
class BulkShipperIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A fixed day, so that the daily index's name is known. */
    private static final Instant DAY = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    static Path dir;

    static ElasticsearchServer es;

    private final RecordingLogger log = new RecordingLogger();
    private final List<BulkShipper> started = new ArrayList<>();

    @BeforeAll
    static void startElasticsearch() {
        es = ElasticsearchServer.start(dir.resolve("es"));
    }

    @AfterAll
    static void stopElasticsearch() {
        if (es != null)
            es.close();
    }

    @AfterEach
    void stopShippers() {
        started.forEach(s -> s.close(Duration.ZERO));
    }

    private BulkShipper start(String prefix, DocumentBuffer buffer, int bulkActions, Consumer<Document> enricher) {
        BulkShipper s = new BulkShipper(ElasticsearchConnection.of(es.url()).connectTimeout(Duration.ofMillis(500)), prefix, buffer,
            bulkActions, Duration.ofMillis(50), Duration.ofMillis(300), enricher, log);
        started.add(s);
        s.start(prefix + "-shipper");
        return s;
    }

    private static Document log(String message) {
        return new Document(Document.Stream.LOGS, null, DAY, new HashMap<>(Map.of("@timestamp", DAY.toString(), "message", message)));
    }

    private static Document event(String id, String action) {
        return new Document(Document.Stream.EVENTS, id, DAY, new HashMap<>(Map.of("@timestamp", DAY.toString(), "event.action", action)));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The documents of {@code index}, as Elasticsearch holds them. */
    private static List<JsonNode> search(String index) throws Exception {
        es.request("POST", "/" + index + "/_refresh", null);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode hit : json(es.request("POST", "/" + index + "/_search", "{\"size\":10000}")).path("hits").path("hits"))
            out.add(hit);
        return out;
    }

    /** Documents Elasticsearch has answered for, one way or the other. */
    private static long answered(BulkShipper s) {
        return s.shipped() + s.duplicates() + s.rejected();
    }

    @Test
    void bufferedDocumentsAreIndexedOnceEachInTheirDailyIndexEnrichedOnTheShippingThread() throws Exception {
        DocumentBuffer buffer = new DocumentBuffer(1000);
        for (int i = 0; i < 120; i++)
            buffer.offer(log("line " + i));
        Set<String> enrichedOn = ConcurrentHashMap.newKeySet();
        BulkShipper s = start("bs1", buffer, 50, d -> {
            enrichedOn.add(Thread.currentThread().getName());
            d.source().put("ignite.node_id", "node-a");
        });

        Await.until(() -> s.shipped() == 120, WAIT, "120 documents shipped");

        List<JsonNode> docs = search("bs1-logs-2026.03.01");
        assertThat(docs).hasSize(120).allSatisfy(d -> assertThat(d.path("_source").path("ignite.node_id").asText()).isEqualTo("node-a"));
        assertThat(docs.stream().map(d -> d.path("_source").path("message").asText()).distinct()).hasSize(120);
        assertThat(enrichedOn).containsExactly("bs1-shipper");
        assertThat(s.duplicates()).isZero();
        assertThat(s.rejected()).isZero();
        assertThat(s.up()).isTrue();
        assertThat(s.pendingDocuments()).isZero();
        // The templates went in first, so the index has GridKeep's mapping.
        assertThat(es.request("GET", "/_index_template/bs1-logs", null).statusCode()).isEqualTo(200);
        assertThat(es.request("GET", "/_index_template/bs1-events", null).statusCode()).isEqualTo(200);
        assertThat(es.request("GET", "/bs1-logs-2026.03.01/_mapping", null).body()).contains("\"node_id\":{\"type\":\"keyword\"}");
    }

    @Test
    void aDocumentWhoseIdIsIndexedAlreadyIsCountedAsADuplicateNotWrittenTwice() throws Exception {
        DocumentBuffer buffer = new DocumentBuffer(100);
        buffer.offer(event("node-joined-2-a", "node-joined"));
        buffer.offer(event("node-joined-2-a", "node-joined"));
        buffer.offer(event("node-left-3-a", "node-left"));
        BulkShipper s = start("bs2", buffer, 10, d -> { });

        Await.until(() -> answered(s) == 3, WAIT, "3 documents answered");

        assertThat(s.shipped()).isEqualTo(2);
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.rejected()).isZero();
        assertThat(search("bs2-events-2026.03.01")).extracting(d -> d.path("_id").asText())
            .containsExactlyInAnyOrder("node-joined-2-a", "node-left-3-a");

        // The same event again later, as a retry or a second node's shipper sends it: still one copy.
        buffer.offer(event("node-left-3-a", "node-left"));
        Await.until(() -> s.duplicates() == 2, WAIT, "the later duplicate answered");
        assertThat(search("bs2-events-2026.03.01")).hasSize(2);
    }

    @Test
    void aDocumentTheMappingRefusesIsRejectedWithAWarningAndTheRestOfItsBulkIsIndexed() throws Exception {
        DocumentBuffer buffer = new DocumentBuffer(100);
        buffer.offer(log("before"));
        buffer.offer(new Document(Document.Stream.LOGS, null, DAY, new HashMap<>(Map.of("@timestamp", "not a date", "message", "bad"))));
        buffer.offer(log("after"));
        BulkShipper s = start("bs3", buffer, 10, d -> { });

        Await.until(() -> answered(s) == 3, WAIT, "3 documents answered");

        assertThat(s.shipped()).isEqualTo(2);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(s.failedRequests()).as("a refusal for good is not retried").isZero();
        assertThat(search("bs3-logs-2026.03.01")).extracting(d -> d.path("_source").path("message").asText())
            .containsExactlyInAnyOrder("before", "after");
        assertThat(log.warnings()).singleElement().satisfies(w -> assertThat(w)
            .startsWith("Elasticsearch rejected a document for bs3-logs-2026.03.01 (status 400): ").contains("@timestamp"));
    }

    @Test
    void closingDrainsTheBufferWhileElasticsearchIsUp() throws Exception {
        DocumentBuffer buffer = new DocumentBuffer(1000);
        BulkShipper s = start("bs4", buffer, 50, d -> { });
        for (int i = 0; i < 300; i++)
            buffer.offer(log("line " + i));

        s.close(Duration.ofSeconds(60));

        assertThat(s.lostOnStop()).isZero();
        assertThat(s.shipped()).isEqualTo(300);
        assertThat(search("bs4-logs-2026.03.01")).hasSize(300);
    }

    @Test
    void throughAnOutageAtMostOneBulkIsOutsideTheBufferAndAfterItEveryDocumentIsShippedOnce() throws Exception {
        int bulk = 10;
        DocumentBuffer buffer = new DocumentBuffer(1000);
        BulkShipper s = start("bs5", buffer, bulk, d -> { });
        buffer.offer(log("warm-up"));
        Await.until(() -> s.shipped() == 1, WAIT, "the first document shipped");

        es.stop();
        try {
            for (int i = 0; i < 200; i++)
                buffer.offer(log("during " + i));
            long failedBefore = s.failedRequests();
            Await.until(() -> s.failedRequests() >= failedBefore + 3, WAIT, "three failed requests");
            assertThat(s.up()).isFalse();
            // What waits for a retry or is in flight is one bulk at most: the rest waits in the bounded buffer.
            Await.every(Duration.ofMillis(20)).holds(() -> 200 - buffer.size() >= 0 && 200 - buffer.size() <= bulk, Duration.ofSeconds(1),
                "at most one bulk (" + bulk + " documents) outside the buffer");
        }
        finally {
            es.restart();
        }

        Await.until(() -> s.shipped() == 201, WAIT, "every document shipped after the outage");
        assertThat(s.up()).isTrue();
        assertThat(s.duplicates()).isZero();
        assertThat(s.pendingDocuments()).isZero();
        assertThat(search("bs5-logs-2026.03.01")).hasSize(201);
        assertThat(log.warnings()).anySatisfy(w -> assertThat(w).startsWith("Elasticsearch at " + es.url() + " unreachable"));
        assertThat(log.infos()).anySatisfy(i -> assertThat(i).startsWith("Elasticsearch at " + es.url() + " reachable again"));
    }
}
