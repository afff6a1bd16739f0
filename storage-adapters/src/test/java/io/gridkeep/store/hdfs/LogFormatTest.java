package io.gridkeep.store.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.store.hdfs.internal.LogFormat;
import io.gridkeep.store.hdfs.internal.LogRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFormatTest {
    private static byte[] file(LogRecord... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'G', 'K', 'L', '1'});
        for (LogRecord r : records)
            LogFormat.write(r, out);
        return out.toByteArray();
    }

    private static List<LogRecord> read(byte[] bytes, LogFormat.ReadResult[] result) throws Exception {
        List<LogRecord> out = new ArrayList<>();
        result[0] = LogFormat.read(new ByteArrayInputStream(bytes), out::add);
        return out;
    }

    @Test
    void recordsAndTombstonesRoundTrip() throws Exception {
        LogFormat.ReadResult[] r = new LogFormat.ReadResult[1];
        List<LogRecord> got = read(file(new LogRecord(new byte[] {1}, new byte[] {2, 3}, 10), new LogRecord(new byte[] {1}, null, 11)), r);
        assertThat(r[0].torn()).isFalse();
        assertThat(got).hasSize(2);
        assertThat(got.get(0).value()).containsExactly(2, 3);
        assertThat(got.get(1).tombstone()).isTrue();
        assertThat(got.get(1).version()).isEqualTo(11);
    }

    @Test
    void aRecordCutOffAnywhereIsATornTailAfterTheWholeOnes() throws Exception {
        byte[] whole = file(new LogRecord(new byte[] {1}, new byte[] {2}, 1), new LogRecord(new byte[] {5, 6}, new byte[] {7, 8, 9}, 2));
        int firstEnd = file(new LogRecord(new byte[] {1}, new byte[] {2}, 1)).length;
        for (int cut = firstEnd + 1; cut < whole.length; cut++) {
            LogFormat.ReadResult[] r = new LogFormat.ReadResult[1];
            List<LogRecord> got = read(Arrays.copyOf(whole, cut), r);
            assertThat(got).as("cut at %d", cut).hasSize(1);
            assertThat(r[0].torn()).as("cut at %d", cut).isTrue();
            assertThat(r[0].tornAt()).isEqualTo(firstEnd);
        }
    }

    @Test
    void aFlippedByteFailsTheChecksum() throws Exception {
        byte[] bytes = file(new LogRecord(new byte[] {1}, new byte[] {2}, 1));
        bytes[bytes.length - 1] ^= 0x10;
        LogFormat.ReadResult[] r = new LogFormat.ReadResult[1];
        assertThat(read(bytes, r)).isEmpty();
        assertThat(r[0].why()).isEqualTo("checksum mismatch");
    }

    @Test
    void anEmptyFileIsEmptyNotTorn() throws Exception {
        LogFormat.ReadResult[] r = new LogFormat.ReadResult[1];
        assertThat(read(new byte[0], r)).isEmpty();
        assertThat(r[0].torn()).isFalse();
    }
}
