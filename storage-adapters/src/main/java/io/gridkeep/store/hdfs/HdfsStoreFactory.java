package io.gridkeep.store.hdfs;

import io.gridkeep.store.hdfs.internal.HdfsCacheStore;
import io.gridkeep.store.hdfs.internal.HdfsSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.cache.configuration.Factory;
import org.apache.ignite.cache.store.CacheStore;

/**
 * Persists a cache to HDFS as a log: every write or delete is appended as a record (key, value,
 * version, tombstone) to a segment file of the key's partition, made durable ({@code hflush}, or
 * {@code hsync}) before the batch is acknowledged. Segments roll by size and age; compaction merges
 * a partition's closed segments into one base file, dropping overwritten and deleted records.
 * {@code loadCache} rebuilds the latest state. There is no single-key read-through: the grid holds
 * the data set and HDFS is loaded with {@code loadCache}; a cache with {@code readThrough} is
 * refused at start.
 *
 * <p>Layout under {@code uri}: {@code <directory>/part-00007/seg-<writer>-<n>.log} (closed),
 * {@code ...open} (being written), {@code base-<time>-<id>.dat} (compacted).
 *
 * <pre>{@code
 * <property name="cacheStoreFactory">
 *   <bean class="io.gridkeep.store.writebehind.LossFreeWriteBehindFactory">
 *     <property name="store">
 *       <bean class="io.gridkeep.store.hdfs.HdfsStoreFactory">
 *         <property name="uri" value="hdfs://namenode:8020/gridkeep"/>
 *       </bean>
 *     </property>
 *   </bean>
 * </property>
 * <property name="writeThrough" value="true"/>
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
public class HdfsStoreFactory<K, V> implements Factory<CacheStore<K, V>> {
    private static final long serialVersionUID = 1L;

    private String uri;
    private String directory;
    private int partitions = 16;
    private String sync = "hflush";
    private long segmentMaxBytes = 128L << 20;
    private long segmentMaxAgeMillis = 10 * 60_000L;
    private int compactionSegments = 8;
    private long compactionIntervalMillis = 60_000L;
    private long tombstoneGraceMillis = 60 * 60_000L;
    private int loadParallelism = 4;
    private LinkedHashMap<String, String> hadoopProperties = new LinkedHashMap<>();
    private ArrayList<String> allowedClasses = new ArrayList<>();

    @Override
    public CacheStore<K, V> create() {
        return new HdfsCacheStore<>(settings());
    }

    /** The settings as the store sees them, checked; throws naming the property that is wrong. */
    HdfsSettings settings() {
        return new HdfsSettings(uri, directory, partitions, sync, segmentMaxBytes, segmentMaxAgeMillis, compactionSegments,
            compactionIntervalMillis, tombstoneGraceMillis, loadParallelism, Map.copyOf(hadoopProperties), List.copyOf(allowedClasses));
    }

    /** Base directory of the stores, with the NameNode: {@code hdfs://namenode:8020/gridkeep} (required). */
    public HdfsStoreFactory<K, V> setUri(String uri) {
        this.uri = uri;
        return this;
    }

    /** The cache's directory under {@code uri} (default: the cache's name). */
    public HdfsStoreFactory<K, V> setDirectory(String directory) {
        this.directory = directory;
        return this;
    }

    /** Partitions of the log: a key goes to one by the hash of its bytes (default 16); each has its own segments. */
    public HdfsStoreFactory<K, V> setPartitions(int partitions) {
        this.partitions = partitions;
        return this;
    }

    /** {@code hflush} (default: in the DataNodes' memory before the acknowledgement) or {@code hsync} (on their disks). */
    public HdfsStoreFactory<K, V> setSync(String sync) {
        this.sync = sync;
        return this;
    }

    /** A segment is closed and a new one started past this size (default 128 MiB). */
    public HdfsStoreFactory<K, V> setSegmentMaxBytes(long segmentMaxBytes) {
        this.segmentMaxBytes = segmentMaxBytes;
        return this;
    }

    /** ... or past this age (default 10 minutes), so that compaction and readers see closed files. */
    public HdfsStoreFactory<K, V> setSegmentMaxAgeMillis(long segmentMaxAgeMillis) {
        this.segmentMaxAgeMillis = segmentMaxAgeMillis;
        return this;
    }

    /** A partition is compacted once it has this many closed segments (default 8). */
    public HdfsStoreFactory<K, V> setCompactionSegments(int compactionSegments) {
        this.compactionSegments = compactionSegments;
        return this;
    }

    /** How often each node looks for partitions to compact (default 60 s). */
    public HdfsStoreFactory<K, V> setCompactionIntervalMillis(long compactionIntervalMillis) {
        this.compactionIntervalMillis = compactionIntervalMillis;
        return this;
    }

    /**
     * How long compaction keeps a delete's tombstone (default 1 hour): a late write of an older
     * version, still waiting on some node, must meet the tombstone, not resurrect the key.
     */
    public HdfsStoreFactory<K, V> setTombstoneGraceMillis(long tombstoneGraceMillis) {
        this.tombstoneGraceMillis = tombstoneGraceMillis;
        return this;
    }

    /** Partitions read at once by {@code loadCache} (default 4). */
    public HdfsStoreFactory<K, V> setLoadParallelism(int loadParallelism) {
        this.loadParallelism = loadParallelism;
        return this;
    }

    /**
     * Classes, besides the defaults, that stored keys and values may name when {@code loadCache} reads
     * them back: class names or package patterns of the JDK's {@code ObjectInputFilter} syntax
     * ({@code com.acme.model.Order}, {@code com.acme.model.*}, {@code com.acme.model.**} with its
     * subpackages); an entry may hold several, separated by commas. The defaults allow only
     * {@code java.lang}'s boxed types and String, {@code java.math}, {@code java.time}, {@code java.util}'s
     * collections and maps, the {@code java.sql} dates and arrays of those and of primitives (SQL rows,
     * BinaryObjects, need nothing more); the key and value types the cache declares ({@code QueryEntity},
     * {@code indexedTypes}) are allowed too. Whoever can write the store's directory could otherwise run
     * code in the grid with a crafted record. An entry naming any other class is skipped by
     * {@code loadCache}, counted in {@code RejectedValues} and logged at WARN with its key (or file and
     * offset) and class; the record stays in HDFS, and compaction keeps it.
     *
     * <pre>{@code
     * <property name="allowedClasses"><list><value>com.acme.model.**</value></list></property>
     * }</pre>
     */
    public HdfsStoreFactory<K, V> setAllowedClasses(List<String> allowedClasses) {
        this.allowedClasses = new ArrayList<>(allowedClasses);
        return this;
    }

    /** Hadoop client settings ({@code dfs.replication}, HA nameservices, ...), over GridKeep's defaults. */
    public HdfsStoreFactory<K, V> setHadoopProperties(Map<String, String> hadoopProperties) {
        this.hadoopProperties = new LinkedHashMap<>(hadoopProperties);
        return this;
    }
}
