package io.gridkeep.store.writebehind;

import java.util.List;

/**
 * A backend that applies writes idempotently by version: a write or delete with a lower version
 * than what the backend already has for that key changes nothing (Cassandra's {@code USING
 * TIMESTAMP}, an HDFS log replayed by version). That is what lets {@link LossFreeWriteBehind} replay
 * writes after a failure without ever putting back an older value.
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

    /** The backend's name in metrics and events ({@code cassandra}, {@code hdfs}). */
    default String storeName() {
        return "store";
    }
}
