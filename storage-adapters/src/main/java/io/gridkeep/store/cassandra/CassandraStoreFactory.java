package io.gridkeep.store.cassandra;

import io.gridkeep.store.cassandra.internal.CassandraCacheStore;
import io.gridkeep.store.cassandra.internal.ClientTls;
import io.gridkeep.store.cassandra.internal.StoreSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.cache.configuration.Factory;
import org.apache.ignite.cache.store.CacheStore;

/**
 * Persists a cache to one Apache Cassandra table: read-through on a miss, write-through on update,
 * {@code loadCache} over parallel token-range scans. The key is one column, or one column per field
 * of a key object (a composite partition key); the value is either columns taken from its fields (a
 * POJO or a BinaryObject) or one blob column.
 *
 * <p>The factory is the bean a node XML sets on a cache ({@code cacheStoreFactory}); it is
 * serialized to every node, so it holds settings only. The store connects on first use, not at cache
 * start, so that a Cassandra that is down never keeps a node from starting.
 *
 * <pre>{@code
 * <property name="cacheStoreFactory">
 *   <bean class="io.gridkeep.store.cassandra.CassandraStoreFactory">
 *     <property name="contactPoints" value="10.0.0.31:9042,10.0.0.32:9042"/>
 *     <property name="sslCaFile" value="/etc/gridkeep/tls/cassandra-ca.pem"/>
 *     <property name="keyspace" value="shop"/>
 *     <property name="table" value="orders"/>
 *     <property name="keyColumn" value="id"/>
 *     <property name="keyType" value="bigint"/>
 *     <property name="valueType" value="com.example.Order"/>
 *     <property name="valueColumns">
 *       <map><entry key="customer" value="text"/><entry key="total" value="double"/></map>
 *     </property>
 *   </bean>
 * </property>
 * <property name="readThrough" value="true"/>
 * <property name="writeThrough" value="true"/>
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
public class CassandraStoreFactory<K, V> implements Factory<CacheStore<K, V>> {
    private static final long serialVersionUID = 1L;

    private String contactPoints = "127.0.0.1:9042";
    private String localDatacenter = "datacenter1";
    private String username;
    private String password;
    private String keyspace = "gridkeep";
    private String replication = "{'class': 'SimpleStrategy', 'replication_factor': 1}";
    private String table;
    private String keyColumn;
    private String keyType;
    private String keyClass;
    private LinkedHashMap<String, String> keyColumns = new LinkedHashMap<>();
    private String valueType;
    private LinkedHashMap<String, String> valueColumns = new LinkedHashMap<>();
    private String valueBlobColumn;
    private String readConsistency = "LOCAL_QUORUM";
    private String writeConsistency = "LOCAL_QUORUM";
    private int maxInFlight = 256;
    private int batchRows = 10;
    private int loadParallelism = 4;
    private boolean createSchema = true;
    private ArrayList<String> allowedClasses = new ArrayList<>();
    private boolean ssl;
    private String sslCaFile;
    private String sslCaFilePassword;
    private boolean sslHostnameValidation = true;

    @Override
    public CacheStore<K, V> create() {
        return new CassandraCacheStore<>(settings());
    }

    /** The settings as the store sees them, checked; throws naming the property that is wrong. */
    StoreSettings settings() {
        if (!keyColumns.isEmpty() && (keyColumn != null || keyType != null))
            throw new IllegalArgumentException("gridkeep: cassandra store: keyColumn/keyType and keyColumns set both: a key is one column "
                + "(keyColumn, keyType) or one column per key field (keyColumns, keyClass) (property 'keyColumns' of "
                + getClass().getName() + ")");
        return new StoreSettings(contactPoints, localDatacenter, username, password, keyspace, replication, table,
            keyColumn == null ? "key" : keyColumn, keyType == null ? "text" : keyType, keyClass, Map.copyOf(keyColumns),
            new ArrayList<>(keyColumns.keySet()), valueType, Map.copyOf(valueColumns), new ArrayList<>(valueColumns.keySet()),
            valueBlobColumn, readConsistency, writeConsistency, maxInFlight, batchRows, loadParallelism, createSchema,
            List.copyOf(allowedClasses), new ClientTls(ssl, sslCaFile, sslCaFilePassword, sslHostnameValidation));
    }

    /** Comma-separated {@code host:port} of Cassandra nodes (default {@code 127.0.0.1:9042}). */
    public CassandraStoreFactory<K, V> setContactPoints(String contactPoints) {
        this.contactPoints = contactPoints;
        return this;
    }

    /** The data center the driver treats as local (default {@code datacenter1}). */
    public CassandraStoreFactory<K, V> setLocalDatacenter(String localDatacenter) {
        this.localDatacenter = localDatacenter;
        return this;
    }

    /** User for Cassandra's password authentication; empty for none. */
    public CassandraStoreFactory<K, V> setUsername(String username) {
        this.username = username;
        return this;
    }

    public CassandraStoreFactory<K, V> setPassword(String password) {
        this.password = password;
        return this;
    }

    /** Keyspace of the table (default {@code gridkeep}). */
    public CassandraStoreFactory<K, V> setKeyspace(String keyspace) {
        this.keyspace = keyspace;
        return this;
    }

    /** Replication of the keyspace when the store creates it, as CQL (default SimpleStrategy, factor 1). */
    public CassandraStoreFactory<K, V> setReplication(String replication) {
        this.replication = replication;
        return this;
    }

    /** The table (required). */
    public CassandraStoreFactory<K, V> setTable(String table) {
        this.table = table;
        return this;
    }

    /** The key's column, the table's primary key (default {@code key}). */
    public CassandraStoreFactory<K, V> setKeyColumn(String keyColumn) {
        this.keyColumn = keyColumn;
        return this;
    }

    /** The key's CQL type: text, int, bigint, uuid, ... (default {@code text}). */
    public CassandraStoreFactory<K, V> setKeyType(String keyType) {
        this.keyType = keyType;
        return this;
    }

    /**
     * For a key of several fields: key field name to CQL type, one column each (named like the field,
     * in lower case), together the table's partition key, in this order. Replaces {@code keyColumn}
     * and {@code keyType}; needs {@code keyClass}.
     */
    public CassandraStoreFactory<K, V> setKeyColumns(Map<String, String> keyColumns) {
        this.keyColumns = new LinkedHashMap<>(keyColumns);
        return this;
    }

    /** The keys' class (or binary type name) when the key is several columns ({@code keyColumns}). */
    public CassandraStoreFactory<K, V> setKeyClass(String keyClass) {
        this.keyClass = keyClass;
        return this;
    }

    /**
     * The values' class (a POJO on the nodes' class path) or binary type name; loaded rows become
     * instances of it, or BinaryObjects of that type when the class is not there.
     */
    public CassandraStoreFactory<K, V> setValueType(String valueType) {
        this.valueType = valueType;
        return this;
    }

    /** Value field name to CQL type, one column each (named like the field, in lower case). */
    public CassandraStoreFactory<K, V> setValueColumns(Map<String, String> valueColumns) {
        this.valueColumns = new LinkedHashMap<>(valueColumns);
        return this;
    }

    /** Store each value whole, Java-serialized, in this blob column instead of one column per field. */
    public CassandraStoreFactory<K, V> setValueBlobColumn(String valueBlobColumn) {
        this.valueBlobColumn = valueBlobColumn;
        return this;
    }

    /** Consistency of reads (default LOCAL_QUORUM). */
    public CassandraStoreFactory<K, V> setReadConsistency(String readConsistency) {
        this.readConsistency = readConsistency;
        return this;
    }

    /** Consistency of writes (default LOCAL_QUORUM). */
    public CassandraStoreFactory<K, V> setWriteConsistency(String writeConsistency) {
        this.writeConsistency = writeConsistency;
        return this;
    }

    /** Most asynchronous requests in flight per store (default 256); more wait, the driver refuses unbounded ones. */
    public CassandraStoreFactory<K, V> setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
        return this;
    }

    /**
     * Most rows per request when writing several (default 10; 1 sends every row alone): rows whose
     * partitions have the same replicas go as one unlogged batch, routed to those replicas, so no
     * coordinator forwards anything. Batches also stop at 4 KiB of values; Cassandra warns above 10
     * partitions per batch ({@code unlogged_batch_across_partitions_warn_threshold}).
     */
    public CassandraStoreFactory<K, V> setBatchRows(int batchRows) {
        this.batchRows = batchRows;
        return this;
    }

    /** Token-range scans run at once by {@code loadCache} (default 4). */
    public CassandraStoreFactory<K, V> setLoadParallelism(int loadParallelism) {
        this.loadParallelism = loadParallelism;
        return this;
    }

    /**
     * Classes, besides the defaults, that blob values ({@code valueBlobColumn}) may name when they are
     * read back: class names or package patterns of the JDK's {@code ObjectInputFilter} syntax
     * ({@code com.acme.model.Order}, {@code com.acme.model.*}, {@code com.acme.model.**} with its
     * subpackages); an entry may hold several, separated by commas. The defaults allow only
     * {@code java.lang}'s boxed types and String, {@code java.math}, {@code java.time}, {@code java.util}'s
     * collections and maps, the {@code java.sql} dates and arrays of those and of primitives; the key and
     * value types the cache declares ({@code QueryEntity}, {@code indexedTypes}) are allowed too. Whoever
     * can write the table could otherwise run code in the grid with a crafted value. A value naming any
     * other class is rejected: {@code loadCache} skips it (counted in {@code RejectedValues}, logged at
     * WARN with its key and class), a read-through of its key fails with a {@code CacheLoaderException}.
     *
     * <pre>{@code
     * <property name="allowedClasses"><list><value>com.acme.model.**</value></list></property>
     * }</pre>
     */
    public CassandraStoreFactory<K, V> setAllowedClasses(List<String> allowedClasses) {
        this.allowedClasses = new ArrayList<>(allowedClasses);
        return this;
    }

    /**
     * Connect with TLS (default false), trusting the JVM's default CAs unless {@code sslCaFile} is set;
     * setting {@code sslCaFile} turns TLS on by itself. Cassandra's side is {@code client_encryption_options}
     * in {@code cassandra.yaml}.
     */
    public CassandraStoreFactory<K, V> setSsl(boolean ssl) {
        this.ssl = ssl;
        return this;
    }

    /**
     * Connect with TLS, trusting exactly the CAs in this file, on every node that runs the store: PEM
     * (one or more {@code -----BEGIN CERTIFICATE-----} blocks, such as {@code ca.pem} of {@code gridkeep
     * certs}) or a PKCS#12 trust store (its password in {@code sslCaFilePassword}). A file that is
     * missing, unreadable or holds no certificate fails the cache's start with a message naming it.
     *
     * <pre>{@code
     * <property name="sslCaFile" value="/etc/gridkeep/tls/cassandra-ca.pem"/>
     * }</pre>
     */
    public CassandraStoreFactory<K, V> setSslCaFile(String sslCaFile) {
        this.sslCaFile = sslCaFile;
        return this;
    }

    /** The password of a PKCS#12 {@code sslCaFile}; not needed for PEM. */
    public CassandraStoreFactory<K, V> setSslCaFilePassword(String sslCaFilePassword) {
        this.sslCaFilePassword = sslCaFilePassword;
        return this;
    }

    /**
     * Whether Cassandra's certificate must name the contact point connected to, as an IP address or
     * DNS name in its subject alternative names (default true). Turn off only for certificates that
     * name no node; the CA check stays.
     */
    public CassandraStoreFactory<K, V> setSslHostnameValidation(boolean sslHostnameValidation) {
        this.sslHostnameValidation = sslHostnameValidation;
        return this;
    }

    /** Create the keyspace and table when absent (default true); either way, they are validated. */
    public CassandraStoreFactory<K, V> setCreateSchema(boolean createSchema) {
        this.createSchema = createSchema;
        return this;
    }
}
