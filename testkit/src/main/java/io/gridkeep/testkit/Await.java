package io.gridkeep.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting in tests for something that happens asynchronously (a flush, a compaction), with a
 * deadline and a message that says what never happened.
 *
 * <pre>{@code
 * Await.until(() -> pending.getAsLong() == 0, Duration.ofSeconds(90), "the waiting updates written");
 * }</pre>
 */
public final class Await {
    private Await() {
    }

    /** Polls every 100 ms until {@code cond} holds; fails naming {@code what} after {@code timeout}. */
    public static void until(BooleanSupplier cond, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline)
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            Thread.sleep(100);
        }
    }
}
