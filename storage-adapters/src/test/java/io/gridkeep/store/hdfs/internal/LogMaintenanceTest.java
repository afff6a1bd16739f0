package io.gridkeep.store.hdfs.internal;

import static io.gridkeep.store.hdfs.internal.LocalLogDir.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.gridkeep.store.VersionedBackend.Write;
import io.gridkeep.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.apache.ignite.logger.NullLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rolling and compacting the log in the background, on Hadoop's local file system. */
class LogMaintenanceTest {
    @TempDir
    Path tmp;

    LocalStore store;
    OpenSegments segments;
    LogMaintenance maintenance;

    /** A node that is primary for the partitions {@code primary} accepts, in a cluster where the nodes {@code alive} accepts are. */
    private static CacheTopology node(IntPredicate primary, Predicate<UUID> alive) {
        return new CacheTopology() {
            @Override
            public Predicate<Object> ownKeys() {
                return k -> true;
            }

            @Override
            public IntPredicate primaryPartitions() {
                return primary;
            }

            @Override
            public boolean alive(UUID node) {
                return alive.test(node);
            }
        };
    }

    private void open(int partitions, long segmentMaxAgeMillis, CacheTopology topology) {
        store = new LocalStore(tmp, partitions, 1 << 20, segmentMaxAgeMillis);
        segments = store.segments();
        maintenance = new LogMaintenance(store.s, LocalStore.CACHE, store.dir, segments, topology, store.counters, new NullLogger(),
            store.fail);
    }

    private boolean closed(int p) {
        try {
            List<String> names = store.names(p);
            return !names.isEmpty() && names.stream().allMatch(n -> n.endsWith(".log"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void close() {
        if (maintenance != null)
            maintenance.stop();
        if (segments != null)
            segments.close();
        if (store != null)
            store.close();
    }

    @Test
    void theThreadRollsASegmentPastItsAgeThatNoWriteCameToRoll() throws Exception {
        open(1, 1000, node(p -> false, id -> true));
        segments.write(new BatchEncoder<String, String>(1, () -> store.codec).encode(List.of(new Write<>("a", "1", 1L))), 1);

        maintenance.start();

        Await.until(() -> closed(0), Duration.ofSeconds(20), "the segment rolled");
        assertThat(store.counters.segmentsRolled().sum()).isEqualTo(1);
    }

    @Test
    void onlyThePartitionsThisNodeIsPrimaryForAreCompacted() throws Exception {
        open(2, 60_000, node(p -> p == 1, id -> true));
        for (int p = 0; p < 2; p++) {
            store.closedSegment(p, "w0", 0, put("a", "1", 1));
            store.closedSegment(p, "w0", 1, put("a", "2", 2));
        }

        maintenance.runOnce();

        assertThat(store.names(0)).hasSize(2).allSatisfy(n -> assertThat(n).endsWith(".log"));
        assertThat(store.names(1)).singleElement().satisfies(n -> assertThat(n).endsWith(".dat"));
        assertThat(store.state(1)).containsExactly(entry("a", "2@2"));
        assertThat(store.counters.compactions().sum()).isEqualTo(1);
    }

    @Test
    void anOpenSegmentIsCompactedOnceItsNodeLeftAndNotWhileItIsInTheCluster() throws Exception {
        UUID live = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        open(1, 60_000, node(p -> true, live::equals));
        store.closedSegment(0, "w0", 0, put("a", "1", 1));
        String liveSegment = LogFiles.segment(store.dir.partition(0), LocalLogDir.CREATED, live.toString(), 0).getName();
        store.write(0, liveSegment, LocalLogDir.content(put("b", "1", 1)));
        store.write(0, LogFiles.segment(store.dir.partition(0), LocalLogDir.CREATED, gone.toString(), 0).getName(),
            LocalLogDir.content(put("c", "1", 1)));

        maintenance.runOnce();

        assertThat(store.names(0)).hasSize(2).contains(liveSegment).anySatisfy(n -> assertThat(n).endsWith(".dat"));
        assertThat(store.state(0)).containsOnlyKeys("a", "b", "c");
    }

    @Test
    void aTornFileThatCompactionKeepsIsCountedOnceHoweverOftenItIsKept() throws Exception {
        open(1, 60_000, node(p -> true, id -> true));
        byte[] two = LocalLogDir.content(put("a", "1", 1), put("b", "2", 2));
        store.write(0, LogFiles.closed(LogFiles.segment(store.dir.partition(0), LocalLogDir.CREATED, "w0", 0)).getName(),
            Arrays.copyOf(two, two.length - 3));
        store.closedSegment(0, "w0", 1, put("c", "3", 3));
        maintenance.runOnce();
        store.closedSegment(0, "w0", 2, put("d", "4", 4));

        maintenance.runOnce();

        assertThat(store.counters.compactions().sum()).as("two compactions, each keeping the torn file").isEqualTo(2);
        assertThat(store.counters.tornKept().sum()).isEqualTo(1);
    }

    @Test
    void aFailedRoundIsCountedAndTheNextRoundRunsAgain() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        open(1, 60_000, node(p -> {
            if (asked.incrementAndGet() == 1)
                throw new IllegalStateException("no affinity yet");
            return true;
        }, id -> true));
        store.closedSegment(0, "w0", 0, put("a", "1", 1));
        store.closedSegment(0, "w0", 1, put("a", "2", 2));

        maintenance.start();

        Await.until(() -> store.counters.compactions().sum() == 1, Duration.ofSeconds(20), "a compaction after the failed round");
        assertThat(store.counters.failures().sum()).isEqualTo(1);
        assertThat(store.failures).containsExactly("cannot compact: no affinity yet");
    }

    @Test
    void stoppingEndsTheThread() throws Exception {
        open(1, 60_000, node(p -> true, id -> true));
        maintenance.start();

        maintenance.stop();

        Thread[] all = new Thread[Thread.activeCount() * 2];
        int n = Thread.enumerate(all);
        assertThat(Arrays.asList(all).subList(0, n)).noneMatch(t -> t.getName().equals("gridkeep-hdfs-maintenance-" + LocalStore.CACHE));
    }
}
