package io.gridkeep.store.export;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@link ExportTask} exports, and where. A plain class (not a record): it travels from thin
 * clients in Ignite's binary format, which cannot set final fields.
 *
 * <pre>{@code
 * new ExportRequest().cache("orders").target("hdfs://nn:8020/exports/orders").overwrite(true)
 * }</pre>
 */
public final class ExportRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private String cache;
    private String target;
    private boolean overwrite;
    private HashMap<String, String> hadoopProperties = new HashMap<>();

    public ExportRequest cache(String cache) {
        this.cache = cache;
        return this;
    }

    /** The directory the Parquet files go to ({@code hdfs://...}, or {@code file:///...}). */
    public ExportRequest target(String target) {
        this.target = target;
        return this;
    }

    /** Replace what the target directory holds (default: refuse a directory that is not empty). */
    public ExportRequest overwrite(boolean overwrite) {
        this.overwrite = overwrite;
        return this;
    }

    /** Hadoop client settings, over GridKeep's defaults ({@code dfs.replication}, ...). */
    public ExportRequest hadoopProperties(Map<String, String> props) {
        this.hadoopProperties = new HashMap<>(props);
        return this;
    }

    public String cache() {
        return cache;
    }

    public String target() {
        return target;
    }

    public boolean overwrite() {
        return overwrite;
    }

    public Map<String, String> hadoopProperties() {
        return hadoopProperties == null ? Map.of() : hadoopProperties;
    }
}
