package io.gridkeep.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A backend that applies writes idempotently by version: a write or delete with a lower version
 * than what the backend already has for that key changes nothing (Cassandra's {@code USING
 * TIMESTAMP}, an HDFS log replayed by version). That is what lets the loss-free write-behind
 * ({@link io.gridkeep.store.writebehind.LossFreeWriteBehindFactory}) replay writes after a failure
 * without ever putting back an older value.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface VersionedBackend<K, V> {
    /** One write: {@code value} null means delete. */
    record Write<K, V>(K key, V value, long version) {
    }

    /**
     * Applies every write of the batch, or throws; a retry of the same batch must be harmless.
     *
     * @throws Exception when the backend did not take the whole batch
     */
    void applyAll(List<Write<K, V>> batch) throws Exception;

    /**
     * Starts applying a batch and completes when all of it is applied (exceptionally when not).
     * A backend that writes asynchronously returns before the batch is done, so that the next batch
     * can start while this one completes; the default applies it on the calling thread.
     */
    default CompletionStage<Void> applyAllAsync(List<Write<K, V>> batch) {
        try {
            applyAll(batch);
            return CompletableFuture.completedFuture(null);
        }
        catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The backend's name in metrics and events ({@code cassandra}, {@code hdfs}). */
    default String storeName() {
        return "store";
    }
}
