package io.gridkeep.store.hdfs.internal;

import io.gridkeep.store.internal.HadoopConf;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The cache's log directory and the file system it is on. The file system is opened on first use,
 * not at cache start, so that an HDFS that is down never keeps a node from starting.
 */
final class LogDirectory {
    private final HdfsSettings s;
    private final Path cacheDir;
    private volatile FileSystem fs;

    LogDirectory(HdfsSettings s, String cacheName) {
        this.s = s;
        this.cacheDir = new Path(s.uri().endsWith("/") ? s.uri() : s.uri() + "/", s.directory() == null ? cacheName : s.directory());
    }

    /** The cache's directory. */
    Path cacheDir() {
        return cacheDir;
    }

    Path partition(int p) {
        return LogFiles.partition(cacheDir, p);
    }

    FileSystem fs() throws IOException {
        FileSystem f = fs;
        if (f != null)
            return f;
        synchronized (this) {
            if (fs == null)
                fs = FileSystem.newInstance(URI.create(s.uri()), HadoopConf.of(s.hadoopProperties()));
            return fs;
        }
    }

    /** Closes the file system; a later use opens it again. */
    void close() {
        FileSystem f;
        synchronized (this) {
            f = fs;
            fs = null;
        }
        if (f != null) {
            try {
                f.close();
            }
            catch (IOException e) {
                // Stopping: nothing to do with it.
            }
        }
    }
}
