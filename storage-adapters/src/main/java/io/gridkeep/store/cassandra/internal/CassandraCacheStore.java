package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.internal.BackendStore;
import io.gridkeep.store.internal.RejectedClassException;
import io.gridkeep.store.internal.Rejections;
import io.gridkeep.store.internal.StartingCacheConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.Cache;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriterException;
import org.apache.ignite.lang.IgniteBiInClosure;

/**
 * The Cassandra {@code CacheStore}: prepared statements ({@link CqlStatements}), asynchronous writes
 * with a bound on the requests in flight ({@link InFlightDispatcher}), and {@code loadCache} as
 * parallel scans of token ranges ({@link TokenRangeLoader}). This class wires them together, keeps
 * the session from first use to {@code stop()}, and registers the cache's metrics.
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
    private final InFlightDispatcher inFlight;
    private final CqlIdentifier keyspace;
    private volatile CqlStatements statements;
    private volatile LongAdder readHits = new LongAdder();
    private volatile LongAdder readMisses = new LongAdder();
    private volatile LongAdder rowsWritten = new LongAdder();
    private volatile LongAdder failures = new LongAdder();
    private volatile LongAdder rejected = new LongAdder();

    public CassandraCacheStore(StoreSettings s) {
        this.s = s;
        this.codec = new ValueCodec(s);
        this.keyCodec = new KeyCodec(s);
        this.inFlight = new InFlightDispatcher(s.maxInFlight(), new InFlightDispatcher.Listener() {
            @Override
            public void written(int rows) {
                rowsWritten.add(rows);
            }

            @Override
            public void failed() {
                failures.increment();
            }
        });
        this.keyspace = CqlIdentifier.fromCql(s.keyspace());
    }

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
        rejected = metrics.counter(StoreMetrics.REJECTED_VALUES,
            "Total number of stored values whose classes the store's allow-list rejected (skipped by loadCache, or failed reads).");
        codec.allow(StartingCacheConfig.declaredTypes(ignite, cacheName));
    }

    @Override
    public String storeName() {
        return "cassandra";
    }

    @Override
    public synchronized void stop() {
        closeMetrics();
        CqlStatements p = statements;
        statements = null;
        if (p != null)
            Sessions.release(s, p.session());
    }

    private CqlStatements statements() {
        CqlStatements p = statements;
        if (p != null)
            return p;
        synchronized (this) {
            if (statements == null)
                statements = CqlStatements.open(s, cacheName, keyCodec, codec);
            return statements;
        }
    }

    /**
     * Reads the key's row. A blob value that the allow-list rejects fails this read with a
     * {@code CacheLoaderException} ({@code gridkeep: cassandra store of cache <cache>: cannot read key ...: the
     * stored bytes name class ...}, naming the property {@code allowedClasses}), counts in
     * {@code RejectedValues} and is logged at WARN; the row stays in Cassandra untouched.
     */
    @Override
    public V load(K key) {
        try {
            CqlStatements p = statements();
            Row row = p.session().execute(p.select(key)).one();
            (row == null ? readMisses : readHits).increment();
            return row == null ? null : value(row);
        }
        catch (RejectedClassException e) {
            // A value the allow-list refuses is never handed to the cache: this read fails, the node and the cache go on.
            rejected.increment();
            String m = fail("read key " + Rejections.printable(key), e);
            if (log != null)
                log.warning(m);
            throw new CacheLoaderException(m, e);
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
            CqlStatements p = statements();
            p.session().execute(p.insert(e.getKey(), e.getValue()));
            rowsWritten.increment();
        }
        catch (RuntimeException ex) {
            failures.increment();
            throw new CacheWriterException(fail("write key " + e.getKey(), ex), ex);
        }
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
        CqlStatements p;
        try {
            p = statements();
        }
        catch (RuntimeException e) {
            throw new CacheWriterException(fail("write " + entries.size() + " entries", e), e);
        }
        List<Cache.Entry<? extends K, ? extends V>> list = new ArrayList<>(entries);
        List<BoundStatement> stmts = new ArrayList<>(list.size());
        for (Cache.Entry<? extends K, ? extends V> e : list)
            stmts.add(p.insert(e.getKey(), e.getValue()));
        InFlightDispatcher.Outcome out = runAll(p, stmts);
        int failed = out.removeSucceeded(entries);
        if (failed > 0)
            throw new CacheWriterException(fail("write " + failed + " of " + list.size() + " entries", out.first()), out.first());
    }

    @Override
    public void delete(Object key) {
        try {
            CqlStatements p = statements();
            p.session().execute(p.delete(key));
            rowsWritten.increment();
        }
        catch (RuntimeException e) {
            failures.increment();
            throw new CacheWriterException(fail("delete key " + key, e), e);
        }
    }

    @Override
    public void deleteAll(Collection<?> keys) {
        CqlStatements p;
        try {
            p = statements();
        }
        catch (RuntimeException e) {
            throw new CacheWriterException(fail("delete " + keys.size() + " keys", e), e);
        }
        List<BoundStatement> stmts = new ArrayList<>(keys.size());
        for (Object k : keys)
            stmts.add(p.delete(k));
        InFlightDispatcher.Outcome out = runAll(p, stmts);
        int total = keys.size();
        int failed = out.removeSucceeded(keys);
        if (failed > 0)
            throw new CacheWriterException(fail("delete " + failed + " of " + total + " keys", out.first()), out.first());
    }

    /** Runs the statements concurrently, at most maxInFlight at once, and waits for all. */
    private InFlightDispatcher.Outcome runAll(CqlStatements p, List<BoundStatement> stmts) {
        return startAll(p, stmts).join();
    }

    /**
     * Sends the statements, at most maxInFlight requests in flight (this thread waits for permits),
     * rows of the same replicas grouped into small batches ({@link ReplicaBatches}), and returns what
     * completes once every request has an answer.
     */
    private CompletableFuture<InFlightDispatcher.Outcome> startAll(CqlStatements p, List<BoundStatement> stmts) {
        List<ReplicaBatches.Request> requests = ReplicaBatches.of(stmts, p.session().getMetadata().getTokenMap(), keyspace, s.batchRows());
        return inFlight.dispatch(stmts.size(), requests, p.session()::executeAsync);
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
        CqlStatements p;
        List<BoundStatement> stmts = new ArrayList<>(batch.size());
        try {
            p = statements();
            for (Write<K, V> w : batch)
                stmts.add(w.value() == null ? p.deleteAt(w.key(), w.version()) : p.insertAt(w.key(), w.value(), w.version()));
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
        CqlStatements p;
        try {
            p = statements();
        }
        catch (RuntimeException e) {
            throw new CacheLoaderException(fail("load the cache", e), e);
        }
        new TokenRangeLoader<K, V>(s, cacheName, keyCodec, codec, ignite, log, this::fail, rejected).load(p, clo);
    }

    /** The message of a failure, also kept as the last error for {@code gridkeep store status}. */
    private String fail(String what, Throwable e) {
        String why = e == null ? "unknown error" : e.getMessage();
        recordError("cannot " + what + ": " + why);
        return "gridkeep: cassandra store of cache " + cacheName + ": cannot " + what + " in " + s.qualifiedTable() + ": " + why;
    }
}
