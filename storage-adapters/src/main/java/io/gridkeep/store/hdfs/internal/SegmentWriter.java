package io.gridkeep.store.hdfs.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The segment one store instance appends to in one partition: created on the first append,
 * closed and renamed to {@code .log} when it rolls. Not thread-safe: the store serializes appends.
 */
final class SegmentWriter {
    private final FileSystem fs;
    private final Path partDir;
    private final String writer;
    private long seq;
    private FSDataOutputStream out;
    private Path path;
    private long bytes;
    private long openedAt;

    SegmentWriter(FileSystem fs, Path partDir, String writer) {
        this.fs = fs;
        this.partDir = partDir;
        this.writer = writer;
    }

    /** Appends framed records (not yet durable: see {@link #sync}). */
    void append(ByteArrayOutputStream records) throws IOException {
        if (out == null) {
            long now = System.currentTimeMillis();
            path = LogFiles.segment(partDir, now, writer, seq++);
            out = fs.create(path, false);
            out.write(LogFormat.MAGIC);
            bytes = LogFormat.MAGIC.length;
            openedAt = now;
        }
        records.writeTo(out);
        bytes += records.size();
    }

    /** Makes what was appended durable: in the DataNodes' memory ({@code hflush}) or on their disks ({@code hsync}). */
    void sync(boolean hsync) throws IOException {
        if (out == null)
            return;
        if (hsync)
            out.hsync();
        else
            out.hflush();
    }

    boolean due(long maxBytes, long maxAgeMillis, long now) {
        return out != null && (bytes >= maxBytes || now - openedAt >= maxAgeMillis);
    }

    /** Closes the segment and renames it {@code .log}: compaction takes only closed segments. */
    void roll() throws IOException {
        if (out == null)
            return;
        FSDataOutputStream o = out;
        Path p = path;
        out = null;
        o.close();
        fs.rename(p, LogFiles.closed(p));
    }

    /**
     * After a failed write: drops the stream without trusting it. What it holds up to the last sync
     * stays readable; a torn tail after that is skipped by readers. The next append opens a new segment.
     */
    void abandon() {
        FSDataOutputStream o = out;
        out = null;
        if (o != null) {
            try {
                o.close();
            }
            catch (IOException | RuntimeException e) {
                // The stream is broken already: the file stays .open and is read (and later compacted) as it is.
            }
        }
    }

    long bytes() {
        return out == null ? 0 : bytes;
    }
}
