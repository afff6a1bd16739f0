package io.gridkeep.store.hdfs.internal;

import static io.gridkeep.store.hdfs.internal.LocalLogDir.CREATED;
import static io.gridkeep.store.hdfs.internal.LocalLogDir.put;
import static io.gridkeep.store.hdfs.internal.LocalLogDir.tombstone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compacting one partition of the log on Hadoop's local file system. */
class CompactorTest {
    /** No {@code .open} segment is taken as abandoned. */
    private static final Predicate<String> NONE_ABANDONED = AbandonedSegments.none();
    /** Segments without a node id in their name (earlier versions) created before {@code CREATED} are abandoned; every node is alive. */
    private static final Predicate<String> LEGACY_BEFORE_CREATED = AbandonedSegments.whoseWriterLeft(id -> true, CREATED);
    /** No tombstone has passed its grace. */
    private static final long KEEP_TOMBSTONES = 0;

    @TempDir
    java.nio.file.Path tmp;

    LocalLogDir dir;

    @BeforeEach
    void open() throws IOException {
        dir = new LocalLogDir(tmp);
    }

    @AfterEach
    void close() throws IOException {
        dir.close();
    }

    @Test
    void fewerClosedSegmentsThanMinSegmentsAreLeftAsTheyAre() throws IOException {
        dir.closedSegment("w1", 0, put("a", "1", 1));
        dir.closedSegment("w1", 1, put("a", "2", 2));
        List<String> before = dir.names();

        assertThat(Compactor.compact(dir.fs, dir.part, 3, NONE_ABANDONED, KEEP_TOMBSTONES)).isNull();
        assertThat(dir.names()).isEqualTo(before);
    }

    @Test
    void basesDoNotCountTowardsMinSegments() throws IOException {
        dir.closedSegment("w1", 0, put("a", "1", 1));
        dir.base("b1", put("a", "0", 0));
        dir.base("b2", put("b", "0", 0));

        assertThat(Compactor.compact(dir.fs, dir.part, 2, NONE_ABANDONED, KEEP_TOMBSTONES)).isNull();
        assertThat(dir.names()).hasSize(3);
    }

    @Test
    void closedSegmentsAndBasesBecomeOneBaseWithTheLatestRecordOfEachKey() throws IOException {
        dir.base("b1", put("a", "a1", 1), put("b", "b1", 1));
        dir.closedSegment("w1", 0, put("a", "a5", 5), put("c", "c3", 3));
        dir.closedSegment("w2", 0, put("b", "b7", 7), put("a", "a4", 4));
        Map<String, String> before = dir.state();

        Compactor.Result r = Compactor.compact(dir.fs, dir.part, 2, NONE_ABANDONED, KEEP_TOMBSTONES);

        assertThat(r.inputs()).isEqualTo(3);
        assertThat(r.recordsIn()).isEqualTo(6);
        assertThat(r.recordsOut()).isEqualTo(3);
        assertThat(r.base().getName()).matches("base-\\d+-[0-9a-f]{8}\\.dat");
        // Its inputs are gone and no temporary file is left: the base alone holds the partition.
        assertThat(dir.names()).containsExactly(r.base().getName());
        assertThat(dir.state()).isEqualTo(before).containsExactly(entry("a", "a5@5"), entry("b", "b7@7"), entry("c", "c3@3"));
    }

    @Test
    void openSegmentsOfLiveWritersAreNeitherReadNorRemoved() throws IOException {
        dir.closedSegment("w1", 0, put("a", "a1", 1));
        dir.closedSegment("w1", 1, put("a", "a2", 2));
        Path live = dir.openSegment(CREATED + 60_000, "w2", put("a", "a9", 9), put("b", "b9", 9));

        Compactor.Result r = Compactor.compact(dir.fs, dir.part, 2, LEGACY_BEFORE_CREATED, KEEP_TOMBSTONES);

        assertThat(r.inputs()).isEqualTo(2);
        assertThat(r.recordsOut()).isEqualTo(1);
        assertThat(dir.names()).containsExactlyInAnyOrder(r.base().getName(), live.getName());
        assertThat(dir.state()).containsExactly(entry("a", "a9@9"), entry("b", "b9@9"));
    }

    @Test
    void openSegmentsOlderThanAnyLiveWriterKeepsAreCompactedAsAbandoned() throws IOException {
        dir.closedSegment("w1", 0, put("a", "a1", 1));
        // Left .open by a writer that died; it counts towards minSegments like a closed one.
        dir.openSegment(CREATED - 1, "dead", put("a", "a2", 2), put("b", "b2", 2));

        Compactor.Result r = Compactor.compact(dir.fs, dir.part, 2, LEGACY_BEFORE_CREATED, KEEP_TOMBSTONES);

        assertThat(r.inputs()).isEqualTo(2);
        assertThat(dir.names()).containsExactly(r.base().getName());
        assertThat(dir.state()).containsExactly(entry("a", "a2@2"), entry("b", "b2@2"));
    }

