package io.gridkeep.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VersionClockTest {
    /** A wall clock the test sets, in microseconds since the epoch. */
    private final AtomicLong wall = new AtomicLong(1_700_000_000_000_000L);

    private final VersionClock clock = new VersionClock(wall::get);

    @Test
    void versionsAreTheWallClockInMicrosecondsWhileItMovesForward() {
        assertThat(clock.next()).isEqualTo(1_700_000_000_000_000L);
        wall.addAndGet(250);
        assertThat(clock.next()).isEqualTo(1_700_000_000_000_250L);
    }

    @Test
    void versionsGrowEvenWhenTheWallClockStandsStill() {
        long first = clock.next();
        assertThat(clock.next()).isEqualTo(first + 1);
        assertThat(clock.next()).isEqualTo(first + 2);
    }

    @Test
    void versionsGrowEvenWhenTheWallClockStepsBack() {
        long before = clock.next();
        // An NTP correction of a whole second backwards.
        wall.addAndGet(-1_000_000);
        assertThat(clock.next()).isEqualTo(before + 1);
        assertThat(clock.next()).isEqualTo(before + 2);
    }

    @Test
    void afterAStepBackVersionsFollowTheWallClockAgainOnceItHasCaughtUp() {
        long before = clock.next();
        wall.addAndGet(-1_000_000);
        clock.next();
        wall.set(before + 5_000);
        assertThat(clock.next()).isEqualTo(before + 5_000);
    }

    @Test
    void theWallClockIsMicrosecondsSinceTheEpoch() {
        long beforeMicros = System.currentTimeMillis() * 1000;
        long v = new VersionClock().next();
        long afterMicros = (System.currentTimeMillis() + 1) * 1000;
        // So that versions keep growing across restarts, and a key written by another process with
        // Cassandra's own microsecond timestamps orders against them.
        assertThat(v).isBetween(beforeMicros, afterMicros);
    }

    @Test
    void versionsAreUniqueAndGrowOnEveryThreadWhenManyThreadsAskAtOnce() throws Exception {
        int threads = 8;
        int perThread = 20_000;
        // The wall clock stands still, so every version after the first comes from the "one more" rule, under contention.
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<long[]> task = () -> {
                    go.await();
                    long[] got = new long[perThread];
                    for (int i = 0; i < perThread; i++)
                        got[i] = clock.next();
                    return got;
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            Set<Long> all = new HashSet<>();
            for (Future<long[]> f : futures) {
                long[] got = f.get(60, TimeUnit.SECONDS);
                for (int i = 1; i < got.length; i++)
                    assertThat(got[i]).as("version %d of a thread", i).isGreaterThan(got[i - 1]);
                for (long v : got)
                    all.add(v);
            }
            assertThat(all).hasSize(threads * perThread);
            long start = wall.get();
            assertThat(all).allSatisfy(v -> assertThat(v).isBetween(start, start + threads * perThread - 1L));
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClockThatHearsOfAFasterOneVersionsAtLeastAtThatOnesTime() {
        VersionClock ahead = new VersionClock(() -> wall.get() + 5_000_000);
        long v = ahead.next();
        clock.observe(ahead.now());
        assertThat(clock.next()).isGreaterThan(v);
        assertThat(clock.leadMicros()).isEqualTo(5_000_001);
    }

    @Test
    void theLeadOfAFasterClockStaysAfterItIsNoLongerHeard() {
        clock.observe(wall.get() + 3_000_000);
        wall.addAndGet(10_000_000);
        assertThat(clock.next()).isEqualTo(wall.get() + 3_000_001);
    }

    @Test
    void aSlowerClockHeardOfChangesNothing() {
        long before = clock.next();
        clock.observe(wall.get() - 5_000_000);
        assertThat(clock.leadMicros()).isZero();
        assertThat(clock.next()).isEqualTo(before + 1);
    }

    @Test
    void nowIsAtLeastEveryVersionGivenAndGivesNoneItself() {
        long v = clock.next();
        clock.next();
        long n = clock.now();
        assertThat(n).isGreaterThanOrEqualTo(v + 1);
        assertThat(clock.now()).isEqualTo(n);
    }
}
