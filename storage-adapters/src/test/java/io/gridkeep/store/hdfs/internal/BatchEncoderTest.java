package io.gridkeep.store.hdfs.internal;

import static io.gridkeep.store.hdfs.internal.LocalStore.delete;
import static io.gridkeep.store.hdfs.internal.LocalStore.put;
import static io.gridkeep.store.hdfs.internal.LocalStore.records;
import static io.gridkeep.store.hdfs.internal.LocalStore.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridkeep.store.VersionedBackend.Write;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch encoded into framed records by store partition; nothing is written. */
class BatchEncoderTest {
    @TempDir
    Path tmp;

    LocalStore store;
    BatchEncoder<String, String> encoder;

    @BeforeEach
    void open() {
        store = new LocalStore(tmp, 4, 1 << 20, 60_000);
        encoder = new BatchEncoder<>(4, () -> store.codec);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void everyRecordGoesToThePartitionOfItsKeysBytesAndNoOther() throws Exception {
        List<Write<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++)
            batch.add(put("k" + i, "v" + i, i + 1));

        Map<Integer, ByteArrayOutputStream> byPart = encoder.encode(batch);

        assertThat(byPart.keySet()).as("40 keys over 4 partitions").containsExactlyInAnyOrder(0, 1, 2, 3);
        int records = 0;
        for (Map.Entry<Integer, ByteArrayOutputStream> e : byPart.entrySet()) {
            for (LogRecord r : records(e.getValue())) {
                assertThat(store.partitionOf(text(r.key()))).as(text(r.key())).isEqualTo(e.getKey());
                records++;
            }
        }
        assertThat(records).isEqualTo(40);
    }

    @Test
    void aDeleteBecomesATombstoneWithTheDeletesVersion() throws Exception {
        Map<Integer, ByteArrayOutputStream> byPart = encoder.encode(List.of(delete("gone", 42)));

        List<LogRecord> got = records(byPart.get(store.partitionOf("gone")));
        assertThat(got).singleElement().satisfies(r -> {
            assertThat(r.tombstone()).isTrue();
            assertThat(text(r.key())).isEqualTo("gone");
            assertThat(r.version()).isEqualTo(42);
        });
    }

    @Test
    void recordsOfAPartitionKeepTheOrderOfTheBatch() throws Exception {
        String key = store.keyIn(2, "k");
        List<Write<String, String>> batch = List.of(put(key, "a", 5), put(key, "b", 3), delete(key, 9), put(key, "c", 7));

        List<LogRecord> got = records(encoder.encode(batch).get(2));

        assertThat(got).extracting(LogRecord::version).containsExactly(5L, 3L, 9L, 7L);
    }

    @Test
    void aValueTheCodecRefusesFailsTheWholeBatch() {
        assertThatThrownBy(() -> encoder.encode(List.of(put("a", "1", 1), put("b", LocalStore.UNENCODABLE, 2))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot encode");
    }
}