    @Test
    void tombstonesPastTheirGraceAreDroppedWithTheValuesTheyHidAndYoungerOnesAreKept() throws IOException {
        dir.closedSegment("w1", 0, put("old", "v", 50), put("young", "v", 50), put("kept", "v", 100));
        dir.closedSegment("w1", 1, tombstone("old", 100), tombstone("young", 150));

        Compactor.Result r = Compactor.compact(dir.fs, dir.part, 2, NONE_ABANDONED, 150);

        assertThat(r.recordsOut()).isEqualTo(2);
        // "young" keeps its tombstone: a late write older than the delete must still lose to it.
        assertThat(dir.state()).containsExactly(entry("kept", "v@100"), entry("young", "<deleted>@150"));
    }

    @Test
    void aFailedRenameRemovesTheTemporaryBaseAndKeepsTheInputs() throws IOException {
        dir.closedSegment("w1", 0, put("a", "1", 1));
        dir.closedSegment("w1", 1, put("b", "2", 2));
        List<String> before = dir.names();
        FilterFileSystem noRename = new FilterFileSystem(dir.fs) {
            @Override
            public boolean rename(Path src, Path dst) {
                return false;
            }
        };

        assertThatThrownBy(() -> Compactor.compact(noRename, dir.part, 2, NONE_ABANDONED, KEEP_TOMBSTONES))
            .isInstanceOf(IOException.class).hasMessageStartingWith("cannot rename");
        assertThat(dir.names()).isEqualTo(before);
    }

