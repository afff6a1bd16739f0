package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import com.datastax.oss.driver.api.core.metadata.token.Token;
import com.datastax.oss.driver.api.core.metadata.token.TokenRange;
import io.gridkeep.store.internal.ParallelLoad;
import io.gridkeep.store.internal.RejectedClassException;
import io.gridkeep.store.internal.Rejections;
import io.gridkeep.store.internal.StoreFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.integration.CacheLoaderException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.lang.IgniteBiInClosure;

/**
 * The store's {@code loadCache}: the ring's token ranges, split into about four per load thread,
 * scanned in parallel, every row handed to the cache, except those whose blob value the allow-list
 * rejects: those are counted, logged and skipped ({@link Rejections}), and the load goes on.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class TokenRangeLoader<K, V> {
    private final StoreSettings s;
    private final String cacheName;
    private final KeyCodec keyCodec;
    private final ValueCodec codec;
    private final Ignite ignite;
    private final IgniteLogger log;
    private final StoreFailure fail;
    private final LongAdder rejected;

    TokenRangeLoader(StoreSettings s, String cacheName, KeyCodec keyCodec, ValueCodec codec, Ignite ignite, IgniteLogger log,
                     StoreFailure fail, LongAdder rejected) {
        this.s = s;
        this.cacheName = cacheName;
        this.keyCodec = keyCodec;
        this.codec = codec;
        this.ignite = ignite;
        this.log = log;
        this.fail = fail;
        this.rejected = rejected;
    }

    void load(CqlStatements st, IgniteBiInClosure<K, V> clo) {
        TokenMap tokens = st.session().getMetadata().getTokenMap().orElseThrow(() ->
            new CacheLoaderException(fail.message("load the cache", new IllegalStateException("the driver has no token map"))));
        List<TokenRange> ranges = split(tokens.getTokenRanges(), s.loadParallelism());
        Token min = minToken(tokens);
        ParallelLoad load = new ParallelLoad(log, "Cassandra store of cache " + cacheName, s.qualifiedTable());
        Rejections rejections = new Rejections("cassandra store of cache " + cacheName, rejected, log);
        List<Callable<Void>> parts = new ArrayList<>(ranges.size());
        for (TokenRange r : ranges) {
            parts.add(() -> {
                for (Row row : st.session().execute(st.scan(r.getStart(), r.getEnd(), runsToEndOfRing(r, min)))) {
                    @SuppressWarnings("unchecked")
                    K k = (K)keyCodec.fromRow(row, ignite);
                    V v;
                    try {
                        @SuppressWarnings("unchecked")
                        V read = (V)codec.fromRow(row, ignite);
                        v = read;
                    }
                    catch (RejectedClassException e) {
                        rejections.skipped("the value of key " + Rejections.printable(k) + " in " + s.qualifiedTable(), e);
                        continue;
                    }
                    clo.apply(k, v);
                    load.loaded();
                }
                return null;
            });
        }
        try {
            load.run("gridkeep-cassandra-load-" + cacheName, s.loadParallelism(), parts);
        }
        catch (Exception e) {
            throw new CacheLoaderException(fail.message("load the cache (" + load.count() + " rows read)", e), e);
        }
        rejections.finish();
        long ms = load.elapsedMillis();
        if (log.isInfoEnabled())
            log.info("Cassandra store of cache " + cacheName + ": loaded " + load.count() + " rows from " + s.qualifiedTable() + " in "
                + ms + " ms (" + load.count() * 1000 / ms + " rows/s, " + ranges.size() + " token ranges, "
                + s.loadParallelism() + " at once" + (rejections.count() > 0 ? ", " + rejections.count() + " rejected values skipped" : "")
                + ")");
    }

    /** The ring's ranges unwrapped and split evenly, so that there are about four per load thread and none wraps around. */
    static List<TokenRange> split(Set<TokenRange> ring, int loadParallelism) {
        List<TokenRange> ranges = new ArrayList<>();
        for (TokenRange r : ring) {
            for (TokenRange u : r.unwrap())
                ranges.addAll(u.splitEvenly(Math.max(1, loadParallelism * 4 / Math.max(1, ring.size()))));
        }
        return ranges;
    }

    /** After unwrap(), a range that ends at the ring's minimum token runs to the end of the ring. */
    static boolean runsToEndOfRing(TokenRange r, Token min) {
        return r.getEnd().equals(min);
    }

    private static Token minToken(TokenMap tokens) {
        return tokens.parse(String.valueOf(Long.MIN_VALUE));
    }
}
