package io.gridkeep.store.hdfs.internal;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The latest record of every key in one partition, merged from its files by version. Reading is
 * retried when compaction removes a file under it (the base that replaced it holds the same records).
 */
final class PartitionState {
    /** A file whose tail was torn: where, and why. */
    record Torn(Path file, long offset, String why) {
    }

    final Map<ByteBuffer, LogRecord> latest = new HashMap<>();
    final List<Torn> torn = new ArrayList<>();
    /** The files merged, for compaction. */
    final List<FileStatus> files = new ArrayList<>();
    long records;

    private PartitionState() {
    }

    /**
     * Reads the partition's data files chosen by {@code which} (all data files when null).
     *
     * @throws IOException when HDFS fails, or files keep vanishing after three tries
     */
    static PartitionState read(FileSystem fs, Path partDir, Predicate<FileStatus> which) throws IOException {
        for (int attempt = 1; ; attempt++) {
            PartitionState s = new PartitionState();
            try {
                if (!fs.exists(partDir))
                    return s;
                for (FileStatus f : fs.listStatus(partDir)) {
                    if (!f.isFile() || !LogFiles.data(f.getPath().getName()) || which != null && !which.test(f))
                        continue;
                    s.files.add(f);
                    try (FSDataInputStream in = LogFiles.openForRead(fs, f.getPath())) {
                        LogFormat.ReadResult r = LogFormat.read(new BufferedInputStream(in, 1 << 16), s::merge);
                        s.records += r.records();
                        if (r.torn())
                            s.torn.add(new Torn(f.getPath(), r.tornAt(), r.why()));
                    }
                }
                return s;
            }
            catch (FileNotFoundException e) {
                if (attempt == 3)
                    throw e;
            }
        }
    }

    /**
     * Where the records of these keys (their bytes) with these versions lie in the partition's files:
     * {@code <file> at byte <offset>}, for a warning about records whose key cannot be shown. Read
     * again only then, so that loading keeps no position per key.
     */
    static Map<ByteBuffer, String> locate(FileSystem fs, Path partDir, Map<ByteBuffer, Long> versions) throws IOException {
        Map<ByteBuffer, String> where = new HashMap<>();
        if (!fs.exists(partDir))
            return where;
        for (FileStatus f : fs.listStatus(partDir)) {
            if (!f.isFile() || !LogFiles.data(f.getPath().getName()))
                continue;
            try (FSDataInputStream in = LogFiles.openForRead(fs, f.getPath())) {
                LogFormat.readPositioned(new BufferedInputStream(in, 1 << 16), (r, offset) -> {
                    ByteBuffer k = ByteBuffer.wrap(r.key());
                    Long v = versions.get(k);
                    if (v != null && v == r.version())
                        where.put(k, f.getPath() + " at byte " + offset);
                });
            }
            catch (FileNotFoundException compactedMeanwhile) {
                // The base that replaced it holds the record; another file may still tell.
            }
        }
        return where;
    }

    private void merge(LogRecord r) {
        latest.merge(ByteBuffer.wrap(r.key()), r, (a, b) -> b.version() >= a.version() ? b : a);
    }
}
