package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import com.datastax.oss.driver.api.core.metadata.token.Token;
import com.datastax.oss.driver.api.core.metadata.token.TokenRange;
import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.internal.BackendStore;
import io.gridkeep.store.internal.ParallelLoad;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.Cache;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriterException;
import org.apache.ignite.lang.IgniteBiInClosure;

/**
 * The Cassandra {@code CacheStore}: prepared statements, asynchronous writes with a bound on the
 * requests in flight, and {@code loadCache} as parallel scans of token ranges.
 *
 * <p>It connects (and creates or checks the schema) on first use, not when the cache starts, and
 * tries again on the next call after a failure: Cassandra being down fails reads and writes that
 * need it, never the node. It runs no cache operation itself.
 *
 * <p>{@code writeAll} and {@code deleteAll} send their rows concurrently (at most {@code maxInFlight}
 * requests), rows whose partitions have the same replicas grouped into unlogged batches of up to
 * {@code batchRows} (see {@link ReplicaBatches}). On a partial failure the entries that were
 * written are removed from the collection, as the {@code CacheWriter} contract asks.
 */
public final class CassandraCacheStore<K, V> extends BackendStore<K, V> {
    private final StoreSettings s;
    private final ValueCodec codec;
    private final KeyCodec keyCodec;
    private final Semaphore inFlight;
    private final ConsistencyLevel readCl;
    private final ConsistencyLevel writeCl;
    private final CqlIdentifier keyspace;
    private volatile Prepared prepared;

    private record Prepared(CqlSession session, PreparedStatement select, PreparedStatement insert, PreparedStatement delete,
                            PreparedStatement scanRange, PreparedStatement scanTail,
                            PreparedStatement insertAt, PreparedStatement deleteAt) {
    }

    public CassandraCacheStore(StoreSettings s) {
        this.s = s;
        this.codec = new ValueCodec(s);
        this.keyCodec = new KeyCodec(s);
        this.inFlight = new Semaphore(s.maxInFlight());
        this.readCl = DefaultConsistencyLevel.valueOf(s.readConsistency().toUpperCase(Locale.ROOT));
        this.writeCl = DefaultConsistencyLevel.valueOf(s.writeConsistency().toUpperCase(Locale.ROOT));
        this.keyspace = CqlIdentifier.fromCql(s.keyspace());
    }

    private volatile LongAdder readHits = new LongAdder();
    private volatile LongAdder readMisses = new LongAdder();
    private volatile LongAdder rowsWritten = new LongAdder();
    private volatile LongAdder failures = new LongAdder();

    @Override
    public void start() {
        // The store connects on first use, so that a node starts with Cassandra down; only its metrics start now.
        if (!inNode())
            return;
        StoreMetrics metrics = openMetrics();
        readHits = metrics.counter(StoreMetrics.READ_THROUGH_HITS, "Total number of reads through to Cassandra that found a row.");
        readMisses = metrics.counter(StoreMetrics.READ_THROUGH_MISSES, "Total number of reads through to Cassandra that found no row.");
        rowsWritten = metrics.counter(StoreMetrics.ROWS_WRITTEN, "Total number of rows written to or deleted from Cassandra.");
        failures = metrics.counter(StoreMetrics.FAILURES, "Total number of Cassandra requests (writes, deletes, reads) that failed.");
    }

    @Override
    public String storeName() {
        return "cassandra";
    }

    @Override
    public synchronized void stop() {
        closeMetrics();
        Prepared p = prepared;
        prepared = null;
        if (p != null)
            Sessions.release(s, p.session());
    }

    private Prepared prepared() {
        Prepared p = prepared;
        if (p != null)
            return p;
        synchronized (this) {
            if (prepared != null)
                return prepared;
            CqlSession session = Sessions.acquire(s);
            try {
                Schema.ensure(session, s, cacheName);
                Map<String, String> cols = Schema.columns(s);
                String valueCols = String.join(", ", cols.keySet());
                String t = s.qualifiedTable();
                String k = String.join(", ", s.keyColumnNames());
                String where = keyCodec.whereClause();
                String marks = "?" + ", ?".repeat(cols.size() + s.keyColumnNames().size() - 1);
                prepared = new Prepared(session,
                    session.prepare("SELECT " + valueCols + " FROM " + t + " WHERE " + where),
                    session.prepare("INSERT INTO " + t + " (" + k + ", " + valueCols + ") VALUES (" + marks + ")"),
                    session.prepare("DELETE FROM " + t + " WHERE " + where),
                    session.prepare("SELECT " + k + ", " + valueCols + " FROM " + t
                        + " WHERE token(" + k + ") > ? AND token(" + k + ") <= ?"),
                    session.prepare("SELECT " + k + ", " + valueCols + " FROM " + t + " WHERE token(" + k + ") > ?"),
                    session.prepare("INSERT INTO " + t + " (" + k + ", " + valueCols + ") VALUES (" + marks + ") USING TIMESTAMP ?"),
                    session.prepare("DELETE FROM " + t + " USING TIMESTAMP ? WHERE " + where));
                return prepared;
            }
            catch (RuntimeException e) {
                Sessions.release(s, session);
                throw e;
            }
        }
    }

