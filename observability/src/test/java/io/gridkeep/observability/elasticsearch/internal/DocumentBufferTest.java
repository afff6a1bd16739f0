package io.gridkeep.observability.elasticsearch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentBufferTest {
    private static Document doc(int i) {
        return new Document(Document.Stream.LOGS, null, Instant.EPOCH, new HashMap<>(Map.of("n", i)));
    }

    @Test
    void aFullBufferDropsNewDocumentsAndCountsEachDrop() {
        DocumentBuffer b = new DocumentBuffer(3);
        for (int i = 0; i < 10; i++)
            b.offer(doc(i));
        assertThat(b.offered()).isEqualTo(10);
        assertThat(b.dropped()).isEqualTo(7);
        assertThat(b.size()).isEqualTo(3);
        // The oldest ones are kept: they are the ones that explain what came after.
        assertThat(b.poll().source().get("n")).isEqualTo(0);
    }

    @Test
    void hasRoomCountsTheDropOfADocumentNotBuiltForAFullBuffer() {
        DocumentBuffer b = new DocumentBuffer(1);
        assertThat(b.hasRoom()).isTrue();
        b.offer(doc(0));
        assertThat(b.hasRoom()).isFalse();
        assertThat(b.offered()).isEqualTo(2);
        assertThat(b.dropped()).isEqualTo(1);
    }

    @Test
    void offerNeverWaits() {
        DocumentBuffer b = new DocumentBuffer(1);
        b.offer(doc(0));
        assertThat(b.offer(doc(1))).isFalse();
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new DocumentBuffer(0)).hasMessageContaining("at least 1");
    }

    @Test
    void documentsGoToADailyIndexByTheirUtcDay() {
        Document d = new Document(Document.Stream.EVENTS, "x", Instant.parse("2026-03-01T23:59:59Z"), new HashMap<>());
        assertThat(d.index("gk")).isEqualTo("gk-events-2026.03.01");
        assertThat(new Document(Document.Stream.LOGS, null, Instant.parse("2026-03-02T00:00:00Z"), new HashMap<>()).index("gk"))
            .isEqualTo("gk-logs-2026.03.02");
    }

    @Test
    void templatesMatchTheirOwnIndicesOnly() {
        assertThat(IndexTemplates.template(Document.Stream.LOGS, "gk")).contains("\"gk-logs-*\"").doesNotContain("events-*");
        assertThat(IndexTemplates.template(Document.Stream.EVENTS, "gk")).contains("\"gk-events-*\"");
    }
}
