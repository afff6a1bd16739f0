package io.gridkeep.store.writebehind.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridkeep.store.VersionedBackend.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TopologyReplayTest {
    private final AtomicLong versions = new AtomicLong(100);

    private FakeGrid grid(int partitions, int perPartition) {
        FakeGrid g = new FakeGrid();
        for (int p = 0; p < partitions; p++) {
            for (int i = 0; i < perPartition; i++)
                g.put(p, p * 1000 + i, "v" + (p * 1000 + i));
        }
        return g;
    }

    private static List<Write<Integer, String>> drain(TopologyReplay<Integer, String> r, int batch) throws Exception {
        List<Write<Integer, String>> all = new ArrayList<>();
        while (r.owed()) {
            List<Write<Integer, String>> b = r.nextBatch(batch);
            all.addAll(b);
            r.written();
        }
        return all;
    }

    @Test
    void noReplayIsOwedUntilAServerLeaves() throws Exception {
        TopologyReplay<Integer, String> r = new TopologyReplay<>(grid(2, 3), new OwedUpdates());
        assertThat(r.owed()).isFalse();
        assertThat(r.nextBatch(10)).isEmpty();
    }

    @Test
    void aReplayWritesEveryEntryOfThePrimaryPartitionsInBatchesAtOneVersion() throws Exception {
        TopologyReplay<Integer, String> r = new TopologyReplay<>(grid(3, 7), new OwedUpdates());
        r.request(5, versions.incrementAndGet());
        List<Write<Integer, String>> all = drain(r, 4);
        assertThat(all).hasSize(21);
        assertThat(all).extracting(Write::version).containsOnly(101L);
        assertThat(r.owed()).isFalse();
    }

    @Test
    void aReplayWhoseExchangeIsNotDoneWaitsWithoutBlockingAndThenWritesEverything() throws Exception {
        FakeGrid g = grid(2, 5);
        g.exchangeDone = false;
        TopologyReplay<Integer, String> r = new TopologyReplay<>(g, new OwedUpdates());
        r.request(5, versions.incrementAndGet());
        assertThat(r.canStep()).isFalse();
        assertThat(r.nextBatch(4)).isEmpty();
        assertThat(r.owed()).as("still owed while the exchange runs").isTrue();

        g.exchangeDone = true;

        assertThat(r.canStep()).isTrue();
        assertThat(drain(r, 4)).hasSize(10);
        assertThat(r.owed()).isFalse();
    }

    @Test
    void aReplayAfterARestartFromPersistenceSaysSoInItsProgress() throws Exception {
        TopologyReplay<Integer, String> r = new TopologyReplay<>(grid(1, 3), new OwedUpdates());
        r.request(1, versions.incrementAndGet(), TopologyReplay.Cause.RESTART_FROM_PERSISTENCE);
        r.nextBatch(10);
        assertThat(r.progress().cause()).isEqualTo(TopologyReplay.Cause.RESTART_FROM_PERSISTENCE);
        assertThat(r.written()).extracting(TopologyReplay.Progress::entries).isEqualTo(3L);
    }

    @Test
    void aBatchNotYetWrittenIsGivenAgainUntilTheBackendTookIt() throws Exception {
        TopologyReplay<Integer, String> r = new TopologyReplay<>(grid(1, 10), new OwedUpdates());
        r.request(5, versions.incrementAndGet());
        List<Write<Integer, String>> first = r.nextBatch(4);
        // The backend failed: the flusher asks again and must get the very same entries.
        assertThat(r.nextBatch(4)).isSameAs(first);
        r.written();
        assertThat(r.nextBatch(4)).hasSize(4).doesNotContainAnyElementsOf(first);
    }

    @Test
    void aReplayLargerThanAnyBatchHoldsOneBatchAtATime() throws Exception {
        FakeGrid g = grid(4, 5000);
        TopologyReplay<Integer, String> r = new TopologyReplay<>(g, new OwedUpdates());
        r.request(5, versions.incrementAndGet());
        int batches = 0;
        long entries = 0;
        while (r.owed()) {
            List<Write<Integer, String>> b = r.nextBatch(500);
            assertThat(b.size()).isLessThanOrEqualTo(500);
            assertThat(g.openScans.get()).isLessThanOrEqualTo(1);
            entries += b.size();
            batches++;
            r.written();
        }
        assertThat(entries).isEqualTo(20_000);
        assertThat(batches).isEqualTo(40);
        assertThat(g.openScans.get()).isZero();
    }

    @Test
    void aTopologyChangeDuringAReplayStartsItOverForTheNewAssignment() throws Exception {
        FakeGrid g = grid(2, 10);
        TopologyReplay<Integer, String> r = new TopologyReplay<>(g, new OwedUpdates());
        r.request(5, versions.incrementAndGet());
        r.nextBatch(4);
        r.written();
        r.request(6, versions.incrementAndGet());
        List<Write<Integer, String>> rest = drain(r, 4);
        assertThat(rest).hasSize(20);
        assertThat(rest).extracting(Write::version).containsOnly(102L);
        assertThat(r.progress().topologyVersion()).isEqualTo(6);
        assertThat(g.openScans.get()).isZero();
    }

    @Test
    void aScanThatFailsStartsTheReplayOverAndLosesNothing() throws Exception {
        FakeGrid g = grid(2, 10);
        g.failAfterEntries = 13;
        TopologyReplay<Integer, String> r = new TopologyReplay<>(g, new OwedUpdates());
        r.request(5, versions.incrementAndGet());
        List<Write<Integer, String>> seen = new ArrayList<>(r.nextBatch(8));
        r.written();
        assertThatThrownBy(() -> r.nextBatch(8)).hasMessageContaining("scan failed");
        assertThat(r.owed()).isTrue();
        assertThat(g.openScans.get()).isZero();
        g.failAfterEntries = -1;
        seen.addAll(drain(r, 8));
        assertThat(seen).extracting(Write::key).containsAll(g.partitions.get(0).keySet().stream().map(k -> (Integer)k).toList())
            .containsAll(g.partitions.get(1).keySet().stream().map(k -> (Integer)k).toList());
    }

    @Test
    void anExchangeThatFailsLeavesTheReplayOwed() throws Exception {
        FakeGrid g = grid(1, 3);
        g.exchangeFails = true;
        TopologyReplay<Integer, String> r = new TopologyReplay<>(g, new OwedUpdates());
        r.request(5, versions.incrementAndGet());
        assertThatThrownBy(() -> r.nextBatch(8)).hasMessageContaining("exchange failed");
        assertThat(r.owed()).isTrue();
        g.exchangeFails = false;
        assertThat(drain(r, 8)).hasSize(3);
    }

    @Test
    void anAbandonedReplayIsNoLongerOwed() throws Exception {
        TopologyReplay<Integer, String> r = new TopologyReplay<>(grid(2, 10), new OwedUpdates());
        r.request(5, versions.incrementAndGet());
        r.nextBatch(4);
        r.abandon();
        assertThat(r.owed()).isFalse();
        r.request(7, versions.incrementAndGet());
        assertThat(r.owed()).isTrue();
    }

    @Test
    void theLastBatchReportsTheFiguresOfTheFinishedReplay() throws Exception {
        TopologyReplay<Integer, String> r = new TopologyReplay<>(grid(3, 2), new OwedUpdates());
        r.request(9, versions.incrementAndGet());
        TopologyReplay.Progress done = null;
        while (r.owed()) {
            r.nextBatch(4);
            TopologyReplay.Progress p = r.written();
            if (p != null)
                done = p;
        }
        assertThat(done).isEqualTo(new TopologyReplay.Progress(9, TopologyReplay.Cause.SERVER_LEFT, 3, 3, 6));
    }

    @Test
    void aLateRequestForAnOlderTopologyDoesNotReplaceTheNewerOne() throws Exception {
        TopologyReplay<Integer, String> r = new TopologyReplay<>(grid(1, 2), new OwedUpdates());
        r.request(8, 500);
        r.request(7, 400);
        List<Write<Integer, String>> all = drain(r, 10);
        assertThat(all).extracting(Write::version).containsOnly(500L);
        assertThat(r.owed()).isFalse();
    }

    @Test
    void aPartitionWhoseSetIsCompleteReplaysOnlyItsOwedKeysAndWritesADeleteForAKeyTheGridNoLongerHolds() throws Exception {
        FakeGrid g = grid(2, 100);
        OwedUpdates owed = new OwedUpdates();
        owed.record(0, 7, 41);
        owed.record(0, 123_456, 42);
        owed.markComplete(0);
        TopologyReplay<Integer, String> r = new TopologyReplay<>(g, owed);
        r.request(5, versions.incrementAndGet());
        List<Write<Integer, String>> batch = r.nextBatch(1000);
        assertThat(r.heldKeys()).extracting(OwedKey::counter).containsExactlyInAnyOrder(41L, 42L);
        TopologyReplay.Progress done = r.written();
        // Partition 1 has no complete set: all 100 of its entries; partition 0: its two owed keys only.
        assertThat(batch).hasSize(102);
        assertThat(batch).filteredOn(w -> w.key() == 7).extracting(Write::value).containsExactly("v7");
        assertThat(batch).filteredOn(w -> w.key() == 123_456).extracting(Write::value).containsOnlyNulls();
        assertThat(done.wholePartitions()).isEqualTo(1);
    }

    @Test
    void aPartitionReplayedWholeHasACompleteSetOnceItsLastBatchIsWritten() throws Exception {
        OwedUpdates owed = new OwedUpdates();
        TopologyReplay<Integer, String> r = new TopologyReplay<>(grid(1, 10), owed);
        r.request(5, versions.incrementAndGet());
        r.nextBatch(100);
        assertThat(owed.complete(0)).as("before the backend took the batch").isFalse();
        r.written();
        assertThat(owed.complete(0)).isTrue();
    }
}
