package io.gridkeep.store.hdfs.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The bytes of segment and base files: a 4-byte magic {@code GKL1}, then records, each
 * {@code [int length][int crc32c][long version][byte flags][int keyLength][key][int valueLength][value]}
 * (no value part for a tombstone). Length and checksum frame each record, so that a record cut off
 * by a killed writer, or garbage after it, is recognized as a torn tail rather than read as data.
 */
public final class LogFormat {
    static final byte[] MAGIC = {'G', 'K', 'L', '1'};
    private static final byte TOMBSTONE = 1;
    /** A body longer than this is a torn or foreign file, not a record. */
    private static final int MAX_BODY = 256 << 20;

    private LogFormat() {
    }

    /** Appends one framed record to {@code out}, copying key and value once. */
    public static void write(LogRecord r, ByteArrayOutputStream out) {
        int bodyLen = 8 + 1 + 4 + r.key().length + (r.tombstone() ? 0 : 4 + r.value().length);
        ByteBuffer head = ByteBuffer.allocate(8 + 8 + 1 + 4);
        head.putInt(bodyLen).putInt(0).putLong(r.version()).put(r.tombstone() ? TOMBSTONE : 0).putInt(r.key().length);
        byte[] valueLen = r.tombstone() ? null : ByteBuffer.allocate(4).putInt(r.value().length).array();
        CRC32C crc = new CRC32C();
        crc.update(head.array(), 8, 13);
        crc.update(r.key());
        if (valueLen != null) {
            crc.update(valueLen);
            crc.update(r.value());
        }
        head.putInt(4, (int)crc.getValue());
        out.write(head.array(), 0, head.capacity());
        out.writeBytes(r.key());
        if (valueLen != null) {
            out.writeBytes(valueLen);
            out.writeBytes(r.value());
        }
    }

    /** What reading a file found. */
    public interface Sink {
        void record(LogRecord r);
    }

    /** What reading a file found, with each record's byte offset in the file. */
    public interface PositionedSink {
        void record(LogRecord r, long offset);
    }

    /**
     * The outcome of reading one file.
     *
     * @param records records read
     * @param tornAt byte offset where a torn tail starts, or -1 when the file ended cleanly
     * @param why what was wrong at {@code tornAt}
     */
    public record ReadResult(long records, long tornAt, String why) {
        public boolean torn() {
            return tornAt >= 0;
        }
    }

    /** Reads every whole record of a file, stopping at the first torn one. */
    public static ReadResult read(InputStream raw, Sink sink) throws IOException {
        return readPositioned(raw, (r, offset) -> sink.record(r));
    }

    /** Reads every whole record of a file, stopping at the first torn one, telling where each starts. */
    public static ReadResult readPositioned(InputStream raw, PositionedSink sink) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        byte[] magic = in.readNBytes(4);
        // A segment created while HDFS was failing may hold nothing at all: empty, not torn.
        if (magic.length == 0)
            return new ReadResult(0, -1, null);
        if (magic.length < 4)
            return new ReadResult(0, 0, "cut inside the file header");
        if (!Arrays.equals(magic, MAGIC))
            return new ReadResult(0, 0, "not a GridKeep log file (bad magic)");
        long offset = 4;
        long n = 0;
        while (true) {
            byte[] len = in.readNBytes(4);
            if (len.length == 0)
                return new ReadResult(n, -1, null);
            if (len.length < 4)
                return new ReadResult(n, offset, "cut inside a record's length");
            int bodyLen = ByteBuffer.wrap(len).getInt();
            if (bodyLen < 13 || bodyLen > MAX_BODY)
                return new ReadResult(n, offset, "record length " + bodyLen + " is impossible");
            byte[] body = new byte[bodyLen];
            int crc;
            try {
                crc = in.readInt();
                in.readFully(body);
            }
            catch (EOFException e) {
                return new ReadResult(n, offset, "cut inside a record of " + bodyLen + " bytes");
            }
            CRC32C c = new CRC32C();
            c.update(body, 0, bodyLen);
            if ((int)c.getValue() != crc)
                return new ReadResult(n, offset, "checksum mismatch");
            LogRecord r;
            try {
                ByteBuffer b = ByteBuffer.wrap(body);
                long version = b.getLong();
                boolean tombstone = b.get() == TOMBSTONE;
                byte[] key = new byte[b.getInt()];
                b.get(key);
                byte[] value = null;
                if (!tombstone) {
                    value = new byte[b.getInt()];
                    b.get(value);
                }
                r = new LogRecord(key, value, version);
            }
            catch (RuntimeException e) {
                return new ReadResult(n, offset, "malformed record: " + e);
            }
            sink.record(r, offset);
            n++;
            offset += 8 + bodyLen;
        }
    }
}
