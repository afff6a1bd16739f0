package io.gridkeep.store.hdfs.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Merges a partition's closed segments and bases into one new base file with the latest record of
 * each key, then removes its inputs. Writers are never blocked: they append to {@code .open} segments,
 * which compaction leaves alone unless their writer is gone ({@link AbandonedSegments}).
 *
 * <p>An input with a torn tail is merged as far as it reads and then kept, never deleted: what lies
 * after the tear cannot be read, but may still be recovered by hand from the file, and a compaction
 * that deleted it would make that loss final. The result lists it, for a metric and a log line.
 *
 * <p>Safe when two nodes compact the same partition at once (during a topology change): each writes
 * a base under its own name from the same inputs, and duplicates merge away by version; a compaction
 * whose input disappears gives up and removes its temporary file.
 */
final class Compactor {
    /**
     * What one compaction did.
     *
     * @param kept inputs with a torn tail: merged as far as they could be read, and left in place
     */
    record Result(int inputs, long recordsIn, long recordsOut, Path base, List<PartitionState.Torn> kept) {
    }

    private Compactor() {
    }

    /**
     * @param abandoned which {@code .open} segments (by name) have no live writer and are compacted like closed ones
     * @param dropTombstonesBelow tombstones with a lower version are dropped (their grace has passed)
     * @return what was done, or null when there was too little to compact
     */
    static Result compact(FileSystem fs, Path partDir, int minSegments, Predicate<String> abandoned, long dropTombstonesBelow)
        throws IOException {
        Predicate<FileStatus> input = f -> {
            String n = f.getPath().getName();
            return n.endsWith(LogFiles.CLOSED) || n.endsWith(LogFiles.BASE)
                || n.endsWith(LogFiles.OPEN) && abandoned.test(n);
        };
        PartitionState s = PartitionState.read(fs, partDir, input);
        long segments = s.files.stream().filter(f -> !f.getPath().getName().endsWith(LogFiles.BASE)).count();
        if (segments < minSegments)
            return null;
        long now = System.currentTimeMillis();
        Path tmp = LogFiles.base(partDir, now, UUID.randomUUID().toString().substring(0, 8), true);
        long out = 0;
        try {
            try (FSDataOutputStream o = fs.create(tmp, false)) {
                o.write(LogFormat.MAGIC);
                ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
                for (LogRecord r : s.latest.values()) {
                    if (r.tombstone() && r.version() < dropTombstonesBelow)
                        continue;
                    LogFormat.write(r, buf);
                    out++;
                    if (buf.size() >= 1 << 20) {
                        buf.writeTo(o);
                        buf.reset();
                    }
                }
                buf.writeTo(o);
                o.hsync();
            }
            Path base = new Path(partDir, tmp.getName().substring(0, tmp.getName().length() - LogFiles.TMP.length()) + LogFiles.BASE);
            if (!fs.rename(tmp, base))
                throw new IOException("cannot rename " + tmp + " to " + base);
            Set<Path> torn = new HashSet<>();
            s.torn.forEach(t -> torn.add(t.file()));
            for (FileStatus f : s.files) {
                if (!torn.contains(f.getPath()))
                    fs.delete(f.getPath(), false);
            }
            return new Result(s.files.size(), s.records, out, base, List.copyOf(s.torn));
        }
        catch (IOException | RuntimeException e) {
            try {
                fs.delete(tmp, false);
            }
            catch (IOException ignored) {
                // HDFS is failing; a leftover .tmp is never read and is removed by a later compaction.
            }
            throw e;
        }
    }

    /** Removes temporary bases older than {@code beforeMillis}, left by compactions that died. */
    static void removeStaleTemporaries(FileSystem fs, Path partDir, long beforeMillis) throws IOException {
        if (!fs.exists(partDir))
            return;
        for (FileStatus f : fs.listStatus(partDir)) {
            String n = f.getPath().getName();
            if (n.endsWith(LogFiles.TMP) && f.getModificationTime() < beforeMillis)
                fs.delete(f.getPath(), false);
        }
    }
}
