package io.gridkeep.store.cassandra.internal;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Cassandra store's settings, checked on creation: a wrong one fails with a message that names
 * the property of {@code CassandraStoreFactory}.
 */
public record StoreSettings(String contactPoints, String localDatacenter, String username, String password, String keyspace,
                            String replication, String table, String keyColumn, String keyType, String valueType,
                            Map<String, String> valueColumns, List<String> valueFields, String valueBlobColumn,
                            String readConsistency, String writeConsistency, int maxInFlight, int loadParallelism,
                            boolean createSchema) implements Serializable {
    private static final Set<String> CONSISTENCY = Set.of("ANY", "ONE", "TWO", "THREE", "QUORUM", "ALL", "LOCAL_ONE",
        "LOCAL_QUORUM", "EACH_QUORUM");

    public StoreSettings {
        require(table != null && !table.isBlank(), "table", "is required");
        require(identifier(keyspace), "keyspace", "'" + keyspace + "' is not a CQL name (letters, digits, _)");
        require(identifier(table), "table", "'" + table + "' is not a CQL name (letters, digits, _)");
        require(identifier(keyColumn), "keyColumn", "'" + keyColumn + "' is not a CQL name");
        require(CqlTypes.known(keyType), "keyType", "'" + keyType + "' is not a supported CQL type (" + CqlTypes.names() + ")");
        boolean blob = valueBlobColumn != null && !valueBlobColumn.isBlank();
        require(blob != !valueColumns.isEmpty(), "valueColumns/valueBlobColumn", "set exactly one of them");
        if (blob)
            require(identifier(valueBlobColumn), "valueBlobColumn", "'" + valueBlobColumn + "' is not a CQL name");
        else {
            require(valueType != null && !valueType.isBlank(), "valueType", "is required with valueColumns (the class or binary type of values)");
            for (Map.Entry<String, String> c : valueColumns.entrySet()) {
                require(identifier(c.getKey()), "valueColumns", "'" + c.getKey() + "' is not a CQL name");
                require(CqlTypes.known(c.getValue()), "valueColumns", "'" + c.getValue() + "' (field " + c.getKey()
                    + ") is not a supported CQL type (" + CqlTypes.names() + ")");
                require(!c.getKey().equalsIgnoreCase(keyColumn), "valueColumns", "field " + c.getKey() + " has the key column's name");
            }
        }
        require(CONSISTENCY.contains(readConsistency.toUpperCase(Locale.ROOT)), "readConsistency", "'" + readConsistency + "' is not a consistency level");
        require(CONSISTENCY.contains(writeConsistency.toUpperCase(Locale.ROOT)), "writeConsistency", "'" + writeConsistency + "' is not a consistency level");
        require(maxInFlight >= 1, "maxInFlight", "must be at least 1");
        require(loadParallelism >= 1, "loadParallelism", "must be at least 1");
        require(contactPoints != null && !contactPoints.isBlank(), "contactPoints", "is required");
    }

    /** Whether values are stored whole in one blob column. */
    public boolean blobValue() {
        return valueBlobColumn != null && !valueBlobColumn.isBlank();
    }

    /** {@code keyspace.table}, for messages. */
    public String qualifiedTable() {
        return keyspace + "." + table;
    }

    private static boolean identifier(String s) {
        return s != null && s.matches("[A-Za-z][A-Za-z0-9_]{0,47}");
    }

    private static void require(boolean ok, String property, String why) {
        if (!ok)
            throw new IllegalArgumentException("gridkeep: cassandra store: " + property + " " + why
                + " (property '" + property + "' of io.gridkeep.store.cassandra.CassandraStoreFactory)");
    }
}
