package io.gridkeep.benchmarks;

import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ignite.client.ClientCache;

/** Thin-client load shared by the benchmarks: random keys, and async operations with a bounded window. */
final class ThinClientLoad {
    /** Operations in flight per thread in async runs. */
    static final int ASYNC_WINDOW = 16;

    private ThinClientLoad() {
    }

    static int key(int keys) {
        return ThreadLocalRandom.current().nextInt(keys);
    }

    /** Async puts or gets from {@code threads} threads, each with up to {@link #ASYNC_WINDOW} in flight; ops/s. */
    static double async(ClientCache<Object, Object> cache, int keys, int threads, long warmupMs, long measureMs, boolean put)
        throws Exception {
        Semaphore[] windows = new Semaphore[threads];
        for (int i = 0; i < threads; i++)
            windows[i] = new Semaphore(ASYNC_WINDOW);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        double rate = Throughput.measure(threads, warmupMs, measureMs, (th, i) -> {
            if (failure.get() != null)
                throw new IllegalStateException("async operation failed", failure.get());
            windows[th].acquire();
            var fut = put ? cache.putAsync(key(keys), "v" + i) : cache.getAsync(key(keys));
            fut.whenComplete((r, e) -> {
                if (e != null)
                    failure.compareAndSet(null, e);
                windows[th].release();
            });
        });
        for (Semaphore s : windows)
            s.acquire(ASYNC_WINDOW);
        return rate;
    }
}
