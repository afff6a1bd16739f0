package io.gridkeep.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ignite.IgniteLogger;

/**
 * A store's {@code loadCache}: parts (token ranges, log partitions) read at once on daemon threads,
 * with the entries handed to the cache counted and a progress line every 10 s.
 *
 * <pre>{@code
 * ParallelLoad load = new ParallelLoad(log, "HDFS store of cache orders", "hdfs://nn/gridkeep/orders");
 * load.run("gridkeep-hdfs-load-orders", 4, parts);   // each part calls load.loaded() per entry
 * }</pre>
 */
public final class ParallelLoad {
    private static final long PROGRESS_EVERY_MS = 10_000;

    private final IgniteLogger log;
    private final String who;
    private final String from;
    private final AtomicLong loaded = new AtomicLong();
    private final long start = System.currentTimeMillis();
    private final AtomicLong lastReport = new AtomicLong(start);

    /**
     * @param who the store and cache, as log lines start ("Cassandra store of cache orders")
     * @param from where it loads from, for the progress line
     */
    public ParallelLoad(IgniteLogger log, String who, String from) {
        this.log = log;
        this.who = who;
        this.from = from;
    }

    /** Counts one entry handed to the cache; logs progress at most every 10 s. */
    public void loaded() {
        long n = loaded.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = lastReport.get();
        if (now - last >= PROGRESS_EVERY_MS && lastReport.compareAndSet(last, now) && log.isInfoEnabled())
            log.info(who + ": loaded " + n + " entries from " + from + " so far");
    }

    /** Entries handed to the cache so far. */
    public long count() {
        return loaded.get();
    }

    /** Milliseconds since this load began (at least 1). */
    public long elapsedMillis() {
        return Math.max(1, System.currentTimeMillis() - start);
    }

    /**
     * Runs every part, {@code parallelism} at a time, and returns when all are done.
     *
     * @throws Exception the first part's failure, as the part threw it
     */
    public void run(String threadName, int parallelism, List<Callable<Void>> parts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> futures = new ArrayList<>(parts.size());
            for (Callable<Void> p : parts)
                futures.add(pool.submit(p));
            for (Future<Void> f : futures) {
                try {
                    f.get();
                }
                catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception ex)
                        throw ex;
                    throw e;
                }
            }
        }
        finally {
            pool.shutdownNow();
        }
    }
}
