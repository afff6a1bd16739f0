package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        Map<Set<Node>, Open> open = new HashMap<>();
        for (int i = 0; i < stmts.size(); i++) {
            BoundStatement st = stmts.get(i);
            ByteBuffer routing = st.getRoutingKey();
            int bytes = valueBytes(st);
            if (routing == null || bytes > MAX_BYTES) {
                out.add(new Request(st, new int[] {i}));
                continue;
            }
            Set<Node> replicas = map.getReplicas(keyspace, map.newToken(routing));
            Open o = open.computeIfAbsent(replicas, r -> new Open());
            if (!o.rows.isEmpty() && (o.rows.size() == maxRows || o.bytes + bytes > MAX_BYTES))
                out.add(o.close(stmts));
            o.rows.add(i);
            o.bytes += bytes;
        }
        for (Open o : open.values()) {
            if (!o.rows.isEmpty())
                out.add(o.close(stmts));
        }
        return out;
    }

    private static int valueBytes(BoundStatement st) {
        int n = 0;
        for (ByteBuffer v : st.getValues())
            n += v == null ? 0 : v.remaining();
        return n;
    }

    /** A batch being filled for one replica set. */
    private static final class Open {
        final List<Integer> rows = new ArrayList<>();
        int bytes;

        Request close(List<BoundStatement> stmts) {
            int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
            rows.clear();
            bytes = 0;
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
    }
}
