package io.gridkeep.store.hdfs.internal;

import static io.gridkeep.store.hdfs.internal.LocalLogDir.CREATED;
import static io.gridkeep.store.hdfs.internal.LocalLogDir.content;
import static io.gridkeep.store.hdfs.internal.LocalLogDir.put;
import static io.gridkeep.store.hdfs.internal.LocalLogDir.tombstone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading one partition of the log on Hadoop's local file system. */
class PartitionStateTest {
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

    private static List<String> names(PartitionState s) {
        return s.files.stream().map(f -> f.getPath().getName()).sorted().toList();
    }

    @Test
    void aPartitionWithoutADirectoryIsEmpty() throws IOException {
        PartitionState s = PartitionState.read(dir.fs, dir.part, null);
        assertThat(s.latest).isEmpty();
        assertThat(s.files).isEmpty();
        assertThat(s.torn).isEmpty();
        assertThat(s.records).isZero();
    }

    @Test
    void theHighestVersionOfAKeyWinsWhicheverFileHoldsIt() throws IOException {
        dir.base("b1", put("a", "a-base", 1), put("b", "b-base", 50));
        dir.closedSegment("w1", 0, put("a", "a-10", 10), put("b", "b-20", 20));
        dir.openSegment(CREATED, "w2", put("a", "a-30", 30), put("b", "b-5", 5));

        assertThat(dir.state()).containsExactly(entry("a", "a-30@30"), entry("b", "b-base@50"));
    }

    @Test
    void aLaterRecordWithALowerVersionDoesNotWinInTheSameFile() throws IOException {
        // A write-behind replay after a newer write: the file order is not the order of the updates.
        dir.closedSegment("w1", 0, put("a", "new", 20), put("a", "old", 10));

        assertThat(dir.state()).containsExactly(entry("a", "new@20"));
    }

    @Test
    void aNewerTombstoneHidesTheValueAndANewerValueRevivesTheKey() throws IOException {
        dir.closedSegment("w1", 0, put("gone", "v", 10), tombstone("back", 5));
        dir.closedSegment("w2", 0, tombstone("gone", 20), put("back", "v", 6));

        assertThat(dir.state()).containsExactly(entry("back", "v@6"), entry("gone", "<deleted>@20"));
    }

    @Test
    void recordsCountsEveryRecordReadNotEveryKey() throws IOException {
        dir.closedSegment("w1", 0, put("a", "1", 1), put("a", "2", 2), put("b", "1", 3));
        dir.base("b1", put("a", "0", 0));

        PartitionState s = PartitionState.read(dir.fs, dir.part, null);
        assertThat(s.records).isEqualTo(4);
        assertThat(s.latest).hasSize(2);
    }

    @Test
    void onlySegmentsAndFinishedBasesAreRead() throws IOException {
        Path seg = dir.closedSegment("w1", 0, put("a", "seg", 1));
        Path open = dir.openSegment(CREATED, "w2", put("b", "open", 1));
        Path base = dir.base("b1", put("c", "base", 1));
        // A compaction's unfinished output, and files no writer of the store makes.
        dir.temporaryBase(CREATED, "t1", put("a", "tmp", 99));
        dir.write(new Path(dir.part, "notes.txt"), content(put("a", "notes", 99)));
        dir.fs.mkdirs(new Path(dir.part, "seg-1-w-0.log"));

        PartitionState s = PartitionState.read(dir.fs, dir.part, null);
        assertThat(dir.state()).containsExactly(entry("a", "seg@1"), entry("b", "open@1"), entry("c", "base@1"));
        assertThat(names(s)).containsExactlyInAnyOrder(base.getName(), open.getName(), seg.getName());
    }

    @Test
    void whichChoosesTheFilesToMerge() throws IOException {
        Path seg = dir.closedSegment("w1", 0, put("a", "seg", 1));
        dir.openSegment(CREATED, "w2", put("a", "open", 2));

        PartitionState s = PartitionState.read(dir.fs, dir.part, f -> f.getPath().getName().endsWith(".log"));
        assertThat(names(s)).containsExactly(seg.getName());
        assertThat(s.latest.values()).singleElement().satisfies(r -> assertThat(LocalLogDir.text(r.value())).isEqualTo("seg"));
    }

