package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import io.gridkeep.store.internal.StoredClassFilter;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Cassandra store's settings, checked on creation: a wrong one fails with a message that names
 * the property of {@code CassandraStoreFactory}.
 */
public record StoreSettings(String contactPoints, String localDatacenter, String username, String password, String keyspace,
                            String replication, String table, String keyColumn, String keyType, String keyClass,
                            Map<String, String> keyColumns, List<String> keyFields, String valueType,
                            Map<String, String> valueColumns, List<String> valueFields, String valueBlobColumn,
                            String readConsistency, String writeConsistency, int maxInFlight, int batchRows, int loadParallelism,
                            boolean createSchema, List<String> allowedClasses, ClientTls tls) implements Serializable {
    private static final Set<String> CONSISTENCY = Set.of("ANY", "ONE", "TWO", "THREE", "QUORUM", "ALL", "LOCAL_ONE",
        "LOCAL_QUORUM", "EACH_QUORUM");

    public StoreSettings {
        require(table != null && !table.isBlank(), "table", "is required");
        require(identifier(keyspace), "keyspace", "'" + keyspace + "' is not a CQL name (letters, digits, _; not a reserved word)");
        require(identifier(table), "table", "'" + table + "' is not a CQL name (letters, digits, _; not a reserved word)");
        if (keyColumns.isEmpty()) {
            require(identifier(keyColumn), "keyColumn", "'" + keyColumn + "' is not a CQL name (letters, digits, _; not a reserved word)");
            require(CqlTypes.known(keyType), "keyType", "'" + keyType + "' is not a supported CQL type (" + CqlTypes.names() + ")");
            require(keyClass == null || keyClass.isBlank(), "keyClass", "is for keys of several fields: set keyColumns too, or drop it");
        }
        else {
            require(keyClass != null && !keyClass.isBlank(), "keyClass", "is required with keyColumns (the class or binary type of keys)");
            for (Map.Entry<String, String> c : keyColumns.entrySet()) {
                require(identifier(c.getKey()), "keyColumns",
                    "'" + c.getKey() + "' is not a CQL name (letters, digits, _; not a reserved word)");
                require(CqlTypes.known(c.getValue()), "keyColumns", "'" + c.getValue() + "' (field " + c.getKey()
                    + ") is not a supported CQL type (" + CqlTypes.names() + ")");
            }
        }
        boolean blob = valueBlobColumn != null && !valueBlobColumn.isBlank();
        require(blob != !valueColumns.isEmpty(), "valueColumns/valueBlobColumn", "set exactly one of them");
        if (blob)
            require(identifier(valueBlobColumn), "valueBlobColumn",
                "'" + valueBlobColumn + "' is not a CQL name (letters, digits, _; not a reserved word)");
        else {
            require(valueType != null && !valueType.isBlank(), "valueType",
                "is required with valueColumns (the class or binary type of values)");
            for (Map.Entry<String, String> c : valueColumns.entrySet()) {
                require(identifier(c.getKey()), "valueColumns",
                    "'" + c.getKey() + "' is not a CQL name (letters, digits, _; not a reserved word)");
                require(CqlTypes.known(c.getValue()), "valueColumns", "'" + c.getValue() + "' (field " + c.getKey()
                    + ") is not a supported CQL type (" + CqlTypes.names() + ")");
                // The fields are not assigned yet in a compact constructor: read the parameters.
                boolean clash = keyColumns.isEmpty() ? c.getKey().equalsIgnoreCase(keyColumn)
                    : keyColumns.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(c.getKey()));
                require(!clash, "valueColumns",
                    "field " + c.getKey() + " has the name of a key column");
            }
        }
        require(CONSISTENCY.contains(readConsistency.toUpperCase(Locale.ROOT)), "readConsistency",
            "'" + readConsistency + "' is not a consistency level");
        require(CONSISTENCY.contains(writeConsistency.toUpperCase(Locale.ROOT)), "writeConsistency",
            "'" + writeConsistency + "' is not a consistency level");
        require(maxInFlight >= 1, "maxInFlight", "must be at least 1");
        require(batchRows >= 1 && batchRows <= 100, "batchRows", "must be between 1 (no batches) and 100, not " + batchRows);
        require(loadParallelism >= 1, "loadParallelism", "must be at least 1");
        require(contactPoints != null && !contactPoints.isBlank(), "contactPoints", "is required");
        tls = tls == null ? ClientTls.OFF : tls;
        try {
            allowedClasses = List.copyOf(StoredClassFilter.checked(allowedClasses));
        }
        catch (IllegalArgumentException e) {
            require(false, "allowedClasses", "has " + e.getMessage());
        }
    }

    /** Where the store writes and as whom; never the password, since Ignite and exceptions print settings. */
    @Override
    public String toString() {
        return "StoreSettings[contactPoints=" + contactPoints + ", localDatacenter=" + localDatacenter + ", username=" + username
            + ", password=" + (password == null ? "none" : "(hidden)") + ", table=" + keyspace + "." + table + ", tls=" + tls + "]";
    }

    /** Whether the key is an object whose fields are the key columns. */
    public boolean compositeKey() {
        return !keyColumns.isEmpty();
    }

    /** The partition key's column names, in order. */
    public List<String> keyColumnNames() {
        return compositeKey() ? keyFields.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList()
            : List.of(keyColumn.toLowerCase(Locale.ROOT));
    }

    /** Partition key column name to CQL type, in order. */
    public Map<String, String> keyColumnTypes() {
        Map<String, String> out = new LinkedHashMap<>();
        if (compositeKey())
            keyFields.forEach(f -> out.put(f.toLowerCase(Locale.ROOT), keyColumns.get(f)));
        else
            out.put(keyColumn.toLowerCase(Locale.ROOT), keyType);
        return out;
    }

    /** Whether values are stored whole in one blob column. */
    public boolean blobValue() {
        return valueBlobColumn != null && !valueBlobColumn.isBlank();
    }

    /** {@code keyspace.table}, for messages. */
    public String qualifiedTable() {
        return keyspace + "." + table;
    }

    /** A name usable unquoted in CQL: letters, digits, _, and not a reserved word (such as {@code full} or {@code table}). */
    private static boolean identifier(String s) {
        return s != null && s.matches("[A-Za-z][A-Za-z0-9_]{0,47}")
            && !CqlIdentifier.fromInternal(s.toLowerCase(Locale.ROOT)).asCql(true).startsWith("\"");
    }

    private static void require(boolean ok, String property, String why) {
        if (!ok)
            throw new IllegalArgumentException("gridkeep: cassandra store: " + property + " " + why
                + " (property '" + property + "' of io.gridkeep.store.cassandra.CassandraStoreFactory)");
    }
}
