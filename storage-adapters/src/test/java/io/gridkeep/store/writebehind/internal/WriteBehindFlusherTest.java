package io.gridkeep.store.writebehind.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.store.VersionedBackend.Write;
import io.gridkeep.testkit.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ignite.logger.NullLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteBehindFlusherTest {
    private final AtomicLong versions = new AtomicLong(1_000_000);
    private final FakeBackend backend = new FakeBackend();
    private final FakeGrid grid = new FakeGrid();
    private final List<String> states = new CopyOnWriteArrayList<>();
    private final List<TopologyReplay.Progress> finished = new CopyOnWriteArrayList<>();
    private PendingWrites<Integer, String> pending;
    private TopologyReplay<Integer, String> replay;
    private WriteBehindFlusher<Integer, String> flusher;
    private Thread thread;

    private void start(int maxPending, int flushSize, long intervalMillis) {
        pending = new PendingWrites<>(maxPending);
        replay = new TopologyReplay<>(grid, new OwedUpdates());
        flusher = new WriteBehindFlusher<>("c", pending, replay, backend, flushSize, intervalMillis, 10_000,
            new WriteBehindFlusher.Listener() {
                @Override
                public void backendState(boolean up, String why) {
                    String s = up ? "up" : "down: " + why;
                    if (states.isEmpty() || !states.get(states.size() - 1).equals(s))
                        states.add(s);
                }

                @Override
                public void replayFinished(TopologyReplay.Progress p) {
                    finished.add(p);
                }
            }, new NullLogger());
        thread = new Thread(flusher, "test-flusher");
        thread.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (thread != null) {
            flusher.stop();
            thread.interrupt();
            thread.join(20_000);
        }
    }

    private void put(int key, String value) {
        pending.offer(new Write<>(key, value, versions.incrementAndGet()));
    }

    @Test
    void aFullBatchIsWrittenAtOnceWithoutWaitingForTheInterval() throws Exception {
        start(1000, 10, 600_000);
        for (int k = 0; k < 10; k++)
            put(k, "v" + k);
        Await.until(() -> backend.rows.size() == 10, Duration.ofSeconds(10), "the full batch written");
        assertThat(pending.size()).isZero();
        assertThat(flusher.written()).isEqualTo(10);
    }

    @Test
    void fewerUpdatesThanABatchWaitForTheInterval() throws Exception {
        start(1000, 100, 300);
        put(1, "a");
        Await.until(() -> "a".equals(backend.value(1)), Duration.ofSeconds(10), "the update written after the interval");
    }

    @Test
    void aFailedFlushIsRetriedUntilTheBackendTakesEveryUpdate() throws Exception {
        backend.down = true;
        start(1000, 5, 50);
        for (int k = 0; k < 20; k++)
            put(k, "v" + k);
        Await.until(() -> flusher.failures() >= 2, Duration.ofSeconds(10), "two failed flushes");
        assertThat(pending.size()).isEqualTo(20);
        assertThat(states).containsExactly("down: backend down");

        backend.down = false;

        Await.until(() -> pending.isEmpty(), Duration.ofSeconds(30), "every update written after the backend came back");
        assertThat(backend.rows).hasSize(20);
        assertThat(states).containsExactly("down: backend down", "up");
    }

    @Test
    void aReplayLargerThanMaxPendingNeitherBlocksWritersNorLosesAnEntry() throws Exception {
        for (int p = 0; p < 10; p++) {
            for (int i = 0; i < 500; i++)
                grid.put(p, 100_000 + p * 1000 + i, "grid");
        }
        start(100, 50, 200);
        replay.request(3, versions.incrementAndGet());
        // Writers of new keys keep going during the replay: only their own updates take room.
        for (int k = 0; k < 1000; k++)
            put(k, "w" + k);
        Await.until(() -> finished.size() == 1, Duration.ofSeconds(60), "the replay of 5000 entries done");
        Await.until(() -> pending.isEmpty(), Duration.ofSeconds(30), "the writers' updates written");
        assertThat(finished.get(0).entries()).isEqualTo(5000);
        assertThat(flusher.replayed()).isEqualTo(5000);
        assertThat(backend.rows).hasSize(6000);
        assertThat(replay.owed()).isFalse();
    }

    @Test
    void pendingUpdatesAreWrittenWhileAReplayWaitsForItsExchange() throws Exception {
        // The exchange may wait for writers that wait for room: the flusher must free it meanwhile.
        for (int i = 0; i < 100; i++)
            grid.put(i % 4, 10_000 + i, "grid");
        grid.exchangeDone = false;
        start(20, 10, 50);
        replay.request(3, versions.incrementAndGet());
        for (int k = 0; k < 200; k++)
            put(k, "w" + k);
        Await.until(() -> pending.isEmpty(), Duration.ofSeconds(30), "200 updates through a room of 20, the replay not begun");
        assertThat(backend.rows).hasSize(200);
        assertThat(replay.owed()).isTrue();

        grid.exchangeDone = true;

        Await.until(() -> !replay.owed(), Duration.ofSeconds(30), "the replay done once its exchange is");
        assertThat(backend.rows).hasSize(300);
    }

    @Test
    void aReplayWhoseBackendFailsIsRetriedUntilItIsDone() throws Exception {
        for (int i = 0; i < 300; i++)
            grid.put(i % 3, i, "g" + i);
        backend.down = true;
        start(100, 50, 100);
        replay.request(4, versions.incrementAndGet());
        Await.until(() -> flusher.failures() >= 2, Duration.ofSeconds(10), "the replay failing twice");
        assertThat(replay.owed()).isTrue();

        backend.down = false;

        Await.until(() -> !replay.owed(), Duration.ofSeconds(30), "the replay done after the backend came back");
        assertThat(backend.rows).hasSize(300);
        assertThat(backend.value(299)).isEqualTo("g299");
    }

    @Test
    void aNewerUpdateWinsOverTheReplayWhicheverIsWrittenFirst() throws Exception {
        grid.put(0, 1, "old");
        start(100, 50, 100);
        replay.request(2, versions.incrementAndGet());
        put(1, "new");
        Await.until(() -> !replay.owed() && pending.isEmpty(), Duration.ofSeconds(10), "replay and update written");
        assertThat(backend.value(1)).isEqualTo("new");
    }

    @Test
    void stopWritesWhatWaitsBeforeTheThreadEnds() throws Exception {
        start(1000, 500, 600_000);
        for (int k = 0; k < 42; k++)
            put(k, "v" + k);
        flusher.stop();
        thread.interrupt();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(backend.rows).hasSize(42);
    }

    @Test
    void aStopWhileTheReplayCannotReadTheGridAbandonsItAndEnds() throws Exception {
        grid.put(0, 1, "a");
        grid.exchangeFails = true;
        start(100, 50, 100);
        replay.request(2, versions.incrementAndGet());
        Await.until(() -> flusher.failures() >= 1, Duration.ofSeconds(10), "the replay failing to read");
        flusher.stop();
        thread.interrupt();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(replay.owed()).isFalse();
    }
}
