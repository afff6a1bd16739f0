package io.gridkeep.store.writebehind.internal;

import io.gridkeep.store.VersionedBackend;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A backend in memory that keeps the highest version per key, counts what it took, and fails while told to. */
final class FakeBackend implements VersionedBackend<Integer, String> {
    /** A stored row: the value (null for a delete) at its version. */
    record Row(String value, long version) {
    }

    final Map<Integer, Row> rows = new ConcurrentHashMap<>();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger batches = new AtomicInteger();
    volatile boolean down;

    @Override
    public void applyAll(List<Write<Integer, String>> batch) {
        if (down)
            throw new IllegalStateException("backend down");
        batches.incrementAndGet();
        for (Write<Integer, String> w : batch) {
            writes.incrementAndGet();
            rows.merge(w.key(), new Row(w.value(), w.version()), (old, neu) -> neu.version() > old.version() ? neu : old);
        }
    }

    String value(int key) {
        Row r = rows.get(key);
        return r == null ? null : r.value();
    }
}
