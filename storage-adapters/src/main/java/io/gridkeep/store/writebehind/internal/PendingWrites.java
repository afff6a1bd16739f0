package io.gridkeep.store.writebehind.internal;

import io.gridkeep.store.VersionedBackend.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The updates this node has accepted and not yet written: the newest per key, at most
 * {@code maxPending} keys. A writer of a new key past that bound waits for room (back-pressure):
 * nothing is ever dropped, and only {@link #written} makes room. Updates of a key already waiting
 * replace it and take no room.
 *
 * <pre>{@code
 * PendingWrites<Integer, String> pending = new PendingWrites<>(100_000);
 * pending.offer(new Write<>(7, "seven", version));        // in the store callback
 * List<Write<Integer, String>> batch = pending.batch(512, inFlight);
 * ... the backend took the batch ...
 * batch.forEach(pending::written);
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
final class PendingWrites<K, V> {
    private final ConcurrentHashMap<Object, Write<K, V>> byKey = new ConcurrentHashMap<>();
    private final Semaphore room;
    private final int maxPending;
    private volatile long oldestSince;

    PendingWrites(int maxPending) {
        this.maxPending = maxPending;
        this.room = new Semaphore(maxPending);
    }

    /** Keeps {@code w} unless a newer update of its key waits already; waits for room when its key is new. */
    void offer(Write<K, V> w) {
        while (true) {
            Write<K, V> cur = byKey.get(w.key());
            if (cur != null) {
                if (cur.version() >= w.version() || byKey.replace(w.key(), cur, w))
                    return;
                continue;
            }
            room.acquireUninterruptibly();
            if (byKey.putIfAbsent(w.key(), w) == null) {
                if (oldestSince == 0)
                    oldestSince = System.currentTimeMillis();
                return;
            }
            room.release();
        }
    }

    /** Up to {@code max} waiting updates that are not in {@code inFlight} (compared by identity). */
    List<Write<K, V>> batch(int max, Set<Write<K, V>> inFlight) {
        List<Write<K, V>> batch = new ArrayList<>(Math.min(max, byKey.size()));
        for (Write<K, V> w : byKey.values()) {
            if (inFlight.contains(w))
                continue;
            batch.add(w);
            if (batch.size() == max)
                break;
        }
        return batch;
    }

    /** The backend has {@code w}: it leaves, unless a newer update of its key replaced it meanwhile. */
    void written(Write<K, V> w) {
        if (byKey.remove(w.key(), w))
            room.release();
    }

    /** Marks a flush that started at {@code flushStart}: what still waits is at most that old. */
    void flushed(long flushStart) {
        oldestSince = byKey.isEmpty() ? 0 : flushStart;
    }

    /** When the oldest waiting update arrived, to the last flush; 0 when none waits. */
    long oldestSince() {
        return byKey.isEmpty() ? 0 : oldestSince;
    }

    int size() {
        return byKey.size();
    }

    boolean isEmpty() {
        return byKey.isEmpty();
    }

    int maxPending() {
        return maxPending;
    }

    /** Writers waiting for room right now (for tests and diagnostics). */
    int waitingWriters() {
        return room.getQueueLength();
    }
}