    @Test
    void aTornTailIsReportedWithItsFileAndOffsetAndTheWholeRecordsBeforeItCount() throws IOException {
        byte[] whole = content(put("a", "1", 1), put("b", "2", 2));
        byte[] withThird = content(put("a", "1", 1), put("b", "2", 2), put("c", "3", 3));
        // The third record cut off in the middle, as a writer killed mid-append leaves it.
        Path seg = dir.write(LogFiles.segment(dir.part, CREATED, "w1", 0), Arrays.copyOf(withThird, whole.length + 7));
        dir.closedSegment("w2", 0, put("d", "4", 4));

        PartitionState s = PartitionState.read(dir.fs, dir.part, null);
        assertThat(s.records).isEqualTo(3);
        assertThat(dir.state()).containsOnlyKeys("a", "b", "d");
        assertThat(s.torn).singleElement().satisfies(t -> {
            assertThat(t.file().getName()).isEqualTo(seg.getName());
            assertThat(t.offset()).isEqualTo(whole.length);
            assertThat(t.why()).startsWith("cut inside a record");
        });
    }

    @Test
    void aFileThatCompactionRemovesWhileItIsReadIsReadAgainFromTheBaseThatReplacedIt() throws IOException {
        Path seg = dir.closedSegment("w1", 0, put("a", "1", 1), put("b", "2", 2));
        AtomicInteger lists = new AtomicInteger();
        // Between listing and opening, another node compacts the segment into a base and deletes it.
        FilterFileSystem racing = new FilterFileSystem(dir.fs) {
            @Override
            public FileStatus[] listStatus(Path p) throws IOException {
                lists.incrementAndGet();
                return super.listStatus(p);
            }

            @Override
            public FSDataInputStream open(Path p, int bufferSize) throws IOException {
                if (p.getName().equals(seg.getName()) && dir.fs.exists(p)) {
                    dir.base("b1", put("a", "1", 1), put("b", "2", 2));
                    dir.fs.delete(p, false);
                }
                return super.open(p, bufferSize);
            }
        };

        PartitionState s = PartitionState.read(racing, dir.part, null);
        assertThat(lists).hasValue(2);
        assertThat(names(s)).containsExactly(LogFiles.base(dir.part, CREATED, "b1", false).getName());
        assertThat(s.latest).hasSize(2);
        assertThat(s.records).isEqualTo(2);
    }

    @Test
    void filesThatKeepVanishingFailTheReadAfterThreeTries() throws IOException {
        dir.closedSegment("w1", 0, put("a", "1", 1));
        AtomicInteger opens = new AtomicInteger();
        FilterFileSystem vanishing = new FilterFileSystem(dir.fs) {
            @Override
            public FSDataInputStream open(Path p, int bufferSize) throws IOException {
                opens.incrementAndGet();
                throw new FileNotFoundException(p + " (removed by a compaction)");
            }
        };

        assertThatThrownBy(() -> PartitionState.read(vanishing, dir.part, null)).isInstanceOf(FileNotFoundException.class);
        assertThat(opens).hasValue(3);
    }

    @Test
    void otherReadFailuresAreNotRetried() throws IOException {
        dir.closedSegment("w1", 0, put("a", "1", 1));
        AtomicInteger opens = new AtomicInteger();
        FilterFileSystem failing = new FilterFileSystem(dir.fs) {
            @Override
            public FSDataInputStream open(Path p, int bufferSize) throws IOException {
                opens.incrementAndGet();
                throw new IOException("DataNode unreachable");
            }
        };

        assertThatThrownBy(() -> PartitionState.read(failing, dir.part, null)).hasMessage("DataNode unreachable");
        assertThat(opens).hasValue(1);
    }
}
