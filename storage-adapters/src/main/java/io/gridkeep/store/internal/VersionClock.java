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
 * <p>A clock also follows the fastest clock it hears of ({@link #observe}, another node's
 * {@link #now}): its versions are then at least that clock's, less the time the message took. So when
 * an entry's primary moves to a node whose wall clock is behind, the new primary still versions the
 * entry's updates above the old primary's (a handover takes longer than one message), and the backend,
 * which keeps the highest version, keeps the newest value. The clock never follows back down: once a
 * fast node left, the others keep its lead.
 *
 * <pre>{@code
 * VersionClock clock = new VersionClock();
 * long v = clock.next();
 * clock.observe(peerNow);          // a peer's clock.now(), from a message
 * }</pre>
 */
public final class VersionClock {
    private final AtomicLong last = new AtomicLong();
    private final AtomicLong lead = new AtomicLong();
    private final LongSupplier wallMicros;

    /** A clock that reads the wall clock. */
    public VersionClock() {
        this(VersionClock::wallMicros);
    }

    /** A clock that reads {@code wallMicros} (microseconds since the epoch) instead: tests step it back. */
    VersionClock(LongSupplier wallMicros) {
        this.wallMicros = wallMicros;
    }

    /** The next version: strictly greater than any this clock returned before, and at least {@link #now}. */
    public long next() {
        long floor = wallMicros.getAsLong() + lead.get();
        return last.accumulateAndGet(floor, (prev, f) -> Math.max(prev + 1, f));
    }

    /** What this clock reads now, without using a version: at least every version it gave. */
    public long now() {
        return Math.max(last.get(), wallMicros.getAsLong() + lead.get());
    }

    /**
     * Another clock read {@code peerNow} (its {@link #now}) a moment ago: from now on this clock's
     * versions are above every version that one had given then, if it is ahead.
     */
    public void observe(long peerNow) {
        long ahead = peerNow + 1 - wallMicros.getAsLong();
        lead.accumulateAndGet(ahead, Math::max);
    }

    /** How far ahead of this node's wall clock the fastest clock heard of is, in microseconds (0 if none is ahead). */
    public long leadMicros() {
        return lead.get();
    }

    private static long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }
}
