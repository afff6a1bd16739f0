package io.gridkeep.store.writebehind.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.store.VersionedBackend.Write;
import io.gridkeep.testkit.Await;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PendingWritesTest {
    private static final Set<Write<Integer, String>> NONE = Set.of();

    @Test
    void aNewerUpdateOfAWaitingKeyReplacesItAndTakesNoRoom() {
        PendingWrites<Integer, String> p = new PendingWrites<>(1);
        p.offer(new Write<>(1, "a", 10));
        p.offer(new Write<>(1, "b", 11));
        assertThat(p.size()).isEqualTo(1);
        assertThat(p.batch(10, NONE)).containsExactly(new Write<>(1, "b", 11));
    }

    @Test
    void anOlderUpdateThanTheWaitingOneIsIgnored() {
        PendingWrites<Integer, String> p = new PendingWrites<>(10);
        p.offer(new Write<>(1, "new", 20));
        p.offer(new Write<>(1, "old", 5));
        assertThat(p.batch(10, NONE)).containsExactly(new Write<>(1, "new", 20));
    }

    @Test
    void aWrittenUpdateLeavesButANewerOneThatReplacedItMeanwhileStays() {
        PendingWrites<Integer, String> p = new PendingWrites<>(10);
        Write<Integer, String> first = new Write<>(1, "a", 1);
        p.offer(first);
        p.offer(new Write<>(2, "x", 2));
        List<Write<Integer, String>> batch = p.batch(10, NONE);
        p.offer(new Write<>(1, "b", 3));
        batch.forEach(p::written);
        assertThat(p.batch(10, NONE)).containsExactly(new Write<>(1, "b", 3));
    }

    @Test
    void aBatchSkipsWritesInFlightAndStopsAtItsSize() {
        PendingWrites<Integer, String> p = new PendingWrites<>(10);
        for (int k = 0; k < 5; k++)
            p.offer(new Write<>(k, "v" + k, k));
        Set<Write<Integer, String>> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());
        inFlight.addAll(p.batch(3, NONE));
        assertThat(inFlight).hasSize(3);
        List<Write<Integer, String>> rest = p.batch(3, inFlight);
        assertThat(rest).hasSize(2).doesNotContainAnyElementsOf(inFlight);
    }

    @Test
    void aWriterOfANewKeyPastMaxPendingWaitsUntilAWriteMakesRoom() throws Exception {
        PendingWrites<Integer, String> p = new PendingWrites<>(2);
        p.offer(new Write<>(1, "a", 1));
        p.offer(new Write<>(2, "b", 2));
        AtomicBoolean accepted = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            p.offer(new Write<>(3, "c", 3));
            accepted.set(true);
        });
        writer.start();
        Await.until(() -> p.waitingWriters() == 1, Duration.ofSeconds(10), "the writer of key 3 waiting for room");
        assertThat(accepted).isFalse();
        // An update of a waiting key needs no room, even now.
        p.offer(new Write<>(1, "a2", 4));

        p.batch(1, NONE).forEach(p::written);

        writer.join(10_000);
        assertThat(accepted).isTrue();
        assertThat(p.size()).isEqualTo(2);
    }

    @Test
    void theOldestUpdateIsDatedToTheLastFlushAndNothingWhenEmpty() {
        PendingWrites<Integer, String> p = new PendingWrites<>(10);
        assertThat(p.oldestSince()).isZero();
        long before = System.currentTimeMillis();
        p.offer(new Write<>(1, "a", 1));
        assertThat(p.oldestSince()).isBetween(before, System.currentTimeMillis());
        p.flushed(12345);
        assertThat(p.oldestSince()).isEqualTo(12345);
        p.batch(10, NONE).forEach(p::written);
        p.flushed(99999);
        assertThat(p.oldestSince()).isZero();
    }

    @Test
    void aWrittenUpdateGivesBackThePartitionAndCounterIgniteGaveIt() {
        PendingWrites<Integer, String> p = new PendingWrites<>(10);
        Write<Integer, String> w = new Write<>(1, "a", 100);
        p.offer(w);
        p.count(1, 7, 33);
        assertThat(p.written(w)).isEqualTo(new PendingWrites.Counted(7, 33));
    }

    @Test
    void aCounterIsNeverTakenForANewerWriteOfTheSameKey() {
        PendingWrites<Integer, String> p = new PendingWrites<>(10);
        Write<Integer, String> first = new Write<>(1, "a", 100);
        p.offer(first);
        p.count(1, 7, 33);
        Write<Integer, String> second = new Write<>(1, "b", 101);
        p.offer(second);
        assertThat(p.written(second)).as("the second update was not counted yet").isNull();
        assertThat(p.written(first)).as("replaced before it was written").isNull();
    }

    @Test
    void anUpdateNumberedOnlyAfterItsWriteReachedTheBackendIsReportedWritten() {
        PendingWrites<Integer, String> p = new PendingWrites<>(10);
        Write<Integer, String> w = new Write<>(1, "a", 100);
        p.offer(w);
        assertThat(p.written(w)).isNull();
        assertThat(p.count(1, 7, 33)).isEqualTo(new PendingWrites.Counted(7, 33));
        assertThat(p.count(1, 7, 34)).as("a backup's numbering, with no write of its own").isNull();
    }
}
