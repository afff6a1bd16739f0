package io.gridkeep.observability.elasticsearch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.observability.elasticsearch.ElasticsearchConnection;
import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.FreePorts;
import io.gridkeep.testkit.RecordingLogger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shipper while Elasticsearch cannot be reached: the real client against a loopback port that
 * nothing listens on, so every request is refused. What happens when Elasticsearch answers is in
 * {@link BulkShipperIT}.
 */
class BulkShipperTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String url = "http://127.0.0.1:" + FreePorts.one();
    private final RecordingLogger log = new RecordingLogger();
    private final List<BulkShipper> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(s -> s.close(Duration.ZERO));
    }

    private BulkShipper shipper(DocumentBuffer buffer, Duration maxBackoff) {
        BulkShipper s = new BulkShipper(ElasticsearchConnection.of(url).connectTimeout(Duration.ofMillis(500)), "bst", buffer, 5,
            Duration.ofMillis(50), maxBackoff, d -> { }, log);
        started.add(s);
        return s;
    }

    private static void offer(DocumentBuffer buffer, int n) {
        for (int i = 0; i < n; i++)
            buffer.offer(new Document(Document.Stream.LOGS, null, Instant.now(), new HashMap<>(Map.of("message", "line " + i))));
    }

    /** Every document offered is shipped, refused, dropped or counted as lost at stop: none goes missing from the counts. */
    private static void assertAccountedFor(DocumentBuffer buffer, BulkShipper s) {
        assertThat(s.shipped() + s.duplicates() + s.rejected() + buffer.dropped() + s.lostOnStop()).isEqualTo(buffer.offered());
    }

    @Test
    void whileElasticsearchIsUnreachableNothingIsShippedAndTheDocumentsWaitInTheBuffer() throws Exception {
        DocumentBuffer buffer = new DocumentBuffer(10);
        offer(buffer, 3);
        BulkShipper s = shipper(buffer, Duration.ofMillis(400));
        s.start("bst-shipper");

        Await.until(() -> s.failedRequests() >= 2, WAIT, "two failed requests");

        assertThat(s.up()).isFalse();
        assertThat(s.lastError()).isNotBlank();
        assertThat(s.shipped()).isZero();
        assertThat(s.pendingDocuments()).isEqualTo(3);
        // Nothing is taken from the buffer before the index templates are in place.
        assertThat(buffer.size()).isEqualTo(3);
    }

    @Test
    void retriesBackOffDoublingFrom100MsUpToTheMaximum() throws Exception {
        BulkShipper s = shipper(new DocumentBuffer(10), Duration.ofMillis(200));
        s.start("bst-shipper");

        // The time of each failure, seen by polling the counter.
        List<Long> at = new ArrayList<>();
        long last = 0;
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < end) {
            long n = s.failedRequests();
            if (n > last) {
                at.add(System.nanoTime() / 1_000_000);
                last = n;
            }
            // Sampling the counter for 3 s to time the retries: a pace, not a wait for a condition.
            Thread.sleep(2);
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < at.size(); i++)
            gaps.add(at.get(i) - at.get(i - 1));

        assertThat(gaps).as("gaps between failures (ms)").hasSizeGreaterThanOrEqualTo(5);
        assertThat(gaps.get(0)).as("first backoff of %s", gaps).isGreaterThanOrEqualTo(90);
        assertThat(gaps.subList(1, gaps.size())).as("doubled to the 200 ms maximum: %s", gaps)
            .allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(190));
        List<Long> sorted = gaps.subList(1, gaps.size()).stream().sorted().toList();
        assertThat(sorted.get(sorted.size() / 2)).as("and no more than that: %s", gaps).isLessThan(350);
    }

    @Test
    void anOutageIsLoggedOnceNotOnEveryRetry() throws Exception {
        DocumentBuffer buffer = new DocumentBuffer(10);
        BulkShipper s = shipper(buffer, Duration.ofMillis(100));
        s.start("bst-shipper");

        Await.until(() -> s.failedRequests() >= 5, WAIT, "five failed requests");

        assertThat(log.warnings()).singleElement().satisfies(w -> assertThat(w).startsWith("Elasticsearch at " + url + " unreachable")
            .contains("buffering up to 10 documents", "retrying every 100 ms at most"));
    }

    @Test
    void closingWhileUnreachableCountsEveryUnshippedDocumentAsLostAndWaitsNoLongerThanTheDrain() throws Exception {
        DocumentBuffer buffer = new DocumentBuffer(10);
        offer(buffer, 7);
        BulkShipper s = shipper(buffer, Duration.ofMillis(100));
        s.start("bst-shipper");
        Await.until(() -> s.failedRequests() >= 1, WAIT, "a failed request");

        long t0 = System.nanoTime();
        s.close(Duration.ofMillis(300));
        long tookMs = (System.nanoTime() - t0) / 1_000_000;

        assertThat(s.lostOnStop()).isEqualTo(7);
        assertThat(tookMs).isLessThan(3000);
        assertAccountedFor(buffer, s);
    }

    @Test
    void aFullBufferDropsTheRestAndTheCountsStillAddUp() throws Exception {
        DocumentBuffer buffer = new DocumentBuffer(10);
        BulkShipper s = shipper(buffer, Duration.ofMillis(100));
        s.start("bst-shipper");
        Await.until(() -> s.failedRequests() >= 1, WAIT, "a failed request");

        offer(buffer, 25);
        s.close(Duration.ofMillis(200));

        assertThat(buffer.dropped()).isEqualTo(15);
        assertThat(s.lostOnStop()).isEqualTo(10);
        assertAccountedFor(buffer, s);
    }

    @Test
    void closingAShipperThatNeverStartedDoesNothing() {
        DocumentBuffer buffer = new DocumentBuffer(10);
        offer(buffer, 2);
        BulkShipper s = new BulkShipper(ElasticsearchConnection.of(url), "bst", buffer, 5, Duration.ofMillis(50), Duration.ofMillis(100),
            d -> { }, log);

        s.close(Duration.ofMillis(100));

        assertThat(s.lostOnStop()).isZero();
        assertThat(buffer.size()).isEqualTo(2);
    }
}
