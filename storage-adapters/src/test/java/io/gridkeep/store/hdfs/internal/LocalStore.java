package io.gridkeep.store.hdfs.internal;

import io.gridkeep.store.VersionedBackend.Write;
import io.gridkeep.store.internal.RejectedClassException;
import io.gridkeep.store.internal.StoreFailure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The HDFS store's parts on Hadoop's raw local file system ({@code file:///}, the same client API as
 * HDFS; raw, so that what a segment writer flushes is readable at once, as from HDFS after
 * {@code hflush}), with string keys and values as UTF-8 bytes, and the failures the parts reported.
 */
final class LocalStore implements AutoCloseable {
    static final String CACHE = "orders";
    static final String WRITER = "w1";
    /** A value the codec refuses, as the store's codec refuses an object it cannot marshal. */
    static final String UNENCODABLE = "<unencodable>";
    /** Keys and values starting with this decode as the store's codec decodes bytes naming a class off its allow-list. */
    static final String REJECTED = "<rejected>";

    final HdfsSettings s;
    final LogDirectory dir;
    final HdfsCounters counters = HdfsCounters.unregistered();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final StoreFailure fail = (what, why) -> {
        String m = "cannot " + what + ": " + why.getMessage();
        failures.add(m);
        return m;
    };
    final ObjectCodec codec = new ObjectCodec() {
        @Override
        public byte[] encode(Object o) {
            if (UNENCODABLE.equals(o))
                throw new IllegalArgumentException("the codec cannot encode " + o);
            return ((String)o).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Object decode(byte[] bytes, ClassLoader cl) {
            String s = new String(bytes, StandardCharsets.UTF_8);
            if (s.startsWith(REJECTED))
                throw new RejectedClassException("com.evil.Gadget", "the stored bytes name class com.evil.Gadget, which is not allowed");
            return s;
        }
    };

    LocalStore(java.nio.file.Path root, int partitions, long segmentMaxBytes, long segmentMaxAgeMillis) {
        s = settings(root, partitions, segmentMaxBytes, segmentMaxAgeMillis);
        dir = new LogDirectory(s, CACHE);
    }

    /** Partitions compacted from 2 closed segments on, every 100 ms, tombstones dropped at once. */
    static HdfsSettings settings(java.nio.file.Path root, int partitions, long segmentMaxBytes, long segmentMaxAgeMillis) {
        return new HdfsSettings(root.toUri().toString(), "log", partitions, "hflush", segmentMaxBytes, segmentMaxAgeMillis, 2, 100, 0, 2,
            Map.of("fs.file.impl", RawLocalFileSystem.class.getName()), List.of());
    }

    OpenSegments segments() {
        return new OpenSegments(s, CACHE, dir, WRITER, counters, fail);
    }

    WritePipeline<String, String> pipeline(OpenSegments segments) {
        return new WritePipeline<>(CACHE, new BatchEncoder<>(s.partitions(), () -> codec), segments, new BusyTime(), fail);
    }

    static Write<String, String> put(String key, String value, long version) {
        return new Write<>(key, value, version);
    }

    static Write<String, String> delete(String key, long version) {
        return new Write<>(key, null, version);
    }

    /** The store partition the store puts {@code key} in. */
    int partitionOf(String key) {
        return BatchEncoder.partition(key.getBytes(StandardCharsets.UTF_8), s.partitions());
    }

    /** A key, {@code prefix} followed by a number, that the store puts in partition {@code p}. */
    String keyIn(int p, String prefix) {
        for (int i = 0; ; i++) {
            if (partitionOf(prefix + i) == p)
                return prefix + i;
        }
    }

    /** What a reader of partition {@code p} sees: each key's winning value ({@code <deleted>} for a tombstone) and version. */
    Map<String, String> state(int p) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (LogRecord r : PartitionState.read(dir.fs(), dir.partition(p), null).latest.values())
            out.put(text(r.key()), (r.tombstone() ? "<deleted>" : text(r.value())) + "@" + r.version());
        return out;
    }

    /** The names of partition {@code p}'s files, sorted; none when it has no directory. */
    List<String> names(int p) throws IOException {
        FileSystem fs = dir.fs();
        List<String> out = new ArrayList<>();
        if (fs.exists(dir.partition(p))) {
            for (FileStatus f : fs.listStatus(dir.partition(p)))
                out.add(f.getPath().getName());
        }
        Collections.sort(out);
        return out;
    }

    /** The versions of one file's records, in the order they are in it. */
    List<Long> versionsIn(int p, String name) throws IOException {
        List<Long> out = new ArrayList<>();
        try (var in = dir.fs().open(new Path(dir.partition(p), name))) {
            LogFormat.read(new ByteArrayInputStream(in.readAllBytes()), r -> out.add(r.version()));
        }
        return out;
    }

    /** Writes a file of partition {@code p} as the store or a compaction would have left it. */
    Path write(int p, String name, byte[] bytes) throws IOException {
        Path path = new Path(dir.partition(p), name);
        try (FSDataOutputStream o = dir.fs().create(path, false)) {
            o.write(bytes);
        }
        return path;
    }

    /** A closed segment of partition {@code p}. */
    Path closedSegment(int p, String writer, long n, LogRecord... records) throws IOException {
        return write(p, LogFiles.closed(LogFiles.segment(dir.partition(p), LocalLogDir.CREATED, writer, n)).getName(),
            LocalLogDir.content(records));
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The framed records of one partition as {@link BatchEncoder} made them, read back. */
    static List<LogRecord> records(ByteArrayOutputStream framed) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(LogFormat.MAGIC);
        framed.writeTo(file);
        List<LogRecord> out = new ArrayList<>();
        LogFormat.read(new ByteArrayInputStream(file.toByteArray()), out::add);
        return out;
    }

    @Override
    public void close() {
        dir.close();
    }
}
