package io.gridkeep.store.hdfs.internal;

import io.gridkeep.store.VersionedBackend.Write;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A batch as framed log records by store partition, ready to append. A key's partition is the hash
 * of its encoded bytes, so that every node, and every later version, puts a key in the same one.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class BatchEncoder<K, V> {
    private final int partitions;
    private final Supplier<? extends ObjectCodec> codec;
    // Partition buffers are sized from the records seen so far, so that they rarely grow (each growth copies).
    private volatile int recordBytes = 256;

    /** @param codec asked once per batch: the store's codec needs the node, which a store has only once it is in one */
    BatchEncoder(int partitions, Supplier<? extends ObjectCodec> codec) {
        this.partitions = partitions;
        this.codec = codec;
    }

    /** The store partition of a key's bytes. */
    static int partition(byte[] key, int partitions) {
        return Math.floorMod(Arrays.hashCode(key), partitions);
    }

    /** The batch's framed records, by store partition. */
    Map<Integer, ByteArrayOutputStream> encode(List<Write<K, V>> batch) throws Exception {
        Map<Integer, ByteArrayOutputStream> byPart = new HashMap<>();
        ObjectCodec m = codec.get();
        int parts = Math.min(partitions, batch.size());
        int size = (int)Math.min(64 << 20, (long)recordBytes * (batch.size() / parts + 1) * 5 / 4);
        for (Write<K, V> w : batch) {
            byte[] key = m.encode(w.key());
            byte[] value = w.value() == null ? null : m.encode(w.value());
            int p = partition(key, partitions);
            LogFormat.write(new LogRecord(key, value, w.version()), byPart.computeIfAbsent(p, x -> new ByteArrayOutputStream(size)));
        }
        long bytes = 0;
        for (ByteArrayOutputStream b : byPart.values())
            bytes += b.size();
        recordBytes = (int)Math.max(32, bytes / Math.max(1, batch.size()));
        return byPart;
    }
}