    @Override
    public V load(K key) {
        try {
            Prepared p = prepared();
            Row row = p.session().execute(p.select().bind(keyCodec.toColumns(key)).setConsistencyLevel(readCl)).one();
            (row == null ? readMisses : readHits).increment();
            return row == null ? null : value(row);
        }
        catch (RuntimeException e) {
            failures.increment();
            throw new CacheLoaderException(fail("read key " + key, e), e);
        }
    }

    @SuppressWarnings("unchecked")
    private V value(Row row) {
        return (V)codec.fromRow(row, ignite);
    }

    @Override
    public void write(Cache.Entry<? extends K, ? extends V> e) {
        try {
            Prepared p = prepared();
            p.session().execute(insert(p, e));
            rowsWritten.increment();
        }
        catch (RuntimeException ex) {
            failures.increment();
            throw new CacheWriterException(fail("write key " + e.getKey(), ex), ex);
        }
    }

    private BoundStatement insert(Prepared p, Cache.Entry<? extends K, ? extends V> e) {
        return p.insert().bind(concat(keyCodec.toColumns(e.getKey()), codec.toColumns(e.getValue()))).setConsistencyLevel(writeCl);
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
        Prepared p;
        try {
            p = prepared();
        }
        catch (RuntimeException e) {
            throw new CacheWriterException(fail("write " + entries.size() + " entries", e), e);
        }
        List<Cache.Entry<? extends K, ? extends V>> list = new ArrayList<>(entries);
        List<BoundStatement> stmts = new ArrayList<>(list.size());
        for (Cache.Entry<? extends K, ? extends V> e : list)
            stmts.add(insert(p, e));
        Outcome out = runAll(p, stmts);
        int failed = out.removeSucceeded(entries);
        if (failed > 0)
            throw new CacheWriterException(fail("write " + failed + " of " + list.size() + " entries", out.first()), out.first());
    }

    @Override
    public void delete(Object key) {
        try {
            Prepared p = prepared();
            p.session().execute(p.delete().bind(keyCodec.toColumns(key)).setConsistencyLevel(writeCl));
            rowsWritten.increment();
        }
        catch (RuntimeException e) {
            failures.increment();
            throw new CacheWriterException(fail("delete key " + key, e), e);
        }
    }

    @Override
    public void deleteAll(Collection<?> keys) {
        Prepared p;
        try {
            p = prepared();
        }
        catch (RuntimeException e) {
            throw new CacheWriterException(fail("delete " + keys.size() + " keys", e), e);
        }
        List<BoundStatement> stmts = new ArrayList<>(keys.size());
        for (Object k : keys)
            stmts.add(p.delete().bind(keyCodec.toColumns(k)).setConsistencyLevel(writeCl));
        Outcome out = runAll(p, stmts);
        int total = keys.size();
        int failed = out.removeSucceeded(keys);
        if (failed > 0)
            throw new CacheWriterException(fail("delete " + failed + " of " + total + " keys", out.first()), out.first());
    }

    /** Which statements succeeded, and the first failure. */
    private record Outcome(boolean[] ok, Throwable first) {
        int failed() {
            int n = 0;
            for (boolean b : ok)
                n += b ? 0 : 1;
            return n;
        }

        /** Removes what was written from {@code items}, in statement order, as the CacheWriter contract asks; returns how many failed. */
        int removeSucceeded(Collection<?> items) {
            Iterator<?> it = items.iterator();
            for (int i = 0; it.hasNext(); i++) {
                it.next();
                if (ok[i])
                    it.remove();
            }
            return failed();
        }
    }

    /** Runs the statements concurrently, at most maxInFlight at once, and waits for all. */
    private Outcome runAll(Prepared p, List<BoundStatement> stmts) {
        return startAll(p, stmts).join();
    }

    /**
     * Sends the statements, at most maxInFlight requests in flight (this thread waits for permits),
     * rows of the same replicas grouped into small batches ({@link ReplicaBatches}), and returns what
     * completes once every request has an answer.
     */
    private CompletableFuture<Outcome> startAll(Prepared p, List<BoundStatement> stmts) {
        boolean[] ok = new boolean[stmts.size()];
        Throwable[] first = new Throwable[1];
        CompletableFuture<Outcome> all = new CompletableFuture<>();
        List<ReplicaBatches.Request> requests = ReplicaBatches.of(stmts, p.session().getMetadata().getTokenMap(), keyspace, s.batchRows());
        AtomicInteger left = new AtomicInteger(requests.size());
        if (requests.isEmpty())
            all.complete(new Outcome(ok, null));
        for (ReplicaBatches.Request r : requests) {
            inFlight.acquireUninterruptibly();
            CompletionStage<AsyncResultSet> f = p.session().executeAsync(r.statement());
            f.whenComplete((rs, err) -> {
                inFlight.release();
                if (err == null) {
                    for (int i : r.rows())
                        ok[i] = true;
                    rowsWritten.add(r.rows().length);
                }
                else {
                    failures.increment();
                    synchronized (first) {
                        if (first[0] == null)
                            first[0] = err;
                    }
                }
                if (left.decrementAndGet() == 0) {
                    synchronized (first) {
                        all.complete(new Outcome(ok, first[0]));
                    }
                }
            });
        }
        return all;
    }

