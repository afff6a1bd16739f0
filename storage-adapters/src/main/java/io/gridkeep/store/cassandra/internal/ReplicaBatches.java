package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * Groups single-row statements whose partitions have the same replicas into small unlogged batches.
 *
 * <p>Each request costs Cassandra far more than one small row does, so a few rows per request write
 * faster. The driver advises against multi-partition batches because they load one coordinator with
 * rows it must forward elsewhere; here every row of a batch has the coordinator's own replica set
 * (the batch is routed by its first row's token), so nothing is forwarded. Batches stay below
 * Cassandra's warning thresholds: at most {@code maxRows} partitions
 * ({@code unlogged_batch_across_partitions_warn_threshold}, 10 by default) and {@value #MAX_BYTES}
 * bytes of values ({@code batch_size_warn_threshold}, 5 KiB). A row larger than that goes alone.
 */
final class ReplicaBatches {
    static final int MAX_BYTES = 4096;

    /** What to send, and the indexes of the statements it carries. */
    record Request(Statement<?> statement, int[] rows) {
    }

    private ReplicaBatches() {
    }

    /**
     * The requests for {@code stmts}: one per statement when {@code maxRows} is 1 or the driver has no
     * token map (then routing is unknown and a batch could land anywhere).
     */
    static List<Request> of(List<BoundStatement> stmts, Optional<TokenMap> tokens, CqlIdentifier keyspace, int maxRows) {
        List<Request> out = new ArrayList<>(stmts.size());
        if (maxRows <= 1 || tokens.isEmpty() || stmts.size() == 1) {
            for (int i = 0; i < stmts.size(); i++)
                out.add(new Request(stmts.get(i), new int[] {i}));
            return out;
        }
        TokenMap map = tokens.get();
        IntFunction<Object> replicas = i -> {
            ByteBuffer routing = stmts.get(i).getRoutingKey();
            return routing == null ? null : map.getReplicas(keyspace, map.newToken(routing));
        };
        for (int[] rows : group(stmts.size(), replicas, i -> valueBytes(stmts.get(i).getValues()), maxRows))
            out.add(request(stmts, rows));
        return out;
    }

    /**
     * The batches of rows {@code 0..n-1} as row indexes, in the order they are to be sent: rows with
     * equal replica sets together, in their order, at most {@code maxRows} rows and {@link #MAX_BYTES}
     * of values in each; a row that cannot be routed (its replicas are null) or that is larger than
     * {@link #MAX_BYTES} alone. Replicas are asked only of rows that may join a batch.
     *
     * @param replicas the replica set of a row (any value with equals and hashCode), or null
     * @param bytes the size of a row's values
     */
    static List<int[]> group(int n, IntFunction<Object> replicas, IntUnaryOperator bytes, int maxRows) {
        List<int[]> out = new ArrayList<>(n);
        Map<Object, Open> open = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int b = bytes.applyAsInt(i);
            Object r = b > MAX_BYTES ? null : replicas.apply(i);
            if (r == null) {
                out.add(new int[] {i});
                continue;
            }
            Open o = open.computeIfAbsent(r, x -> new Open());
            if (!o.rows.isEmpty() && (o.rows.size() == maxRows || o.bytes + b > MAX_BYTES))
                out.add(o.close());
            o.rows.add(i);
            o.bytes += b;
        }
        for (Open o : open.values()) {
            if (!o.rows.isEmpty())
                out.add(o.close());
        }
        return out;
    }

    /** The bytes of a statement's bound values (an unset or null value counts none). */
    static int valueBytes(List<ByteBuffer> values) {
        int n = 0;
        for (ByteBuffer v : values)
            n += v == null ? 0 : v.remaining();
        return n;
    }

    /** One statement alone, or an unlogged batch routed and with the consistency of its first statement. */
    private static Request request(List<BoundStatement> stmts, int[] idx) {
        if (idx.length == 1)
            return new Request(stmts.get(idx[0]), idx);
        BoundStatement first = stmts.get(idx[0]);
        List<BoundStatement> members = new ArrayList<>(idx.length);
        for (int i : idx)
            members.add(stmts.get(i));
        BatchStatement batch = BatchStatement.newInstance(DefaultBatchType.UNLOGGED)
            .addAll(members)
            .setConsistencyLevel(first.getConsistencyLevel())
            .setRoutingKey(first.getRoutingKey());
        return new Request(batch, idx);
    }

    /** A batch being filled for one replica set. */
    private static final class Open {
        final List<Integer> rows = new ArrayList<>();
        int bytes;

        int[] close() {
            int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
            rows.clear();
            bytes = 0;
            return idx;
        }
    }
}
