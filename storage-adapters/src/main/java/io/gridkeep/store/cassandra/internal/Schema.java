package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.Metadata;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.type.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Creates the keyspace and table when asked to, and checks that the table fits the mapping. */
public final class Schema {
    private Schema() {
    }

    /**
     * @throws IllegalStateException saying what differs: a missing table or column, a column of another type
     */
    public static void ensure(CqlSession session, StoreSettings s, String cacheName) {
        if (s.createSchema()) {
            session.execute("CREATE KEYSPACE IF NOT EXISTS " + s.keyspace() + " WITH replication = " + s.replication());
            StringBuilder cql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(s.qualifiedTable()).append(" (");
            for (Map.Entry<String, String> c : s.keyColumnTypes().entrySet())
                cql.append(c.getKey()).append(' ').append(c.getValue()).append(", ");
            for (Map.Entry<String, String> c : columns(s).entrySet())
                cql.append(c.getKey()).append(' ').append(c.getValue()).append(", ");
            // Every key column in the partition key: a cache key is one partition, as single-key reads and writes want.
            session.execute(cql.append("PRIMARY KEY ((").append(String.join(", ", s.keyColumnNames())).append(")))").toString());
        }
        String where = " (cache " + cacheName + ", io.gridkeep.store.cassandra.CassandraStoreFactory)";
        // The driver's metadata may not show a table this session has just created (or another node created) yet.
        Metadata meta = s.createSchema() ? session.refreshSchema() : session.getMetadata();
        String missing = s.createSchema() ? " does not exist after it was created: Cassandra's nodes do not agree on the schema yet"
            : " does not exist and createSchema is false";
        KeyspaceMetadata ks = meta.getKeyspace(CqlIdentifier.fromCql(s.keyspace())).orElseThrow(() ->
            new IllegalStateException("gridkeep: cassandra store: keyspace " + s.keyspace() + missing + where));
        TableMetadata t = ks.getTable(CqlIdentifier.fromCql(s.table())).orElseThrow(() ->
            new IllegalStateException("gridkeep: cassandra store: table " + s.qualifiedTable() + missing + where));
        List<String> problems = new ArrayList<>();
        List<ColumnMetadata> pk = t.getPartitionKey();
        List<String> want = s.keyColumnNames();
        if (!pk.stream().map(c -> c.getName().asInternal()).toList().equals(want) || !t.getClusteringColumns().isEmpty())
            problems.add("its primary key is " + names(t) + ", the mapping says ((" + String.join(", ", want) + "))");
        for (Map.Entry<String, String> c : s.keyColumnTypes().entrySet())
            check(t, c.getKey(), c.getValue(), problems);
        for (Map.Entry<String, String> c : columns(s).entrySet())
            check(t, c.getKey(), c.getValue(), problems);
        if (!problems.isEmpty())
            throw new IllegalStateException("gridkeep: cassandra store: table " + s.qualifiedTable() + " does not fit the mapping: "
                + String.join("; ", problems) + where);
    }

    /** Value column name to CQL type. */
    public static Map<String, String> columns(StoreSettings s) {
        if (s.blobValue())
            return Map.of(s.valueBlobColumn(), "blob");
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : s.valueFields())
            out.put(f.toLowerCase(Locale.ROOT), s.valueColumns().get(f));
        return out;
    }

    private static void check(TableMetadata t, String column, String cqlType, List<String> problems) {
        Optional<ColumnMetadata> c = t.getColumn(CqlIdentifier.fromCql(column));
        if (c.isEmpty()) {
            problems.add("column " + column + " is missing");
            return;
        }
        DataType want = CqlTypes.of(cqlType);
        if (!c.get().getType().equals(want))
            problems.add("column " + column + " is " + c.get().getType().asCql(false, true) + ", the mapping says " + cqlType);
    }

    private static String names(TableMetadata t) {
        List<String> n = new ArrayList<>();
        t.getPrimaryKey().forEach(c -> n.add(c.getName().asInternal()));
        return "(" + String.join(", ", n) + ")";
    }
}
