package io.gridkeep.store.hdfs.internal;

import io.gridkeep.store.internal.StoredClassFilter;
import java.io.Serializable;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An HDFS store's settings, checked on creation: a wrong one fails with a message that names the
 * property of {@code HdfsStoreFactory}.
 */
public record HdfsSettings(String uri, String directory, int partitions, String sync, long segmentMaxBytes,
                           long segmentMaxAgeMillis, int compactionSegments, long compactionIntervalMillis,
                           long tombstoneGraceMillis, int loadParallelism, Map<String, String> hadoopProperties,
                           List<String> allowedClasses) implements Serializable {
    private static final Set<String> SYNC = Set.of("hflush", "hsync");

    public HdfsSettings {
        require(uri != null && !uri.isBlank(), "uri", "is required (hdfs://namenode:8020/base/dir)");
        URI u;
        try {
            u = URI.create(uri);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(message("uri", "'" + uri + "' is not a URI: " + e.getMessage()), e);
        }
        require(u.getScheme() != null, "uri", "'" + uri + "' has no scheme (hdfs://namenode:8020/base/dir)");
        require(directory == null || directory.matches("[A-Za-z0-9._-]+"), "directory",
            "'" + directory + "' must be one path element (letters, digits, . _ -)");
        require(partitions >= 1 && partitions <= 4096, "partitions", "must be between 1 and 4096");
        require(sync != null && SYNC.contains(sync), "sync", "'" + sync + "' is not hflush or hsync");
        require(segmentMaxBytes >= 1024, "segmentMaxBytes", "must be at least 1024");
        require(segmentMaxAgeMillis >= 1000, "segmentMaxAgeMillis", "must be at least 1000");
        require(compactionSegments >= 1, "compactionSegments", "must be at least 1");
        require(compactionIntervalMillis >= 100, "compactionIntervalMillis", "must be at least 100");
        require(tombstoneGraceMillis >= 0, "tombstoneGraceMillis", "must not be negative");
        require(loadParallelism >= 1, "loadParallelism", "must be at least 1");
        try {
            allowedClasses = List.copyOf(StoredClassFilter.checked(allowedClasses));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(message("allowedClasses", "has " + e.getMessage()), e);
        }
    }

    /** Whether every batch is synced to the DataNodes' disks, not only to their memory. */
    public boolean hsync() {
        return sync.equals("hsync");
    }

    private static void require(boolean ok, String property, String why) {
        if (!ok)
            throw new IllegalArgumentException(message(property, why));
    }

    private static String message(String property, String why) {
        return "gridkeep: hdfs store: " + property + " " + why
            + " (property '" + property + "' of io.gridkeep.store.hdfs.HdfsStoreFactory)";
    }
}
