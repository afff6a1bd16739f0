package io.gridkeep.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.gridkeep.testkit.Await;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A Cassandra table of the tests' shape ({@code k int} key, {@code v} blob holding a Java-serialized
 * value), compared with what the grid acknowledged.
 *
 * <pre>{@code
 * int missing = BackendRows.missing(cql, "wb.lossfree", acked);   // 0: every acknowledged value is there
 * }</pre>
 */
public final class BackendRows {
    private BackendRows() {
    }

    /** Waits until {@code cql} answers again after its Cassandra restarted (the driver reconnects in the background). */
    public static void awaitReachable(CqlSession cql, Duration timeout) throws InterruptedException {
        Await.until(() -> {
            try {
                cql.execute("SELECT release_version FROM system.local");
                return true;
            }
            catch (RuntimeException notYet) {
                return false;
            }
        }, timeout, "the test's Cassandra session connected again");
    }

    /** Every row of {@code table} ({@code keyspace.table}), one scan. */
    public static Map<Integer, Object> read(CqlSession cql, String table) {
        Map<Integer, Object> stored = new HashMap<>();
        for (Row r : cql.execute("SELECT k, v FROM " + table))
            stored.put(r.getInt("k"), deserialize(r.getByteBuffer("v")));
        return stored;
    }

    /** Keys whose row is absent or holds another value than the last acknowledged one. */
    public static int missing(CqlSession cql, String table, Map<Integer, ?> acked) {
        Map<Integer, Object> stored = read(cql, table);
        int missing = 0;
        for (Map.Entry<Integer, ?> e : acked.entrySet()) {
            if (!e.getValue().equals(stored.get(e.getKey())))
                missing++;
        }
        return missing;
    }

    private static Object deserialize(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
