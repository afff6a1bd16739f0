package io.gridkeep.store.hdfs.internal;

import io.gridkeep.store.VersionedBackend.Write;
import io.gridkeep.store.internal.StoreFailure;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.cache.integration.CacheWriterException;

/**
 * The store's writes: each batch encoded on the calling thread, then appended and synced by the one
 * appender thread, batches in the order they came. The write-behind keeps two batches in flight, so
 * the next batch is encoded (CPU) while this one syncs (a round trip to the DataNodes).
 *
 * @param <K> key type
 * @param <V> value type
 */
final class WritePipeline<K, V> {
    private final String cacheName;
    private final BatchEncoder<K, V> encoder;
    private final OpenSegments segments;
    private final BusyTime busy;
    private final StoreFailure fail;
    private volatile ExecutorService appender;

    WritePipeline(String cacheName, BatchEncoder<K, V> encoder, OpenSegments segments, BusyTime busy, StoreFailure fail) {
        this.cacheName = cacheName;
        this.encoder = encoder;
        this.segments = segments;
        this.busy = busy;
        this.fail = fail;
    }

    /** Completes once the whole batch is durable, exceptionally with a {@link CacheWriterException} when it is not. */
    CompletionStage<Void> applyAllAsync(List<Write<K, V>> batch) {
        if (batch.isEmpty())
            return CompletableFuture.completedFuture(null);
        busy.enter();
        Map<Integer, ByteArrayOutputStream> byPart;
        try {
            byPart = encoder.encode(batch);
        }
        catch (Exception e) {
            busy.exit();
            return CompletableFuture.failedFuture(new CacheWriterException(fail.message("encode " + batch.size() + " records", e), e));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            appender().execute(() -> {
                try {
                    segments.write(byPart, batch.size());
                    done.complete(null);
                }
                catch (Throwable t) {
                    done.completeExceptionally(t);
                }
                finally {
                    busy.exit();
                }
            });
        }
        catch (RejectedExecutionException e) {
            busy.exit();
            done.completeExceptionally(new CacheWriterException(fail.message("write " + batch.size() + " records",
                new IllegalStateException("the store is stopping"))));
        }
        return done;
    }

    private ExecutorService appender() {
        ExecutorService a = appender;
        if (a == null) {
            synchronized (this) {
                if (appender == null) {
                    appender = Executors.newSingleThreadExecutor(r -> {
                        Thread t = new Thread(r, "gridkeep-hdfs-append-" + cacheName);
                        t.setDaemon(true);
                        return t;
                    });
                }
                a = appender;
            }
        }
        return a;
    }

    /** Finishes the batches already handed over (their callers wait for them) and takes none after. */
    void stop() {
        ExecutorService app = appender;
        if (app != null) {
            app.shutdown();
            try {
                app.awaitTermination(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