    /**
     * Versioned writes for write-behind: {@code USING TIMESTAMP version}, so that a replayed or late
     * write never replaces a newer one (Cassandra keeps the cell with the highest timestamp).
     */
    @Override
    public void applyAll(List<Write<K, V>> batch) throws Exception {
        try {
            applyAllAsync(batch).toCompletableFuture().join();
        }
        catch (CompletionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** Sends the batch's statements and returns at once; the next batch can go out while these complete. */
    @Override
    public CompletionStage<Void> applyAllAsync(List<Write<K, V>> batch) {
        Prepared p;
        List<BoundStatement> stmts = new ArrayList<>(batch.size());
        try {
            p = prepared();
            for (Write<K, V> w : batch) {
                Object[] key = keyCodec.toColumns(w.key());
                if (w.value() == null)
                    stmts.add(p.deleteAt().bind(concat(new Object[] {w.version()}, key)).setConsistencyLevel(writeCl));
                else
                    stmts.add(p.insertAt().bind(concat(concat(key, codec.toColumns(w.value())), new Object[] {w.version()}))
                        .setConsistencyLevel(writeCl));
            }
        }
        catch (RuntimeException e) {
            failures.increment();
            return CompletableFuture.failedFuture(new CacheWriterException(fail("write " + batch.size() + " entries", e), e));
        }
        return startAll(p, stmts).thenApply(out -> {
            if (out.first() != null)
                throw new CacheWriterException(fail("write " + out.failed() + " of " + batch.size() + " entries", out.first()),
                    out.first());
            return null;
        });
    }

    @Override
    public void loadCache(IgniteBiInClosure<K, V> clo, Object... args) {
        Prepared p;
        try {
            p = prepared();
        }
        catch (RuntimeException e) {
            throw new CacheLoaderException(fail("load the cache", e), e);
        }
        TokenMap tokens = p.session().getMetadata().getTokenMap().orElseThrow(() ->
            new CacheLoaderException(fail("load the cache", new IllegalStateException("the driver has no token map"))));
        List<TokenRange> ranges = new ArrayList<>();
        for (TokenRange r : tokens.getTokenRanges()) {
            for (TokenRange u : r.unwrap())
                ranges.addAll(u.splitEvenly(Math.max(1, s.loadParallelism() * 4 / Math.max(1, tokens.getTokenRanges().size()))));
        }
        ParallelLoad load = new ParallelLoad(log, "Cassandra store of cache " + cacheName, s.qualifiedTable());
        List<Callable<Void>> parts = new ArrayList<>(ranges.size());
        for (TokenRange r : ranges) {
            parts.add(() -> {
                // After unwrap(), a range that ends at the ring's minimum token runs to the end of the ring.
                BoundStatement st = r.getEnd().equals(minToken(tokens))
                    ? p.scanTail().bind().setToken(0, r.getStart())
                    : p.scanRange().bind().setToken(0, r.getStart()).setToken(1, r.getEnd());
                for (Row row : p.session().execute(st.setConsistencyLevel(readCl).setPageSize(5000))) {
                    @SuppressWarnings("unchecked")
                    K k = (K)keyCodec.fromRow(row, ignite);
                    clo.apply(k, value(row));
                    load.loaded();
                }
                return null;
            });
        }
        try {
            load.run("gridkeep-cassandra-load-" + cacheName, s.loadParallelism(), parts);
        }
        catch (Exception e) {
            throw new CacheLoaderException(fail("load the cache (" + load.count() + " rows read)", e), e);
        }
        long ms = load.elapsedMillis();
        if (log.isInfoEnabled())
            log.info("Cassandra store of cache " + cacheName + ": loaded " + load.count() + " rows from " + s.qualifiedTable() + " in "
                + ms + " ms (" + load.count() * 1000 / ms + " rows/s, " + ranges.size() + " token ranges, "
                + s.loadParallelism() + " at once)");
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Token minToken(TokenMap tokens) {
        return tokens.parse(String.valueOf(Long.MIN_VALUE));
    }

    /** The message of a failure, also kept as the last error for {@code gridkeep store status}. */
    private String fail(String what, Throwable e) {
        String why = e == null ? "unknown error" : e.getMessage();
        recordError("cannot " + what + ": " + why);
        return "gridkeep: cassandra store of cache " + cacheName + ": cannot " + what + " in " + s.qualifiedTable() + ": " + why;
    }
}
