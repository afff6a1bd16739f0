package io.gridkeep.store.hdfs.internal;

import io.gridkeep.store.internal.HadoopConf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A partition directory of the HDFS store's log on Hadoop's local file system ({@code file:///}, the
 * same client API as HDFS), for the tests of the classes that read and compact it: files written
 * record by record with {@link LogFormat}, and named as {@link LogFiles} names them.
 */
final class LocalLogDir implements AutoCloseable {
    /** A creation time for file names: long enough ago that nothing in a test is older. */
    static final long CREATED = 1_700_000_000_000L;

    final FileSystem fs;
    final Path part;

    /** Opens the local file system with the store's own client configuration; {@code part} need not exist. */
    LocalLogDir(java.nio.file.Path dir) throws IOException {
        fs = FileSystem.newInstance(URI.create("file:///"), HadoopConf.of(Map.of()));
        part = LogFiles.partition(new Path(dir.toUri()), 0);
    }

    static LogRecord put(String key, String value, long version) {
        return new LogRecord(bytes(key), bytes(value), version);
    }

    static LogRecord tombstone(String key, long version) {
        return new LogRecord(bytes(key), null, version);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The bytes of a log file holding {@code records}. */
    static byte[] content(LogRecord... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(LogFormat.MAGIC);
        for (LogRecord r : records)
            LogFormat.write(r, out);
        return out.toByteArray();
    }

    /** A segment still being written ({@code .open}), created at {@code createdMillis}. */
    Path openSegment(long createdMillis, String writer, LogRecord... records) throws IOException {
        return write(LogFiles.segment(part, createdMillis, writer, 0), content(records));
    }

    /** A closed segment ({@code .log}). */
    Path closedSegment(String writer, long n, LogRecord... records) throws IOException {
        return write(LogFiles.closed(LogFiles.segment(part, CREATED, writer, n)), content(records));
    }

    /** A base written by a finished compaction ({@code .dat}). */
    Path base(String id, LogRecord... records) throws IOException {
        return write(LogFiles.base(part, CREATED, id, false), content(records));
    }

    /** A base a compaction is still writing, or died writing ({@code .tmp}). */
    Path temporaryBase(long createdMillis, String id, LogRecord... records) throws IOException {
        return write(LogFiles.base(part, createdMillis, id, true), content(records));
    }

    Path write(Path p, byte[] bytes) throws IOException {
        try (FSDataOutputStream o = fs.create(p, false)) {
            o.write(bytes);
        }
        return p;
    }

    /** The names of the partition directory's files, sorted. */
    List<String> names() throws IOException {
        List<String> out = new ArrayList<>();
        for (FileStatus f : fs.listStatus(part))
            out.add(f.getPath().getName());
        Collections.sort(out);
        return out;
    }

    /** What a reader of the whole partition sees: each key's winning value (null for a tombstone) and version. */
    Map<String, String> state() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (LogRecord r : PartitionState.read(fs, part, null).latest.values())
            out.put(text(r.key()), (r.tombstone() ? "<deleted>" : text(r.value())) + "@" + r.version());
        return out;
    }

    @Override
    public void close() throws IOException {
        fs.close();
    }
}
