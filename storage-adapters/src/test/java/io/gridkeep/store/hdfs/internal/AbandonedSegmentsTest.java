package io.gridkeep.store.hdfs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.function.Predicate;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

class AbandonedSegmentsTest {
    private static final Path PART = new Path("/c/part-00000");

    @Test
    void aSegmentNameCarriesItsWriterEvenWhenTheWriterIsANodeIdWithDashes() {
        UUID node = UUID.randomUUID();
        assertThat(LogFiles.writer(LogFiles.segment(PART, 1_700_000_000_000L, node.toString(), 12).getName())).isEqualTo(node.toString());
        assertThat(LogFiles.writer(LogFiles.closed(LogFiles.segment(PART, 5, "ab12cd34", 0)).getName())).isEqualTo("ab12cd34");
        assertThat(LogFiles.writer("base-5-x.dat")).isNull();
    }

    @Test
    void aSegmentIsAbandonedExactlyWhenItsWritersNodeIsNotAlive() {
        UUID alive = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        Predicate<String> abandoned = AbandonedSegments.whoseWriterLeft(alive::equals, Long.MAX_VALUE);
        assertThat(abandoned.test(LogFiles.segment(PART, 0, alive.toString(), 0).getName())).isFalse();
        assertThat(abandoned.test(LogFiles.segment(PART, Long.MAX_VALUE / 2, gone.toString(), 0).getName())).isTrue();
    }

    @Test
    void segmentsOfEarlierVersionsFallBackToTheirAge() {
        Predicate<String> abandoned = AbandonedSegments.whoseWriterLeft(id -> true, 1000);
        assertThat(abandoned.test(LogFiles.segment(PART, 999, "ab12cd34", 0).getName())).isTrue();
        assertThat(abandoned.test(LogFiles.segment(PART, 1000, "ab12cd34", 0).getName())).isFalse();
    }

    @Test
    void closedSegmentsAndBasesAreNeverOpenSegments() {
        Predicate<String> abandoned = AbandonedSegments.whoseWriterLeft(id -> false, Long.MAX_VALUE);
        assertThat(abandoned.test(LogFiles.closed(LogFiles.segment(PART, 0, UUID.randomUUID().toString(), 0)).getName())).isFalse();
        assertThat(abandoned.test(LogFiles.base(PART, 0, "x", false).getName())).isFalse();
    }
}
