package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Sends a store's requests asynchronously with at most {@code maxInFlight} in flight across all its
 * callers (a caller waits for a permit), and completes once every request has an answer, with which
 * rows were written and the first failure.
 */
final class InFlightDispatcher {
    /** What the dispatcher reports as answers come, to the store's metrics. */
    interface Listener {
        void written(int rows);

        void failed();
    }

    /** Which rows were written, and the first failure. */
    record Outcome(boolean[] ok, Throwable first) {
        int failed() {
            int n = 0;
            for (boolean b : ok)
                n += b ? 0 : 1;
            return n;
        }

        /** Removes what was written from {@code items}, in row order, as the CacheWriter contract asks; returns how many failed. */
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

    private final Semaphore inFlight;
    private final Listener listener;

    InFlightDispatcher(int maxInFlight, Listener listener) {
        this.inFlight = new Semaphore(maxInFlight);
        this.listener = listener;
    }

    /**
     * Sends the requests, this thread waiting for a permit before each, and returns what completes
     * once every request has an answer.
     *
     * @param rows the rows the requests carry between them, numbered as in {@link ReplicaBatches.Request#rows()}
     * @param send starts one request (the session's {@code executeAsync})
     */
    CompletableFuture<Outcome> dispatch(int rows, List<ReplicaBatches.Request> requests,
                                        Function<Statement<?>, ? extends CompletionStage<?>> send) {
        boolean[] ok = new boolean[rows];
        Throwable[] first = new Throwable[1];
        CompletableFuture<Outcome> all = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(requests.size());
        if (requests.isEmpty())
            all.complete(new Outcome(ok, null));
        for (ReplicaBatches.Request r : requests) {
            inFlight.acquireUninterruptibly();
            CompletionStage<?> f = send.apply(r.statement());
            f.whenComplete((rs, err) -> {
                inFlight.release();
                if (err == null) {
                    for (int i : r.rows())
                        ok[i] = true;
                    listener.written(r.rows().length);
                }
                else {
                    listener.failed();
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
}
