package io.gridkeep.testkit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The one way tests wait for something that happens asynchronously (a flush, a compaction, a
 * scrape, a node leaving), built on Awaitility: a deadline, and a failure that says what never
 * happened. Tests do not sleep to wait; a sleep that paces a load generator or stands for a job's
 * work is no wait and says so where it is.
 *
 * <pre>{@code
 * Await.until(() -> pending.getAsLong() == 0, Duration.ofSeconds(90), "the waiting updates written");
 * String body = Await.until(() -> Http.get(port, "/metrics").body(), b -> b.contains("rows_written_total"),
 *     Duration.ofSeconds(60), "the store's rows on /metrics");
 * Await.holds(() -> done.get() == 0, Duration.ofSeconds(2), "the writer blocked");
 * Await.every(Duration.ofMillis(500)).until(() -> dist.run("events").exitCode() == 0, Duration.ofSeconds(60), "events");
 * }</pre>
 *
 * <p>The condition runs in the calling thread, first at once and then every 100 ms (or the interval
 * given to {@link #every}); an exception it throws fails the wait. Exceptions that other threads
 * leave uncaught are none of the wait's business (a node being killed has plenty).
 */
public final class Await {
    private static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

    private static final Poller DEFAULT = new Poller(DEFAULT_INTERVAL);

    private Await() {
    }

    /** Polls every 100 ms until {@code cond} holds; fails naming {@code what} after {@code timeout}. */
    public static void until(BooleanSupplier cond, Duration timeout, String what) throws InterruptedException {
        DEFAULT.until(cond, timeout, what);
    }

    /**
     * Polls {@code probe} every 100 ms until its value satisfies {@code ok}, and returns that value;
     * fails naming {@code what} and the last value after {@code timeout}.
     */
    public static <T> T until(Supplier<T> probe, Predicate<? super T> ok, Duration timeout, String what) {
        return DEFAULT.until(probe, ok, timeout, what);
    }

    /**
     * Checks every 100 ms that {@code cond} stays true for {@code duration}, for what must not happen for
     * a while; fails as soon as it is false, naming {@code what} and when it broke.
     */
    public static void holds(BooleanSupplier cond, Duration duration, String what) {
        DEFAULT.holds(cond, duration, what);
    }

    /** The same waits, polling every {@code interval}: for a condition that is costly to check (a command run, a search). */
    public static Poller every(Duration interval) {
        return new Poller(interval);
    }

    /** The waits of {@link Await} at a poll interval of the caller's. */
    public static final class Poller {
        private final Duration interval;

        private Poller(Duration interval) {
            this.interval = interval;
        }

        /** As {@link Await#until(BooleanSupplier, Duration, String)}. */
        public void until(BooleanSupplier cond, Duration timeout, String what) {
            try {
                factory(what, timeout).until(cond::getAsBoolean);
            }
            catch (ConditionTimeoutException e) {
                throw new AssertionError("timed out after " + seconds(timeout) + " waiting for " + what, e);
            }
        }

        /** As {@link Await#until(Supplier, Predicate, Duration, String)}. */
        public <T> T until(Supplier<T> probe, Predicate<? super T> ok, Duration timeout, String what) {
            AtomicReference<T> last = new AtomicReference<>();
            try {
                return factory(what, timeout).until(() -> {
                    T v = probe.get();
                    last.set(v);
                    return v;
                }, ok);
            }
            catch (ConditionTimeoutException e) {
                throw new AssertionError("timed out after " + seconds(timeout) + " waiting for " + what + "; last: "
                    + shortened(last.get()), e);
            }
        }

        /** As {@link Await#holds(BooleanSupplier, Duration, String)}. */
        public void holds(BooleanSupplier cond, Duration duration, String what) {
            long start = System.nanoTime();
            try {
                // Waiting for the condition to break: a wait that times out is a condition that held throughout.
                factory(what, duration).until(() -> !cond.getAsBoolean());
            }
            catch (ConditionTimeoutException held) {
                return;
            }
            throw new AssertionError("no longer true after " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms of "
                + seconds(duration) + ": " + what);
        }

        private ConditionFactory factory(String what, Duration timeout) {
            return Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(interval).pollInSameThread()
                .dontCatchUncaughtExceptions();
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** A value for a failure message: long ones (a scrape, a list of documents) keep their start. */
    private static String shortened(Object v) {
        String s = String.valueOf(v);
        return s.length() <= 4000 ? s : s.substring(0, 4000) + "... (" + s.length() + " chars)";
    }
}
