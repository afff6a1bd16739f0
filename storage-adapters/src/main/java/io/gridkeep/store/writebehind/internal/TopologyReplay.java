package io.gridkeep.store.writebehind.internal;

import io.gridkeep.store.VersionedBackend.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The write-behind's replay after a server left: for each of this node's primary partitions, the keys
 * its {@link OwedUpdates} set holds (those no node has said it wrote), each as this node's copy holds
 * it or as a delete when it holds none; or, where that set is not complete, every entry of the
 * partition. So what the departed node had not written reaches the backend from the new primaries.
 * A partition written whole holds nothing unwritten afterwards: its set is complete from then on.
 *
 * <p>A replay is a cursor, not a queue: it reads one batch at a time, holds it until the backend
 * took it ({@link #written}), and gives the same batch again after a failure. So it needs no room
 * among the pending updates (a replay larger than {@code maxPending} cannot block writers), and a
 * failed batch is retried, never dropped. A later topology change restarts the replay over the
 * primaries of the new assignment: those are what this node owes then.
 *
 * <p>All entries of one replay share one version, taken when the server's departure is seen
 * ({@link #request}, from the discovery event), before the partition exchange it starts completes.
 * An update with a lower version began before that, on the old topology, so the exchange waited for
 * it and the replay, which reads only after the exchange, sees its value; an update the replay may
 * miss or read half-applied began later and has a higher version, so the backend keeps its value.
 *
 * <p>One thread (the flusher) reads and completes batches; {@link #request} and {@link #owed} may
 * come from any thread.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class TopologyReplay<K, V> {
    /** Why a replay is owed. */
    enum Cause {
        /** A server left or failed: what it had not written is owed by the new primaries. */
        SERVER_LEFT,
        /**
         * The cache started from native persistence: the last stop may have left updates unwritten
         * (the backend was down, {@code stopFlushMillis} passed), and only the persisted grid has them.
         */
        RESTART_FROM_PERSISTENCE
    }

    /** A replay's progress, for the log. */
    record Progress(long topologyVersion, Cause cause, int partitions, int wholePartitions, long entries) {
    }

    /** A replay asked for: after the exchange of {@code topologyVersion}, at {@code version}. */
    private record Request(long topologyVersion, long version, Cause cause) {
    }

    private static final Request NONE = new Request(-1, 0, Cause.SERVER_LEFT);

    private final ReplaySource source;
    private final OwedUpdates owed;
    private final AtomicReference<Request> requested = new AtomicReference<>(NONE);
    // Volatile for owed(), which metrics read from other threads; only the flusher writes them.
    private volatile long serving = -1;
    private volatile int[] partitions;
    private volatile long lastFinished = -1;
    private int nextPartition;
    private ReplaySource.Entries cursor;
    private long version;
    private Cause cause = Cause.SERVER_LEFT;
    private List<Write<K, V>> held;
    private List<OwedKey> heldKeys = List.of();
    private final List<Integer> scannedWhole = new ArrayList<>();
    private int cursorPartition;
    private boolean cursorWhole;
    private int wholePartitions;
    private long entries;
    private boolean starting;

    TopologyReplay(ReplaySource source, OwedUpdates owed) {
        this.source = source;
        this.owed = owed;
    }

    /**
     * A server left at {@code topologyVersion}: a replay for it is owed, at {@code version} (taken now,
     * in the discovery event); when several wait, the newest topology's replaces the others.
     */
    void request(long topologyVersion, long version) {
        request(topologyVersion, version, Cause.SERVER_LEFT);
    }

    /** A replay owed for {@code cause}; as {@link #request(long, long)} otherwise. */
    void request(long topologyVersion, long version, Cause cause) {
        Request r = new Request(topologyVersion, version, cause);
        requested.accumulateAndGet(r, (cur, neu) -> neu.topologyVersion() > cur.topologyVersion() ? neu : cur);
    }

    /** The topology version of the last replay that finished, -1 before any. */
    long lastFinished() {
        return lastFinished;
    }

    /** Whether a replay waits or runs. */
    boolean owed() {
        return requested.get().topologyVersion() > serving || partitions != null;
    }

    /**
     * Whether {@link #nextBatch} has work it can do now: a replay runs, or the one owed can start (its
     * exchange is done). While it cannot, the flusher goes on writing pending updates: the exchange
     * may be waiting for writers that wait for room.
     */
    boolean canStep() {
        if (partitions != null)
            return true;
        Request wanted = requested.get();
        return wanted.topologyVersion() > serving && source.ready(wanted.topologyVersion());
    }

    /** True once, right after a replay started (its partitions are known), for the log. */
    boolean justStarted() {
        boolean s = starting;
        starting = false;
        return s;
    }

    Progress progress() {
        return new Progress(serving, cause, partitions == null ? 0 : partitions.length, wholePartitions, entries);
    }

    /**
     * The next batch to write, up to {@code max} entries; the same batch again until {@link #written}
     * is called; empty when the replay is done (or none is owed).
     *
     * @throws Exception when the grid cannot be read (the exchange failed, the node stops); the replay
     *     starts over on the next call
     */
    List<Write<K, V>> nextBatch(int max) throws Exception {
        Request wanted = requested.get();
        // A newer request starts (replacing a running replay) once its exchange is done; until then the old one goes on.
        if (wanted.topologyVersion() > serving && source.ready(wanted.topologyVersion()))
            restart(wanted);
        if (held != null)
            return held;
        if (partitions == null)
            return List.of();
        List<Write<K, V>> batch = new ArrayList<>(max);
        List<OwedKey> keys = new ArrayList<>();
        try {
            while (batch.size() < max) {
                if (cursor == null) {
                    if (nextPartition == partitions.length)
                        break;
                    open(partitions[nextPartition++]);
                }
                if (!cursor.hasNext()) {
                    closeExhausted();
                    continue;
                }
                ReplaySource.Entry e = cursor.next();
                if (!e.owned())
                    continue;
                @SuppressWarnings("unchecked")
                Write<K, V> w = new Write<>((K)e.key(), (V)e.value(), version);
                batch.add(w);
                if (e.counter() >= 0)
                    keys.add(new OwedKey(e.partition(), e.key(), e.counter()));
            }
            // Past the last entry now rather than on one more, empty, batch: the last batch ends the replay.
            while (cursor != null && !cursor.hasNext()) {
                closeExhausted();
                if (nextPartition < partitions.length)
                    open(partitions[nextPartition++]);
            }
        }
        catch (RuntimeException e) {
            // What was read is not lost: the replay starts over, and versions make a second write harmless.
            serving = -1;
            reset();
            throw e;
        }
        heldKeys = keys;
        held = batch;
        return batch;
    }

    /** The keys of the batch {@link #nextBatch} gave whose update counters are known (read from owed sets). */
    List<OwedKey> heldKeys() {
        return held == null ? List.of() : heldKeys;
    }

    /** The backend took the batch {@link #nextBatch} gave; returns the replay's figures when that finished it, else null. */
    Progress written() {
        if (held == null)
            return null;
        // A partition written whole holds nothing unwritten any more: from here on this node's set for it is all it owes.
        for (int p : scannedWhole)
            owed.markComplete(p);
        scannedWhole.clear();
        entries += held.size();
        boolean done = held.isEmpty() || (cursor == null && nextPartition == partitions.length);
        held = null;
        if (!done)
            return null;
        Progress finished = progress();
        lastFinished = serving;
        if (requested.get().topologyVersion() == serving)
            reset();
        return finished;
    }

    /** Gives up the replay that runs (the node stops: the new primaries replay instead). */
    void abandon() {
        reset();
        serving = requested.get().topologyVersion();
    }

    private void restart(Request r) throws Exception {
        reset();
        int[] parts = source.primaryPartitions(r.topologyVersion());
        partitions = parts;
        nextPartition = 0;
        entries = 0;
        wholePartitions = 0;
        version = r.version();
        cause = r.cause();
        serving = r.topologyVersion();
        starting = true;
    }

    private void reset() {
        closeCursor();
        partitions = null;
        held = null;
        heldKeys = List.of();
        scannedWhole.clear();
    }

    /** Opens partition {@code p}: only its owed keys when this node's set for it is complete, else all of it. */
    private void open(int p) {
        cursorPartition = p;
        cursorWhole = !owed.complete(p);
        if (cursorWhole)
            wholePartitions++;
        cursor = cursorWhole ? source.entries(p) : source.owedEntries(p, owed.owed(p));
    }

    private void closeExhausted() {
        if (cursorWhole)
            scannedWhole.add(cursorPartition);
        closeCursor();
    }

    private void closeCursor() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }
}
