package io.gridkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AwaitTest {
    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Test
    void untilReturnsOnceTheConditionHoldsCheckingItInTheCallingThread() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        AtomicReference<Thread> checkedIn = new AtomicReference<>();
        Await.until(() -> {
            checkedIn.set(Thread.currentThread());
            return checks.incrementAndGet() == 3;
        }, Duration.ofSeconds(10), "the third check");
        assertThat(checks.get()).isEqualTo(3);
        assertThat(checkedIn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void aConditionTrueAtOnceIsCheckedOnceWithoutWaiting() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        long t0 = System.nanoTime();
        Await.until(() -> checks.incrementAndGet() > 0, Duration.ofSeconds(10), "anything");
        assertThat(checks.get()).isEqualTo(1);
        assertThat(since(t0)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void untilFailsAfterTheTimeoutNamingWhatNeverHappened() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Await.until(() -> false, Duration.ofMillis(300), "the flush"))
            .isInstanceOf(AssertionError.class).hasMessage("timed out after 300 ms waiting for the flush");
        assertThat(since(t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void untilWithAProbeReturnsTheValueThatSatisfiedIt() {
        AtomicInteger n = new AtomicInteger();
        List<Integer> v = Await.until(() -> List.of(n.incrementAndGet()), l -> l.get(0) >= 4, Duration.ofSeconds(10), "four");
        assertThat(v).containsExactly(4);
    }

    @Test
    void untilWithAProbeFailsWithTheLastValueSeen() {
        AtomicInteger n = new AtomicInteger();
        assertThatThrownBy(() -> Await.until(() -> "seen " + n.incrementAndGet(), s -> false, Duration.ofSeconds(1), "a document"))
            .isInstanceOf(AssertionError.class)
            .hasMessageStartingWith("timed out after 1 s waiting for a document; last: seen ")
            .hasMessageEndingWith("seen " + n.get());
    }

    @Test
    void anExceptionOfTheConditionFailsTheWaitAtOnce() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Await.until(() -> {
            throw new IllegalStateException("cannot read the metric");
        }, Duration.ofSeconds(30), "the metric"))
            .hasStackTraceContaining("cannot read the metric");
        assertThat(since(t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void everyPollsAtTheGivenInterval() {
        AtomicInteger checks = new AtomicInteger();
        Await.Poller slow = Await.every(Duration.ofMillis(400));
        assertThatThrownBy(() -> slow.until(() -> checks.incrementAndGet() < 0, Duration.ofMillis(1000), "x"))
            .isInstanceOf(AssertionError.class);
        // At 0, 400 and 800 ms, perhaps once more at the deadline: not the ten a 100 ms interval makes.
        assertThat(checks.get()).isBetween(2, 4);
    }

    @Test
    void holdsReturnsAfterTheConditionStayedTrueForTheWholeDuration() {
        AtomicInteger checks = new AtomicInteger();
        long t0 = System.nanoTime();
        Await.holds(() -> checks.incrementAndGet() > 0, Duration.ofMillis(700), "nothing written");
        assertThat(since(t0)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(checks.get()).isGreaterThan(3);
    }

    @Test
    void holdsFailsAsSoonAsTheConditionBreaks() {
        long t0 = System.nanoTime();
        long breakAt = t0 + Duration.ofMillis(300).toNanos();
        assertThatThrownBy(() -> Await.holds(() -> System.nanoTime() < breakAt, Duration.ofSeconds(20), "the writer blocked"))
            .isInstanceOf(AssertionError.class)
            .hasMessageStartingWith("no longer true after ").hasMessageEndingWith(" ms of 20 s: the writer blocked");
        assertThat(since(t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void holdsFailsAtOnceWhenTheConditionIsFalseFromTheStart() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Await.holds(() -> false, Duration.ofSeconds(20), "quiet"))
            .isInstanceOf(AssertionError.class).hasMessageEndingWith(": quiet");
        assertThat(since(t0)).isLessThan(Duration.ofSeconds(2));
    }
}
