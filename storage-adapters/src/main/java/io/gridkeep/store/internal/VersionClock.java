package io.gridkeep.store.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Versions for writes: microseconds since the epoch by the wall clock, or one more than the last
 * version when that is higher, so that they strictly grow on one node even when the clock steps back,
 * and keep growing across restarts. See the loss-free write-behind ({@code LossFreeWriteBehindFactory})
 * for why that orders a key's updates.
 *
 * <pre>{@code
 * VersionClock clock = new VersionClock();
 * long v = clock.next();
 * }</pre>
 */
public final class VersionClock {
    private final AtomicLong last = new AtomicLong();
    private final LongSupplier wallMicros;

    /** A clock that reads the wall clock. */
    public VersionClock() {
        this(VersionClock::wallMicros);
    }

    /** A clock that reads {@code wallMicros} (microseconds since the epoch) instead: tests step it back. */
    VersionClock(LongSupplier wallMicros) {
        this.wallMicros = wallMicros;
    }

    /** The next version: strictly greater than any this clock returned before. */
    public long next() {
        return last.accumulateAndGet(wallMicros.getAsLong(), (prev, wall) -> Math.max(prev + 1, wall));
    }

    private static long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }
}
