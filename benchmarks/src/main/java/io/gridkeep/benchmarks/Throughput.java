package io.gridkeep.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** Runs an operation from several threads for a fixed time and reports operations per second. */
final class Throughput {
    /** One operation, called repeatedly by one thread; {@code i} counts that thread's calls. */
    interface Op {
        void run(int thread, long i) throws Exception;
    }

    private Throughput() {
    }

    /** Warms up for {@code warmupMs}, then measures for {@code measureMs}; returns ops/s. */
    static double measure(int threads, long warmupMs, long measureMs, Op op) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean counting = new AtomicBoolean();
        LongAdder ops = new LongAdder();
        List<Throwable> errors = new ArrayList<>();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                long i = 0;
                try {
                    while (!stop.get()) {
                        op.run(thread, i++);
                        if (counting.get())
                            ops.increment();
                    }
                }
                catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }, "bench-" + t);
            ts.add(th);
            th.start();
        }
        Thread.sleep(warmupMs);
        counting.set(true);
        long t0 = System.nanoTime();
        Thread.sleep(measureMs);
        long n = ops.sum();
        double secs = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        for (Thread th : ts)
            th.join(30_000);
        if (!errors.isEmpty())
            throw new IllegalStateException("benchmark operation failed", errors.get(0));
        return n / secs;
    }
}
