package io.gridkeep.store.hdfs.internal;

import java.util.Locale;
import org.apache.hadoop.fs.Path;

/**
 * Names in a cache's directory: {@code part-00007/} per partition, in it segments
 * {@code seg-<createdMillis>-<writer>-<n>.open} while written and {@code .log} once closed, and
 * compacted {@code base-<createdMillis>-<id>.dat} ({@code .tmp} while compaction writes it).
 */
public final class LogFiles {
    static final String OPEN = ".open";
    static final String CLOSED = ".log";
    static final String BASE = ".dat";
    static final String TMP = ".tmp";

    private LogFiles() {
    }

    public static Path partition(Path cacheDir, int p) {
        return new Path(cacheDir, String.format(Locale.ROOT, "part-%05d", p));
    }

    static Path segment(Path partDir, long createdMillis, String writer, long n) {
        return new Path(partDir, "seg-" + createdMillis + "-" + writer + "-" + n + OPEN);
    }

    static Path closed(Path open) {
        String n = open.getName();
        return new Path(open.getParent(), n.substring(0, n.length() - OPEN.length()) + CLOSED);
    }

    static Path base(Path partDir, long createdMillis, String id, boolean tmp) {
        return new Path(partDir, "base-" + createdMillis + "-" + id + (tmp ? TMP : BASE));
    }

    /** Whether a file holds records loadCache reads (any segment, a finished base). */
    static boolean data(String name) {
        return name.startsWith("seg-") && (name.endsWith(OPEN) || name.endsWith(CLOSED)) || name.startsWith("base-") && name.endsWith(BASE);
    }

    /** The creation time in a segment's or base's name, or -1. */
    static long createdMillis(String name) {
        String[] parts = name.split("-", 3);
        if (parts.length < 3)
            return -1;
        try {
            return Long.parseLong(parts[1]);
        }
        catch (NumberFormatException e) {
            return -1;
        }
    }
}
