package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.metadata.token.Token;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The store's statements, prepared on its session once the schema is there, and bound with the
 * key's and the value's columns at the read or write consistency: single-key reads, writes and
 * deletes, their versioned forms ({@code USING TIMESTAMP}) for write-behind, and token-range scans.
 */
final class CqlStatements {
    /** The text of each statement. */
    record Cql(String select, String insert, String delete, String scanRange, String scanTail, String insertAt, String deleteAt) {
        static Cql of(StoreSettings s, KeyCodec keyCodec) {
            Map<String, String> cols = Schema.columns(s);
            String valueCols = String.join(", ", cols.keySet());
            String t = s.qualifiedTable();
            String k = String.join(", ", s.keyColumnNames());
            String where = keyCodec.whereClause();
            String marks = "?" + ", ?".repeat(cols.size() + s.keyColumnNames().size() - 1);
            return new Cql(
                "SELECT " + valueCols + " FROM " + t + " WHERE " + where,
                "INSERT INTO " + t + " (" + k + ", " + valueCols + ") VALUES (" + marks + ")",
                "DELETE FROM " + t + " WHERE " + where,
                "SELECT " + k + ", " + valueCols + " FROM " + t + " WHERE token(" + k + ") > ? AND token(" + k + ") <= ?",
                "SELECT " + k + ", " + valueCols + " FROM " + t + " WHERE token(" + k + ") > ?",
                "INSERT INTO " + t + " (" + k + ", " + valueCols + ") VALUES (" + marks + ") USING TIMESTAMP ?",
                "DELETE FROM " + t + " USING TIMESTAMP ? WHERE " + where);
        }
    }

    private final CqlSession session;
    private final KeyCodec keyCodec;
    private final ValueCodec codec;
    private final ConsistencyLevel readCl;
    private final ConsistencyLevel writeCl;
    private final PreparedStatement select;
    private final PreparedStatement insert;
    private final PreparedStatement delete;
    private final PreparedStatement scanRange;
    private final PreparedStatement scanTail;
    private final PreparedStatement insertAt;
    private final PreparedStatement deleteAt;

    private CqlStatements(CqlSession session, StoreSettings s, KeyCodec keyCodec, ValueCodec codec) {
        this.session = session;
        this.keyCodec = keyCodec;
        this.codec = codec;
        this.readCl = DefaultConsistencyLevel.valueOf(s.readConsistency().toUpperCase(Locale.ROOT));
        this.writeCl = DefaultConsistencyLevel.valueOf(s.writeConsistency().toUpperCase(Locale.ROOT));
        Cql cql = Cql.of(s, keyCodec);
        select = session.prepare(cql.select());
        insert = session.prepare(cql.insert());
        delete = session.prepare(cql.delete());
        scanRange = session.prepare(cql.scanRange());
        scanTail = session.prepare(cql.scanTail());
        insertAt = session.prepare(cql.insertAt());
        deleteAt = session.prepare(cql.deleteAt());
    }

    /**
     * Connects (or shares the JVM's session to that cluster), creates or checks the schema, and
     * prepares the statements; gives the session back when any of it fails.
     */
    static CqlStatements open(StoreSettings s, String cacheName, KeyCodec keyCodec, ValueCodec codec) {
        CqlSession session = Sessions.acquire(s);
        try {
            Schema.ensure(session, s, cacheName);
            return new CqlStatements(session, s, keyCodec, codec);
        }
        catch (RuntimeException e) {
            Sessions.release(s, session);
            throw e;
        }
    }

    CqlSession session() {
        return session;
    }

    BoundStatement select(Object key) {
        return select.bind(keyCodec.toColumns(key)).setConsistencyLevel(readCl);
    }

    BoundStatement insert(Object key, Object value) {
        return insert.bind(concat(keyCodec.toColumns(key), codec.toColumns(value))).setConsistencyLevel(writeCl);
    }

    BoundStatement delete(Object key) {
        return delete.bind(keyCodec.toColumns(key)).setConsistencyLevel(writeCl);
    }

    /** A write that never replaces a newer one: Cassandra keeps the cell with the highest timestamp. */
    BoundStatement insertAt(Object key, Object value, long version) {
        return insertAt.bind(concat(concat(keyCodec.toColumns(key), codec.toColumns(value)), new Object[] {version}))
            .setConsistencyLevel(writeCl);
    }

    /** A delete that never removes a newer write. */
    BoundStatement deleteAt(Object key, long version) {
        return deleteAt.bind(concat(new Object[] {version}, keyCodec.toColumns(key))).setConsistencyLevel(writeCl);
    }

    /** The rows with tokens in {@code (start, end]}, or after {@code start} to the end of the ring. */
    BoundStatement scan(Token start, Token end, boolean toEndOfRing) {
        BoundStatement st = toEndOfRing ? scanTail.bind().setToken(0, start) : scanRange.bind().setToken(0, start).setToken(1, end);
        return st.setConsistencyLevel(readCl).setPageSize(5000);
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
