package io.gridkeep.store.hdfs.internal;

import static io.gridkeep.store.hdfs.internal.LocalStore.delete;
import static io.gridkeep.store.hdfs.internal.LocalStore.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.gridkeep.store.VersionedBackend.Write;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.LongStream;
import javax.cache.integration.CacheWriterException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches through the store's write pipeline, on Hadoop's local file system. */
class WritePipelineTest {
    @TempDir
    Path tmp;

    LocalStore store;
    OpenSegments segments;
    WritePipeline<String, String> pipeline;

    @BeforeEach
    void open() {
        store = new LocalStore(tmp, 1, 1 << 20, 60_000);
        segments = store.segments();
        pipeline = store.pipeline(segments);
    }

    @AfterEach
    void close() {
        pipeline.stop();
        segments.close();
        store.close();
    }

    private CompletableFuture<Void> apply(List<Write<String, String>> batch) {
        return pipeline.applyAllAsync(batch).toCompletableFuture();
    }

    @Test
    void aBatchIsInTheLogWhenItsFutureCompletes() throws Exception {
        apply(List.of(put("a", "1", 1), put("b", "2", 2), delete("c", 3))).get();

        assertThat(store.state(0)).containsExactly(entry("a", "1@1"), entry("b", "2@2"), entry("c", "<deleted>@3"));
        assertThat(store.counters.rowsWritten().sum()).isEqualTo(3);
    }

    @Test
    void anEmptyBatchCompletesAtOnceAndOpensNoSegment() throws Exception {
        CompletableFuture<Void> f = apply(List.of());

        assertThat(f).isCompleted();
        assertThat(store.names(0)).isEmpty();
    }

    @Test
    void aBatchTheCodecRefusesFailsAsNotEncodedAndAppendsNothing() throws Exception {
        CompletableFuture<Void> f = apply(List.of(put("a", "1", 1), put("b", LocalStore.UNENCODABLE, 2)));

        assertThat(f).isCompletedExceptionally();
        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).cause()
            .isInstanceOf(CacheWriterException.class).hasMessageStartingWith("cannot encode 2 records: ");
        assertThat(store.names(0)).isEmpty();
    }

    @Test
    void batchesHandedOverAtOnceAreAppendedInTheOrderTheyCame() throws Exception {
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        for (long v = 1; v <= 50; v++)
            inFlight.add(apply(List.of(put("a", "v" + v, v))));
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get();

        String segment = store.names(0).get(0);
        assertThat(store.versionsIn(0, segment)).containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
    }

    @Test
    void aBatchAfterStopIsRefusedAsTheStoreStopping() throws Exception {
        apply(List.of(put("a", "1", 1))).get();
        pipeline.stop();

        CompletableFuture<Void> f = apply(List.of(put("b", "2", 2)));

        assertThatThrownBy(f::get).cause().isInstanceOf(CacheWriterException.class)
            .hasMessage("cannot write 1 records: the store is stopping");
        assertThat(store.state(0)).containsOnlyKeys("a");
    }

    @Test
    void aFailedAppendFailsTheBatchAndTheNextBatchIsWrittenAfterIt() throws Exception {
        var blocker = store.dir.partition(0);
        store.dir.fs().create(blocker).close();
        CompletableFuture<Void> failed = apply(List.of(put("a", "1", 1)));
        assertThatThrownBy(failed::get).cause().isInstanceOf(CacheWriterException.class).hasMessageStartingWith("cannot write 1 records");

        store.dir.fs().delete(blocker, false);
        apply(List.of(put("a", "2", 2))).get();

        assertThat(store.state(0)).containsExactly(entry("a", "2@2"));
    }
}
