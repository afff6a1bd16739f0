package io.gridkeep.store.writebehind.internal;

import io.gridkeep.store.VersionedBackend;
import io.gridkeep.store.VersionedBackend.Write;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ignite.IgniteLogger;

/**
 * The write-behind's one thread: writes the pending updates in batches (once the oldest has waited
 * {@code flushIntervalMillis}, or as soon as {@code flushSize} wait), and between them the batches of
 * a replay; on a failure it backs off (0.5 s doubling to 30 s) and retries the same work, dropping
 * nothing. When both a flush and a replay are due they take turns (a flush writes all that waited
 * when it began, a replay one batch), so that writers waiting for room are not held up by a long
 * replay, nor a replay by writers at full speed.
 *
 * <p>{@link #stop} makes everything due at once and gives the thread {@code stopFlushMillis} to
 * write what waits and finish a running replay.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class WriteBehindFlusher<K, V> implements Runnable {
    /** Batches of pending updates written at once: the next goes out while the previous completes. */
    private static final int PIPELINE = 2;

    /** What the flusher reports, to metrics and events. */
    interface Listener {
        /** The backend took writes, or failed ({@code why} set). Called on every flush and replay batch. */
        void backendState(boolean up, String why);

        /** A replay began. */
        default void replayStarted(TopologyReplay.Progress p) {
        }

        /** A replay wrote its last batch. */
        default void replayFinished(TopologyReplay.Progress p) {
        }

        /** The backend took these keys' updates (those whose partition and counter are known). */
        default void keysWritten(List<OwedKey> keys) {
        }
    }

    private final String cacheName;
    private final PendingWrites<K, V> pending;
    private final TopologyReplay<K, V> replay;
    private final VersionedBackend<K, V> backend;
    private final int flushSize;
    private final long flushIntervalMillis;
    private final long stopFlushMillis;
    private final Listener listener;
    private final IgniteLogger log;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean stopping;
    private volatile String lastError;

    WriteBehindFlusher(String cacheName, PendingWrites<K, V> pending, TopologyReplay<K, V> replay, VersionedBackend<K, V> backend,
                       int flushSize, long flushIntervalMillis, long stopFlushMillis, Listener listener, IgniteLogger log) {
        this.cacheName = cacheName;
        this.pending = pending;
        this.replay = replay;
        this.backend = backend;
        this.flushSize = flushSize;
        this.flushIntervalMillis = flushIntervalMillis;
        this.stopFlushMillis = stopFlushMillis;
        this.listener = listener;
        this.log = log;
    }

    /** Entries the backend took from this flusher: pending updates and replayed entries. */
    long written() {
        return written.get();
    }

    /** Entries the backend took from replays. */
    long replayed() {
        return replayed.get();
    }

    /** Flushes and replay batches that failed and were retried. */
    long failures() {
        return failures.get();
    }

    String lastError() {
        return lastError;
    }

    /** Everything is due now; the thread ends once nothing waits or {@code stopFlushMillis} passed. Call, then interrupt it. */
    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        long backoff = 0;
        long retryAt = 0;
        long deadline = Long.MAX_VALUE;
        boolean lastWasFlush = false;
        while (true) {
            long now = System.currentTimeMillis();
            if (stopping && deadline == Long.MAX_VALUE)
                deadline = now + stopFlushMillis;
            if (stopping && ((pending.isEmpty() && !replay.owed()) || now > deadline))
                return;
            boolean replayStep = false;
            try {
                if (now < retryAt) {
                    pause(Math.min(retryAt, deadline) - now);
                    continue;
                }
                long oldest = pending.oldestSince();
                boolean flushDue = stopping || pending.size() >= flushSize || (oldest != 0 && now - oldest >= flushIntervalMillis);
                boolean replayOwed = replay.owed();
                boolean replayCanStep = replayOwed && replay.canStep();
                // Both due: they take turns, so that neither writers waiting for room nor a replay starve.
                if (flushDue && !pending.isEmpty() && !(lastWasFlush && replayCanStep)) {
                    lastWasFlush = true;
                    flushPending();
                }
                else if (replayOwed && stopping && !replayCanStep) {
                    // A stopping node no longer serves its cache; its leave makes the new primaries replay instead.
                    replay.abandon();
                    continue;
                }
                else if (replayCanStep) {
                    lastWasFlush = false;
                    replayStep = true;
                    replayBatch();
                }
                else {
                    pause(oldest == 0 ? 50 : Math.min(50, Math.max(1, oldest + flushIntervalMillis - now)));
                    continue;
                }
                listener.backendState(true, null);
                lastError = null;
                backoff = 0;
            }
            catch (InterruptedException ie) {
                // stop() interrupts to flush now.
            }
            catch (ReplayReadException ex) {
                if (stopping) {
                    // A stopping node no longer serves its cache; its leave makes the new primaries replay instead.
                    replay.abandon();
                    continue;
                }
                failures.incrementAndGet();
                warnOnce("cannot read the grid to replay: " + ex.getCause());
                backoff = nextBackoff(backoff);
                retryAt = System.currentTimeMillis() + backoff;
            }
            catch (Exception ex) {
                failures.incrementAndGet();
                String msg = String.valueOf(ex.getMessage());
                warnOnce("cannot write " + (replayStep ? "a replay batch" : pending.size() + " waiting updates") + ": " + msg);
                listener.backendState(false, msg);
                backoff = nextBackoff(backoff);
                retryAt = System.currentTimeMillis() + backoff;
            }
        }
    }

    private static long nextBackoff(long backoff) {
        return backoff == 0 ? 500 : Math.min(30_000, backoff * 2);
    }

    private void warnOnce(String msg) {
        if (!msg.equals(lastError))
            log.warning("Write-behind of cache " + cacheName + ": " + msg + " (retrying; nothing is dropped)");
        lastError = msg;
    }

    private static void pause(long millis) throws InterruptedException {
        if (millis > 0)
            Thread.sleep(Math.min(millis, 1000));
    }

    /** One batch of the replay: read, written, and only then let go. */
    private void replayBatch() throws Exception {
        List<Write<K, V>> batch;
        try {
            batch = replay.nextBatch(flushSize);
        }
        catch (Exception e) {
            throw new ReplayReadException(e);
        }
        if (replay.justStarted())
            listener.replayStarted(replay.progress());
        if (!batch.isEmpty()) {
            try {
                backend.applyAllAsync(batch).toCompletableFuture().get();
            }
            catch (ExecutionException e) {
                throw e.getCause() instanceof Exception c ? c : e;
            }
        }
        List<OwedKey> keys = replay.heldKeys();
        TopologyReplay.Progress finished = replay.written();
        if (!keys.isEmpty())
            listener.keysWritten(keys);
        written.addAndGet(batch.size());
        replayed.addAndGet(batch.size());
        if (finished != null)
            listener.replayFinished(finished);
    }

    /** A batch of pending updates that the backend is writing. */
    private record Sent<K, V>(List<Write<K, V>> batch, CompletableFuture<Void> done) {
    }

    /**
     * Writes what waits, {@value #PIPELINE} batches at a time, at most as many batches as waited when it
     * began (writers at full speed cannot keep it from a replay). A batch leaves the queue only once the
     * backend acknowledged all of it; on a failure the batches already sent are awaited and the first
     * error is thrown.
     */
    private void flushPending() throws Exception {
        long flushStart = System.currentTimeMillis();
        int budget = (pending.size() + flushSize - 1) / flushSize;
        ArrayDeque<Sent<K, V>> inFlight = new ArrayDeque<>();
        Set<Write<K, V>> sent = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable failure = null;
        while (true) {
            if (failure == null && budget > 0 && inFlight.size() < PIPELINE) {
                List<Write<K, V>> batch = pending.batch(flushSize, sent);
                if (!batch.isEmpty()) {
                    budget--;
                    sent.addAll(batch);
                    inFlight.add(new Sent<>(batch, backend.applyAllAsync(batch).toCompletableFuture()));
                    continue;
                }
            }
            Sent<K, V> oldest = inFlight.poll();
            if (oldest == null)
                break;
            try {
                oldest.done().get();
                // Up before the entries leave the queue: whoever sees the queue drained sees the backend up.
                listener.backendState(true, null);
                List<OwedKey> keys = new ArrayList<>(oldest.batch().size());
                for (Write<K, V> w : oldest.batch()) {
                    PendingWrites.Counted c = pending.written(w);
                    if (c != null)
                        keys.add(new OwedKey(c.partition(), w.key(), c.counter()));
                }
                written.addAndGet(oldest.batch().size());
                if (!keys.isEmpty())
                    listener.keysWritten(keys);
            }
            catch (ExecutionException e) {
                if (failure == null)
                    failure = e.getCause() == null ? e : e.getCause();
            }
            oldest.batch().forEach(sent::remove);
        }
        if (failure instanceof Exception e)
            throw e;
        if (failure != null)
            throw new IllegalStateException(failure);
        pending.flushed(flushStart);
    }

    /** The grid could not be read for a replay (not a backend failure). */
    private static final class ReplayReadException extends Exception {
        private static final long serialVersionUID = 1L;

        ReplayReadException(Exception cause) {
            super(cause);
        }
    }
}
