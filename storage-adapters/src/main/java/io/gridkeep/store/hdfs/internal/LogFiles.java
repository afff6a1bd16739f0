package io.gridkeep.store.hdfs.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Locale;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

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

    /**
     * The highest partition number with a directory under {@code cacheDir}, or -1 (none, or no
     * directory yet). A directory written with more partitions than configured would be read only in
     * part, and a key could be in two partitions: loading refuses it.
     */
    static int highestPartition(FileSystem fs, Path cacheDir) throws IOException {
        if (!fs.exists(cacheDir))
            return -1;
        int max = -1;
        for (FileStatus st : fs.listStatus(cacheDir)) {
            String n = st.getPath().getName();
            if (st.isDirectory() && n.matches("part-\\d{5}"))
                max = Math.max(max, Integer.parseInt(n.substring(5)));
        }
        return max;
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

    /**
     * Opens a file to read. A segment whose writer died while its DataNode was down cannot tell its
     * last block's length ("Cannot obtain block length"): its lease is recovered first (which closes
     * the file at what the DataNodes hold), then it is opened again.
     */
    static FSDataInputStream openForRead(FileSystem fs, Path p) throws IOException {
        try {
            return fs.open(p);
        }
        catch (IOException e) {
            if (!(fs instanceof DistributedFileSystem dfs) || !String.valueOf(e.getMessage()).contains("Cannot obtain block length"))
                throw e;
            long deadline = System.currentTimeMillis() + 60_000;
            while (!dfs.recoverLease(p)) {
                if (System.currentTimeMillis() > deadline)
                    throw new IOException("cannot recover the lease of " + p + " to read it: " + e.getMessage(), e);
                try {
                    Thread.sleep(500);
                }
                catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted recovering the lease of " + p);
                }
            }
            return fs.open(p);
        }
    }

    /** The writer in a segment's name ({@code seg-<createdMillis>-<writer>-<n>}; a writer may contain '-'), or null. */
    static String writer(String name) {
        if (!name.startsWith("seg-"))
            return null;
        int dot = name.lastIndexOf('.');
        String core = name.substring(4, dot < 0 ? name.length() : dot);
        int first = core.indexOf('-');
        int last = core.lastIndexOf('-');
        return first < 0 || last <= first ? null : core.substring(first + 1, last);
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