    @Test
    void aFailureWritingTheBaseRemovesItsTemporaryFileAndKeepsTheInputs() throws IOException {
        dir.closedSegment("w1", 0, put("a", "1", 1));
        dir.closedSegment("w1", 1, put("b", "2", 2));
        List<String> before = dir.names();
        FilterFileSystem failing = new FilterFileSystem(dir.fs) {
            @Override
            public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize, short replication,
                                             long blockSize, Progressable progress) throws IOException {
                // The file is there (as HDFS leaves it) when the write fails.
                super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress).close();
                throw new IOException("no DataNode to write to");
            }
        };

        assertThatThrownBy(() -> Compactor.compact(failing, dir.part, 2, NONE_ABANDONED, KEEP_TOMBSTONES))
            .hasMessage("no DataNode to write to");
        assertThat(dir.names()).isEqualTo(before);
    }

    @Test
    void aCompactionThatFindsItsInputCompactedByAnotherNodeGivesUpLeavingTheOtherOnesBase() throws IOException {
        dir.closedSegment("w1", 0, put("a", "1", 1));
        dir.closedSegment("w1", 1, put("b", "2", 2));
        Map<String, String> before = dir.state();
        AtomicBoolean otherRan = new AtomicBoolean();
        FilterFileSystem racing = new FilterFileSystem(dir.fs) {
            @Override
            public FSDataInputStream open(Path p, int bufferSize) throws IOException {
                // Another node compacts the partition between this one's listing and its reading.
                if (otherRan.compareAndSet(false, true))
                    assertThat(Compactor.compact(dir.fs, dir.part, 2, NONE_ABANDONED, KEEP_TOMBSTONES)).isNotNull();
                return super.open(p, bufferSize);
            }
        };

        assertThat(Compactor.compact(racing, dir.part, 2, NONE_ABANDONED, KEEP_TOMBSTONES)).isNull();
        assertThat(dir.names()).singleElement().satisfies(n -> assertThat(n).endsWith(".dat"));
        assertThat(dir.state()).isEqualTo(before);
    }

    @Test
    void twoNodesCompactingTheSameInputsAtOnceLeaveTwoBasesThatMergeAwayByVersion() throws IOException {
        dir.closedSegment("w1", 0, put("a", "1", 1), put("a", "3", 3));
        dir.closedSegment("w1", 1, put("b", "2", 2));
        Map<String, String> before = dir.state();
        AtomicBoolean otherRan = new AtomicBoolean();
        FilterFileSystem racing = new FilterFileSystem(dir.fs) {
            @Override
            public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize, short replication,
                                             long blockSize, Progressable progress) throws IOException {
                // Both have read the same inputs; the other node finishes first.
                if (otherRan.compareAndSet(false, true))
                    assertThat(Compactor.compact(dir.fs, dir.part, 2, NONE_ABANDONED, KEEP_TOMBSTONES)).isNotNull();
                return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
            }
        };

        Compactor.Result r = Compactor.compact(racing, dir.part, 2, NONE_ABANDONED, KEEP_TOMBSTONES);

        assertThat(r).isNotNull();
        assertThat(dir.names()).hasSize(2).allSatisfy(n -> assertThat(n).endsWith(".dat")).contains(r.base().getName());
        assertThat(dir.state()).isEqualTo(before);
    }

    @Test
    void staleTemporaryBasesAreRemovedAndEverythingElseStays() throws IOException {
        long now = System.currentTimeMillis();
        Path stale = dir.temporaryBase(now - 3_600_000, "dead", put("a", "1", 1));
        Path fresh = dir.temporaryBase(now, "busy", put("a", "1", 1));
        Path oldSegment = dir.closedSegment("w1", 0, put("a", "1", 1));
        Path oldBase = dir.base("b1", put("a", "1", 1));
        for (Path p : List.of(stale, oldSegment, oldBase))
            dir.fs.setTimes(p, now - 3_600_000, -1);

        Compactor.removeStaleTemporaries(dir.fs, dir.part, now - 600_000);

        assertThat(dir.names()).containsExactlyInAnyOrder(fresh.getName(), oldSegment.getName(), oldBase.getName());
    }

    @Test
    void removingStaleTemporariesOfAPartitionWithoutADirectoryDoesNothing() throws IOException {
        Compactor.removeStaleTemporaries(dir.fs, dir.part, System.currentTimeMillis());
        assertThat(dir.fs.exists(dir.part)).isFalse();
    }

    @Test
    void aSegmentWithATornTailIsMergedAsFarAsItReadsAndKept() throws IOException {
        byte[] whole = LocalLogDir.content(put("a", "1", 1), put("b", "2", 2));
        byte[] withThird = LocalLogDir.content(put("a", "1", 1), put("b", "2", 2), put("c", "3", 3));
        // Closed, yet torn: a disk or a copy that cut it; what follows the tear must not be deleted with it.
        Path torn = dir.write(LogFiles.closed(LogFiles.segment(dir.part, CREATED, "w1", 0)), Arrays.copyOf(withThird,
            whole.length + 7));
        Path sound = dir.closedSegment("w2", 0, put("d", "4", 4));
        dir.closedSegment("w2", 1, put("e", "5", 5));

        Compactor.Result r = Compactor.compact(dir.fs, dir.part, 2, NONE_ABANDONED, KEEP_TOMBSTONES);

        assertThat(r.kept()).singleElement().satisfies(t -> {
            assertThat(t.file().getName()).isEqualTo(torn.getName());
            assertThat(t.offset()).isEqualTo(whole.length);
        });
        assertThat(dir.names()).contains(torn.getName()).doesNotContain(sound.getName());
        assertThat(dir.fs.getFileStatus(torn).getLen()).as("the torn file, untouched").isEqualTo(whole.length + 7);
        assertThat(dir.state()).containsOnlyKeys("a", "b", "d", "e");
    }

    @Test
    void aKeptTornSegmentIsKeptAgainByTheNextCompaction() throws IOException {
        byte[] withSecond = LocalLogDir.content(put("a", "1", 1), put("b", "2", 2));
        Path torn = dir.write(LogFiles.closed(LogFiles.segment(dir.part, CREATED, "w1", 0)),
            Arrays.copyOf(withSecond, withSecond.length - 3));
        dir.closedSegment("w2", 0, put("d", "4", 4));
        Compactor.compact(dir.fs, dir.part, 2, NONE_ABANDONED, KEEP_TOMBSTONES);
        dir.closedSegment("w2", 1, put("e", "5", 5));

        Compactor.Result second = Compactor.compact(dir.fs, dir.part, 2, NONE_ABANDONED, KEEP_TOMBSTONES);

        assertThat(second.kept()).extracting(t -> t.file().getName()).containsExactly(torn.getName());
        assertThat(dir.names()).contains(torn.getName());
        assertThat(dir.state()).containsOnlyKeys("a", "d", "e");
    }

    @Test
    void anOpenSegmentOfALiveNodeIsNeverAbandonedWhateverItsWritersClockSaid() throws IOException {
        UUID live = UUID.randomUUID();
        Predicate<String> byTopology = AbandonedSegments.whoseWriterLeft(live::equals, Long.MAX_VALUE);
        long now = System.currentTimeMillis();
        dir.closedSegment("w1", 0, put("a", "a1", 1));
        dir.closedSegment("w1", 1, put("a", "a2", 2));
        // Named by writers whose clocks run 5 minutes behind and ahead of the compacting node's.
        Path behind = dir.openSegment(now - 5 * 60_000, live.toString(), put("b", "b1", 1));
        Path ahead = dir.openSegment(now + 5 * 60_000, live.toString(), put("c", "c1", 1));

        Compactor.Result r = Compactor.compact(dir.fs, dir.part, 2, byTopology, KEEP_TOMBSTONES);

        assertThat(r.inputs()).isEqualTo(2);
        assertThat(dir.names()).containsExactlyInAnyOrder(r.base().getName(), behind.getName(), ahead.getName());
    }

    @Test
    void anOpenSegmentWhoseNodeLeftIsCompactedEvenWhenItsNameIsDatedInTheFuture() throws IOException {
        UUID gone = UUID.randomUUID();
        Predicate<String> byTopology = AbandonedSegments.whoseWriterLeft(id -> !id.equals(gone), 0);
        dir.closedSegment("w1", 0, put("a", "a1", 1));
        dir.openSegment(System.currentTimeMillis() + 5 * 60_000, gone.toString(), put("a", "a2", 2), put("b", "b2", 2));

        Compactor.Result r = Compactor.compact(dir.fs, dir.part, 2, byTopology, KEEP_TOMBSTONES);

        assertThat(r.inputs()).isEqualTo(2);
        assertThat(dir.names()).containsExactly(r.base().getName());
        assertThat(dir.state()).containsExactly(entry("a", "a2@2"), entry("b", "b2@2"));
    }
}
