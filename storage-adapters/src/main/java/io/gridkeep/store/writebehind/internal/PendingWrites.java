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
    /** The partition and update counter of a waiting write, as Ignite numbered its update. */
    record Counted(int partition, long counter) {
    }

    private final ConcurrentHashMap<Object, Write<K, V>> byKey = new ConcurrentHashMap<>();
    // By write, not key: a write's counter must never be taken for a newer write of the same key.
    private final ConcurrentHashMap<Write<K, V>, Counted> counted = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Object, Write<K, V>> writtenUncounted = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[64];
    private final Semaphore room;
    private final int maxPending;
    private volatile long oldestSince;

    PendingWrites(int maxPending) {
        this.maxPending = maxPending;
        this.room = new Semaphore(maxPending);
        for (int i = 0; i < locks.length; i++)
            locks[i] = new Object();
    }

    /** Keeps {@code w} unless a newer update of its key waits already; waits for room when its key is new. */
    void offer(Write<K, V> w) {
        while (true) {
            Write<K, V> cur = byKey.get(w.key());
            if (cur != null) {
                if (cur.version() >= w.version())
                    return;
                if (byKey.replace(w.key(), cur, w)) {
                    counted.remove(cur);
                    return;
                }
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

    /**
     * Ignite numbered the update whose write waits now for {@code key}: {@code counter} in
     * {@code partition}. Called right after {@link #offer} of that update, under the same entry lock,
     * so the write waiting for the key is that update's. When the backend took that write already,
     * returns the update's partition and counter, for the owners' owed sets (it is written); else null.
     */
    Counted count(Object key, int partition, long counter) {
        // With written(): the write must not leave between the lookup and the counting, or the count would be lost.
        synchronized (lockFor(key)) {
            Write<K, V> w = byKey.get(key);
            if (w != null) {
                counted.merge(w, new Counted(partition, counter), (a, b) -> a.counter() >= b.counter() ? a : b);
                return null;
            }
            // The flusher wrote the update's write between its queueing and its numbering: it is written then.
            return writtenUncounted.remove(key) != null ? new Counted(partition, counter) : null;
        }
    }

    /**
     * The backend has {@code w}: it leaves, unless a newer update of its key replaced it meanwhile.
     * Returns the partition and counter of its update when known, for the owners' owed sets; null otherwise.
     */
    Counted written(Write<K, V> w) {
        Counted c;
        boolean left;
        synchronized (lockFor(w.key())) {
            c = counted.remove(w);
            left = byKey.remove(w.key(), w);
            if (left && c == null) {
                // Numbered in a moment (see count); bounded, since a node without numbering never counts.
                if (writtenUncounted.size() >= maxPending)
                    writtenUncounted.clear();
                writtenUncounted.put(w.key(), w);
            }
        }
        if (left)
            room.release();
        return c;
    }

    private Object lockFor(Object key) {
        return locks[(key.hashCode() & 0x7fffffff) % locks.length];
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
