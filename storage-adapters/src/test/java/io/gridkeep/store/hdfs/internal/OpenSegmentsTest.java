package io.gridkeep.store.hdfs.internal;

import static io.gridkeep.store.hdfs.internal.LocalStore.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.gridkeep.store.VersionedBackend.Write;
import io.gridkeep.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.cache.integration.CacheWriterException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appending to, syncing and rolling the segments of one store instance on Hadoop's local file system. */
class OpenSegmentsTest {
    @TempDir
    Path tmp;

    LocalStore store;
    OpenSegments segments;

    private void open(int partitions, long segmentMaxBytes, long segmentMaxAgeMillis) {
        store = new LocalStore(tmp, partitions, segmentMaxBytes, segmentMaxAgeMillis);
        segments = store.segments();
    }

    @AfterEach
    void close() {
        if (segments != null)
            segments.close();
        if (store != null)
            store.close();
    }

    @SafeVarargs
    private void write(Write<String, String>... batch) throws Exception {
        List<Write<String, String>> list = new ArrayList<>(batch.length);
        for (Write<String, String> w : batch)
            list.add(w);
        Map<Integer, ByteArrayOutputStream> byPart = new BatchEncoder<String, String>(store.s.partitions(), () -> store.codec).encode(list);
        segments.write(byPart, batch.length);
    }

    private static boolean open(List<String> names) {
        return names.stream().anyMatch(n -> n.endsWith(LogFiles.OPEN));
    }

    @Test
    void whatAWriteAppendedIsReadableFromTheOpenSegmentOnceItReturns() throws Exception {
        open(1, 1 << 20, 60_000);

        write(put("a", "1", 1), put("b", "2", 2));

        assertThat(store.names(0)).singleElement().satisfies(n -> assertThat(n).startsWith("seg-").endsWith("-w1-0.open"));
        assertThat(store.state(0)).containsExactly(entry("a", "1@1"), entry("b", "2@2"));
        assertThat(store.counters.rowsWritten().sum()).isEqualTo(2);
        assertThat(store.counters.bytesWritten().sum()).isPositive();
    }

    @Test
    void aBatchOverSeveralPartitionsIsInEachOfThemOnceItReturns() throws Exception {
        open(3, 1 << 20, 60_000);
        String k0 = store.keyIn(0, "k");
        String k1 = store.keyIn(1, "k");
        String k2 = store.keyIn(2, "k");

        write(put(k0, "0", 1), put(k1, "1", 1), put(k2, "2", 1));

        assertThat(store.state(0)).containsOnlyKeys(k0);
        assertThat(store.state(1)).containsOnlyKeys(k1);
        assertThat(store.state(2)).containsOnlyKeys(k2);
    }

    @Test
    void aSegmentPastItsMaxBytesIsRolledToLogBeforeTheNextAppend() throws Exception {
        open(1, 1024, 60_000);
        write(put("a", "x".repeat(2000), 1));
        assertThat(store.names(0)).hasSize(1);

        write(put("b", "2", 2));

        assertThat(store.names(0)).hasSize(2).anySatisfy(n -> assertThat(n).endsWith("-w1-0.log"))
            .anySatisfy(n -> assertThat(n).endsWith("-w1-1.open"));
        assertThat(store.counters.segmentsRolled().sum()).isEqualTo(1);
        assertThat(store.state(0)).containsOnlyKeys("a", "b");
    }

    @Test
    void rollingAgedSegmentsClosesThoseOpenedLongerAgoThanTheMaxAgeAndNoOther() throws Exception {
        open(2, 1 << 20, 1000);
        String old = store.keyIn(0, "old");
        String young = store.keyIn(1, "young");
        write(put(old, "1", 1));
        long wrote = System.currentTimeMillis();
        Await.until(() -> System.currentTimeMillis() - wrote > 1000, Duration.ofSeconds(5), "the first segment past its age");
        write(put(young, "1", 1));

        segments.rollAged();

        assertThat(store.names(0)).singleElement().satisfies(n -> assertThat(n).endsWith(".log"));
        assertThat(store.names(1)).singleElement().satisfies(n -> assertThat(n).endsWith(".open"));
        assertThat(store.counters.segmentsRolled().sum()).isEqualTo(1);
    }

    @Test
    void aFailedWriteDropsEverySegmentAndTheNextWriteOpensNewOnes() throws Exception {
        open(2, 1 << 20, 60_000);
        String k0 = store.keyIn(0, "k");
        String k1 = store.keyIn(1, "k");
        write(put(k0, "1", 1));
        // A file where partition 1's directory belongs: its segment cannot be created.
        var blocker = store.dir.partition(1);
        store.dir.fs().create(blocker).close();

        assertThatThrownBy(() -> write(put(k0, "2", 2), put(k1, "2", 2)))
            .isInstanceOf(CacheWriterException.class).hasMessageStartingWith("cannot write 2 records: ");
        assertThat(store.counters.failures().sum()).isEqualTo(1);
        assertThat(store.failures).hasSize(1);

        store.dir.fs().delete(blocker, false);
        long failedAt = System.currentTimeMillis();
        // Segment names carry their creation millisecond: the new segment must not be named as the abandoned one.
        Await.until(() -> System.currentTimeMillis() > failedAt, Duration.ofSeconds(5), "the next millisecond");
        write(put(k0, "3", 3), put(k1, "3", 3));

        assertThat(store.names(0)).as("the abandoned segment and a new one").hasSize(2).allSatisfy(n -> assertThat(n).endsWith(".open"));
        assertThat(store.state(0)).containsExactly(entry(k0, "3@3"));
        assertThat(store.state(1)).containsExactly(entry(k1, "3@3"));
    }

    @Test
    void closingRollsEveryOpenSegment() throws Exception {
        open(2, 1 << 20, 60_000);
        write(put(store.keyIn(0, "k"), "1", 1), put(store.keyIn(1, "k"), "1", 1));
        assertThat(open(store.names(0)) && open(store.names(1))).isTrue();

        segments.close();

        assertThat(store.names(0)).singleElement().satisfies(n -> assertThat(n).endsWith(".log"));
        assertThat(store.names(1)).singleElement().satisfies(n -> assertThat(n).endsWith(".log"));
    }
}
