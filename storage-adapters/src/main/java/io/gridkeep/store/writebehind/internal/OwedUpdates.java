package io.gridkeep.store.writebehind.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The updates this node has seen as an owner of their partition (primary or backup) that no node
 * has yet said it wrote to the backend: per partition, each key with the update counter of its last
 * update. This is what makes a replay after a failure proportional to what was not written, and able
 * to write deletes: the new primary writes only these keys, each as the grid holds it then (a key the
 * grid no longer holds is written as a delete).
 *
 * <p>Every owner records every update ({@link OwedUpdatesFilter}, on Ignite's update path, before the
 * update is acknowledged); the node that wrote a key says so to the partition's owners
 * ({@link #written}, from {@code FlushedKeys}), which forget it unless a newer update came since.
 *
 * <p>A partition's set is <em>complete</em> when this node has seen every update of it that may not be
 * written yet: it owned the partition from its first update on, or it copied the set of a primary
 * whose set was complete while already seeing every new update itself, or a full replay of the
 * partition has just written everything. Only a complete set may stand for the partition in a replay;
 * any other partition is replayed whole.
 *
 * <p>Thread-safe: the filter records on Ignite's update threads; the write-behind's threads do the rest.
 */
final class OwedUpdates {
    /** One partition's owed keys and whether they are all of them. */
    private static final class Partition {
        final ConcurrentHashMap<Object, Long> keys = new ConcurrentHashMap<>();
        // Writes heard of before the update itself reached this node (the message overtook it): counter and when.
        final ConcurrentHashMap<Object, long[]> ahead = new ConcurrentHashMap<>();
        volatile boolean complete;
        volatile Object instance;
    }

    private final ConcurrentHashMap<Integer, Partition> partitions = new ConcurrentHashMap<>();

    private Partition partition(int p) {
        return partitions.computeIfAbsent(p, x -> new Partition());
    }

    /** An update of {@code key} in {@code partition} with update counter {@code counter}. */
    void record(int partition, Object key, long counter) {
        Partition part = partition(partition);
        synchronized (part) {
            // Kept until it expires, not removed here: each server's continuous query calls this for the same update.
            long[] written = part.ahead.get(key);
            if (written != null && written[0] >= counter)
                return;
            part.keys.merge(key, counter, Math::max);
        }
    }

    /**
     * Some node wrote {@code key}'s update {@code counter} (or a later one) to the backend. The write is
     * remembered for a while ({@link #expireAhead}), so that the update does not become owed again when
     * it arrives after the message, or is recorded once more (once per server's continuous query).
     */
    void written(int partition, Object key, long counter) {
        Partition part = partition(partition);
        synchronized (part) {
            Long cur = part.keys.get(key);
            if (cur != null && cur <= counter)
                part.keys.remove(key);
            // Also when it was there: the same update may still be recorded again, once per server's continuous query.
            if (cur == null || cur <= counter)
                part.ahead.merge(key, new long[] {counter, System.currentTimeMillis()}, (a, b) -> a[0] >= b[0] ? a : b);
        }
    }

    /** Forgets writes heard of more than {@code millis} ago whose update never came here (this node was not its owner). */
    void expireAhead(long millis) {
        long before = System.currentTimeMillis() - millis;
        for (Partition part : partitions.values())
            part.ahead.values().removeIf(w -> w[1] < before);
    }

    /** Whether this node's set for {@code partition} holds every update of it not yet written. */
    boolean complete(int partition) {
        Partition part = partitions.get(partition);
        return part != null && part.complete;
    }

    /** Marks the set of {@code partition} complete (see the class comment for when that is true). */
    void markComplete(int partition) {
        partition(partition).complete = true;
    }

    /**
     * Adds the complete set a primary sent for {@code partition}; this node's own set must already have
     * been recording every update of it, so that together they miss nothing.
     */
    void adopt(int partition, Map<Object, Long> primarys) {
        Partition part = partition(partition);
        primarys.forEach((k, c) -> part.keys.merge(k, c, Math::max));
        part.complete = true;
    }

    /** A copy of what {@code partition} owes now. */
    Map<Object, Long> owed(int partition) {
        Partition part = partitions.get(partition);
        return part == null ? Map.of() : Map.copyOf(part.keys);
    }

    /**
     * Whether this node's copy of {@code partition} is still {@code instance}, the one the set was
     * kept for; the first call for a set takes it.
     */
    boolean heldAs(int partition, Object instance) {
        Partition part = partitions.get(partition);
        if (part == null)
            return true;
        if (part.instance == null)
            part.instance = instance;
        return part.instance == instance;
    }

    /** This node no longer holds {@code partition}: it stops counting it, and its set is incomplete from now on. */
    void forget(int partition) {
        partitions.remove(partition);
    }

    /** The partitions this node keeps a set for. */
    Iterable<Integer> partitions() {
        return partitions.keySet();
    }

    /** Keys owed over all partitions. */
    long size() {
        long n = 0;
        for (Partition part : partitions.values())
            n += part.keys.size();
        return n;
    }
}
