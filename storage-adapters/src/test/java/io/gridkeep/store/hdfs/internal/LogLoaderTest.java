package io.gridkeep.store.hdfs.internal;

import static io.gridkeep.store.hdfs.internal.LocalStore.delete;
import static io.gridkeep.store.hdfs.internal.LocalStore.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.gridkeep.store.VersionedBackend.Write;
import io.gridkeep.testkit.RecordingLogger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import javax.cache.integration.CacheLoaderException;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.logger.NullLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** loadCache over a log the write pipeline wrote, on Hadoop's local file system. */
class LogLoaderTest {
    @TempDir
    Path tmp;

    LocalStore store;
    final Map<String, String> loaded = new ConcurrentHashMap<>();

    /** A node that holds the keys {@code own} accepts. */
    private static CacheTopology holding(Predicate<Object> own) {
        return new CacheTopology() {
            @Override
            public Predicate<Object> ownKeys() {
                return own;
            }

            @Override
            public IntPredicate primaryPartitions() {
                return p -> true;
            }

            @Override
            public boolean alive(UUID node) {
                return true;
            }
        };
    }

    @AfterEach
    void close() {
        if (store != null)
            store.close();
    }

    private void written(int partitions, List<Write<String, String>> batch) throws Exception {
        store = new LocalStore(tmp, partitions, 1 << 20, 60_000);
        OpenSegments segments = store.segments();
        WritePipeline<String, String> pipeline = store.pipeline(segments);
        pipeline.applyAllAsync(batch).toCompletableFuture().get();
        pipeline.stop();
        segments.close();
    }

    private LogLoader<String, String> loader(int partitions, CacheTopology topology) {
        return loader(partitions, topology, new NullLogger());
    }

    private LogLoader<String, String> loader(int partitions, CacheTopology topology, IgniteLogger log) {
        return new LogLoader<>(LocalStore.settings(tmp, partitions, 1 << 20, 60_000), LocalStore.CACHE, store.dir, () -> store.codec,
            topology, store.counters, log, store.fail);
    }

    @Test
    void entriesWhoseKeyOrValueTheAllowListRejectsAreSkippedCountedAndLoggedAndTheRestLoads() throws Exception {
        String badKey = LocalStore.REJECTED + "key";
        written(1, List.of(put("a", "1", 1), put("b", LocalStore.REJECTED + "value", 1), put(badKey, "3", 1), put("c", "4", 1)));
        RecordingLogger log = new RecordingLogger();

        loader(1, holding(k -> true), log).load(loaded::put);

        assertThat(loaded).containsOnly(entry("a", "1"), entry("c", "4"));
        assertThat(store.counters.rejected().sum()).isEqualTo(2);
        assertThat(store.failures).isEmpty();
        assertThat(log.warnings()).hasSize(2);
        assertThat(log.warnings()).anySatisfy(w -> assertThat(w)
            .startsWith("gridkeep: hdfs store of cache " + LocalStore.CACHE + ": skipped the value of key b (part-00000): ")
            .contains("com.evil.Gadget").endsWith("; the rest loads"));
        // The key itself cannot be shown: the warning says where its record is.
        assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("skipped a record whose key could not be read, in ")
            .containsPattern("part-00000/seg-[^ ]+ at byte \\d+: ").contains("com.evil.Gadget"));
        System.out.println("loadCache with rejected entries: loaded " + loaded.size() + ", rejected " + store.counters.rejected().sum());
    }

    @Test
    void eachKeyIsLoadedWithItsLatestValueAndDeletedKeysAreNot() throws Exception {
        written(4, List.of(put("a", "a1", 1), put("b", "b1", 1), put("a", "a3", 3), put("a", "a2", 2), delete("b", 2),
            put("c", "c1", 1)));

        loader(4, holding(k -> true)).load(loaded::put);

        assertThat(loaded).containsOnly(entry("a", "a3"), entry("c", "c1"));
    }

    @Test
    void onlyTheKeysOfThisNodeAreLoaded() throws Exception {
        written(4, List.of(put("mine-1", "1", 1), put("other-1", "1", 1), put("mine-2", "2", 1), put("other-2", "2", 1)));

        loader(4, holding(k -> ((String)k).startsWith("mine"))).load(loaded::put);

        assertThat(loaded).containsOnlyKeys("mine-1", "mine-2");
    }

    @Test
    void aTornTailIsSkippedAndCountedAndTheRecordsBeforeItAreLoaded() throws Exception {
        written(1, List.of(put("a", "1", 1)));
        byte[] two = LocalLogDir.content(LocalLogDir.put("b", "2", 2), LocalLogDir.put("c", "3", 3));
        store.write(0, LogFiles.segment(store.dir.partition(0), LocalLogDir.CREATED, "dead", 0).getName(),
            Arrays.copyOf(two, two.length - 5));

        loader(1, holding(k -> true)).load(loaded::put);

        assertThat(loaded).containsOnlyKeys("a", "b");
        assertThat(store.counters.tornTails().sum()).isEqualTo(1);
    }

    @Test
    void aLogWrittenWithMorePartitionsIsRefusedAndNothingIsLoaded() throws Exception {
        written(2, List.of(put("a", "1", 1)));
        store.dir.fs().mkdirs(store.dir.partition(3));

        assertThatThrownBy(() -> loader(2, holding(k -> true)).load(loaded::put)).isInstanceOf(CacheLoaderException.class)
            .hasMessageContaining("part-00003: it was written with at least 4 partitions, and this store has partitions=2")
            .hasMessageEndingWith("(nothing was loaded)");
        assertThat(loaded).isEmpty();
    }

    @Test
    void aCacheWithoutADirectoryLoadsNothing() throws Exception {
        store = new LocalStore(tmp, 2, 1 << 20, 60_000);

        loader(2, holding(k -> true)).load(loaded::put);

        assertThat(loaded).isEmpty();
        assertThat(store.failures).isEmpty();
    }
}
