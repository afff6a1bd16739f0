package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.cql.Row;
import java.util.List;
import org.apache.ignite.Ignite;

/**
 * A cache key as the table's partition key columns and back: one column holding the key itself, or
 * one column per field of a key object (a composite partition key).
 */
public final class KeyCodec {
    private final StoreSettings s;
    private final FieldsCodec fields;

    public KeyCodec(StoreSettings s) {
        this.s = s;
        this.fields = s.compositeKey() ? new FieldsCodec(s.keyClass(), s.keyFields(), s.keyColumns(), "keyColumns") : null;
    }

    /** The key's column values, in the order of {@link StoreSettings#keyColumnNames()}. */
    public Object[] toColumns(Object key) {
        if (fields != null)
            return fields.toColumns(key);
        try {
            return new Object[] {CqlTypes.toDriver(key, s.keyType())};
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key " + key + ": " + e.getMessage(), e);
        }
    }

    /** The key a row holds (its key columns come first). */
    public Object fromRow(Row row, Ignite ignite) {
        if (fields != null)
            return fields.fromRow(row, ignite);
        return CqlTypes.fromDriver(row.getObject(0), null);
    }

    /** {@code a = ? AND b = ?} over the key columns. */
    public String whereClause() {
        List<String> cols = s.keyColumnNames();
        return String.join(" AND ", cols.stream().map(c -> c + " = ?").toList());
    }
}
