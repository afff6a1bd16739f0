package io.gridkeep.store.writebehind.internal;

import io.gridkeep.store.StoreEvents;
import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.internal.VersionClock;
import io.gridkeep.store.VersionedBackend;
import io.gridkeep.store.WrappedStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCheckedException;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.cache.store.CacheStore;
import org.apache.ignite.cache.store.CacheStoreAdapter;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.Event;
import org.apache.ignite.events.EventType;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.IgniteInternalFuture;
import org.apache.ignite.internal.processors.affinity.AffinityTopologyVersion;
import org.apache.ignite.lang.IgniteBiInClosure;
import org.apache.ignite.lang.IgnitePredicate;
import org.apache.ignite.lifecycle.LifecycleAware;
import org.apache.ignite.resources.CacheNameResource;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.resources.LoggerResource;

/**
 * Write-behind whose acknowledged updates survive the SIGKILL of the node that queued them.
 *
 * <p>How: Ignite calls the store on an entry's primary node while it applies the update, before the
 * client is acknowledged; this store only records the key with the new value and a version, and a
 * flusher thread writes batches to the backend later. That queue is in one node's memory, as with
 * Ignite's own write-behind; what makes it loss-free is that it need not survive: the grid holds every
 * acknowledged value on the backups too (FULL_SYNC). When a server node leaves or fails, every node
 * queues again the entries of the partitions it is primary for, read from its own copy, so the values
 * the dead node had queued reach the backend from their new primary.
 *
 * <p>Versions make that replay safe. A version is a hybrid clock in microseconds since the epoch:
 * the wall clock, or one more than the node's last version when that is higher, so a node's versions
 * always grow, across updates, topology changes and even a clock stepping back. A key has one primary
 * at a time, so its versions grow in update order; the replay after a failure runs on the new primary
 * after the topology change, with a fresh version, above anything the dead node wrote as long as the
 * nodes' clocks agree to within the time a failure takes to detect (seconds; NTP keeps them within
 * milliseconds), and below any later update on the new primary. The backend keeps the highest version
 * per key ({@link VersionedBackend}), so a replayed or late write never replaces a newer one. Being
 * wall-clock time, versions keep growing across a restart of the whole cluster and order correctly
 * against anything else that writes the backend with ordinary timestamps (Cassandra's own, a
 * write-through store on the same table).
 *
 * <p>No cache operation runs inside a store callback: the replay reads the cache from the flusher
 * thread. A backend that is down keeps updates waiting (and retried with back-off); past
 * {@code maxPending} keys, updates wait for room instead of being dropped.
 *
 * <p>Limits: a delete queued on a node that dies is not replayed (the key is gone from the grid, so
 * the backend keeps the old row until the key is written again); the replay after a failure rewrites
 * all of each survivor's primary partitions, not only those the dead node led.
 */
public final class LossFreeWriteBehind<K, V> extends CacheStoreAdapter<K, V> implements LifecycleAware {

    /** Batches written at once by the flusher. */
    private static final int PIPELINE = 2;

    @IgniteInstanceResource
    private Ignite ignite;

    @LoggerResource
    private IgniteLogger log;

    @CacheNameResource
    private String cacheName;

    private final CacheStore<K, V> store;
    private final VersionedBackend<K, V> backend;
    private final long flushIntervalMillis;
    private final int flushSize;
    private final long stopFlushMillis;
    private final Semaphore room;
    private final ConcurrentHashMap<Object, VersionedBackend.Write<K, V>> pending = new ConcurrentHashMap<>();
    private final VersionClock clock = new VersionClock();
    private final LinkedBlockingQueue<Long> replays = new LinkedBlockingQueue<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final IgnitePredicate<Event> topologyListener = this::onTopologyChange;
    private volatile boolean stopping;
    private volatile long pendingSince;
    private volatile boolean backendUp = true;
    private final int maxPending;
    private volatile Thread flusher;
    private volatile String lastError;
    private volatile StoreMetrics metrics;

    @SuppressWarnings("unchecked")
    public LossFreeWriteBehind(CacheStore<K, V> store, long flushIntervalMillis, int flushSize, int maxPending, long stopFlushMillis) {
        this.store = store;
        this.backend = (VersionedBackend<K, V>)store;
        this.flushIntervalMillis = flushIntervalMillis;
        this.flushSize = flushSize;
        this.stopFlushMillis = stopFlushMillis;
        this.room = new Semaphore(maxPending);
        this.maxPending = maxPending;
    }

    @Override
    public void start() {
        // This write-behind owns the cache's store registry; the store it wraps adds its own metrics to it.
        metrics = StoreMetrics.register(ignite, log, backend.storeName(), cacheName);
        if (store instanceof WrappedStore w)
            w.bind(ignite, log, cacheName, metrics);
        if (store instanceof LifecycleAware la)
            la.start();
        registerMetrics();
        ignite.events().enableLocal(EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
        ignite.events().localListen(topologyListener, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
        Thread t = new Thread(this::flushLoop, "gridkeep-write-behind-" + cacheName);
        t.setDaemon(true);
        flusher = t;
        t.start();
    }

    @Override
    public void stop() {
        stopping = true;
        try {
            ignite.events().stopLocalListen(topologyListener);
        }
        catch (RuntimeException e) {
            // The node is stopping and its event API is closed already: the listener goes with it.
        }
        Thread t = flusher;
        if (t != null) {
            t.interrupt();
            try {
                t.join(stopFlushMillis + 5000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!pending.isEmpty())
            log.warning("Write-behind of cache " + cacheName + " stopped with " + pending.size() + " updates unwritten ("
                + lastError + "); their values stay in the grid's backups and are replayed by the new primaries");
        if (store instanceof LifecycleAware la)
            la.stop();
        metrics.remove();
    }

    private void registerMetrics() {
        metrics.gauge(StoreMetrics.PENDING_ENTRIES, () -> (long)pending.size(), "Updates waiting on this node to be written (keys).");
        metrics.gauge(StoreMetrics.MAX_PENDING_ENTRIES, () -> (long)maxPending,
            "How many keys may wait on this node before updates wait for room.");
        metrics.gauge(StoreMetrics.FLUSH_LAG_SECONDS, () -> {
            long since = pendingSince;
            return since == 0 || pending.isEmpty() ? 0.0 : (System.currentTimeMillis() - since) / 1000.0;
        }, "Age of the oldest update still waiting to be written, in seconds (to the last flush).");
        metrics.gauge(StoreMetrics.UPDATES_WRITTEN, written::get, "Total number of updates written to the backend by write-behind.");
        metrics.gauge(StoreMetrics.FLUSH_FAILURES, failures::get, "Total number of write-behind flushes that failed and are retried.");
        metrics.gauge(StoreMetrics.BACKEND_UP, () -> backendUp ? 1L : 0L,
            "1 when the last write-behind flush succeeded, 0 while the backend fails.");
    }

    private void backendState(boolean up, String why) {
        if (up == backendUp)
            return;
        backendUp = up;
        StoreEvents.recordBackendState(ignite, cacheName, backend.storeName(), up, why);
    }

    /** The next version for an update on this node. */
    private long nextVersion() {
        return clock.next();
    }

    private void enqueue(Object key, Object value, long version) {
        @SuppressWarnings("unchecked")
        VersionedBackend.Write<K, V> w = new VersionedBackend.Write<>((K)key, (V)value, version);
        while (true) {
            VersionedBackend.Write<K, V> cur = pending.get(key);
            if (cur != null) {
                if (cur.version() >= version || pending.replace(key, cur, w))
                    return;
                continue;
            }
            // A new key needs room: wait for it rather than drop anything (back-pressure).
            room.acquireUninterruptibly();
            if (pending.putIfAbsent(key, w) == null) {
                if (pendingSince == 0)
                    pendingSince = System.currentTimeMillis();
                return;
            }
            room.release();
        }
    }

    @Override
    public void write(Cache.Entry<? extends K, ? extends V> e) {
        enqueue(e.getKey(), e.getValue(), nextVersion());
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
        for (Cache.Entry<? extends K, ? extends V> e : entries)
            write(e);
        entries.clear();
    }

    @Override
    public void delete(Object key) {
        enqueue(key, null, nextVersion());
    }

    @Override
    public void deleteAll(Collection<?> keys) {
        for (Object k : keys)
            delete(k);
        keys.clear();
    }

    @Override
    public V load(K key) {
        return store.load(key);
    }

    @Override
    public Map<K, V> loadAll(Iterable<? extends K> keys) {
        return store.loadAll(keys);
    }

    @Override
    public void loadCache(IgniteBiInClosure<K, V> clo, Object... args) {
        store.loadCache(clo, args);
    }

    /** Updates waiting on this node. */
    public int pendingCount() {
        return pending.size();
    }

    private boolean onTopologyChange(Event e) {
        if (e instanceof DiscoveryEvent de && !de.eventNode().isClient())
            replays.add(de.topologyVersion());
        return true;
    }

    private void flushLoop() {
        long backoff = 0;
        long deadline = Long.MAX_VALUE;
        while (true) {
            if (stopping && deadline == Long.MAX_VALUE)
                deadline = System.currentTimeMillis() + stopFlushMillis;
            if (stopping && ((pending.isEmpty() && replays.isEmpty()) || System.currentTimeMillis() > deadline))
                return;
            try {
                // Replays run even while stopping: a stop right after a failure must still write what the dead node had.
                Long replayTopVer = replays.poll();
                if (replayTopVer != null) {
                    replay(replayTopVer);
                    continue;
                }
                if (!stopping && pending.size() < flushSize) {
                    long until = System.currentTimeMillis() + Math.max(flushIntervalMillis, backoff);
                    while (!stopping && pending.size() < flushSize && System.currentTimeMillis() < until && replays.isEmpty())
                        Thread.sleep(Math.min(50, Math.max(1, until - System.currentTimeMillis())));
                }
                else if (backoff > 0)
                    Thread.sleep(Math.min(backoff, 1000));
                if (!replays.isEmpty())
                    continue;
                long flushStart = System.currentTimeMillis();
                flushAll();
                // What came in during the flush is younger than its start.
                pendingSince = pending.isEmpty() ? 0 : flushStart;
                backendState(true, null);
                backoff = 0;
            }
            catch (InterruptedException ie) {
                // stop() interrupts to flush now; the loop ends once pending is empty or the deadline passed.
            }
            catch (Exception ex) {
                failures.incrementAndGet();
                String msg = String.valueOf(ex.getMessage());
                if (stopping && !replays.isEmpty()) {
                    // A replay needs the cache, which a stopping node no longer serves; the new primaries replay instead.
                    replays.clear();
                    continue;
                }
                if (!msg.equals(lastError))
                    log.warning("Write-behind of cache " + cacheName + ": cannot write " + pending.size() + " waiting updates: " + msg
                        + " (retrying; nothing is dropped)");
                backendState(false, msg);
                lastError = msg;
                backoff = backoff == 0 ? 500 : Math.min(30_000, backoff * 2);
            }
        }
    }

    /** A batch the backend is writing. */
    private record Sent<K, V>(List<VersionedBackend.Write<K, V>> batch, CompletableFuture<Void> done) {
    }

    /**
     * Writes what waits, {@value #PIPELINE} batches at a time: the next batch goes out while the
     * previous one completes, so that the backend never idles between batches. A batch leaves the
     * queue only once the backend has acknowledged all of it; on a failure the batches already sent
     * are awaited and the first error is thrown (the loop retries).
     */
    private void flushAll() throws Exception {
        ArrayDeque<Sent<K, V>> inFlight = new ArrayDeque<>();
        Set<VersionedBackend.Write<K, V>> sent = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable failure = null;
        while (true) {
            if (failure == null && inFlight.size() < PIPELINE) {
                List<VersionedBackend.Write<K, V>> batch = nextBatch(sent);
                if (!batch.isEmpty()) {
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
                backendState(true, null);
                for (VersionedBackend.Write<K, V> w : oldest.batch()) {
                    // Only this very update: a newer one for the key stays queued.
                    if (pending.remove(w.key(), w))
                        room.release();
                }
                written.addAndGet(oldest.batch().size());
                lastError = null;
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
    }

    /** Up to flushSize waiting updates that are not being written already. */
    private List<VersionedBackend.Write<K, V>> nextBatch(Set<VersionedBackend.Write<K, V>> sent) {
        List<VersionedBackend.Write<K, V>> batch = new ArrayList<>(flushSize);
        for (VersionedBackend.Write<K, V> w : pending.values()) {
            if (sent.contains(w))
                continue;
            batch.add(w);
            if (batch.size() == flushSize)
                break;
        }
        return batch;
    }

    /** Queues again every entry this node is primary for, after the exchange of {@code topVer}, at one fresh version. */
    private void replay(long topVer) throws IgniteCheckedException {
        // Primary ownership moves with the exchange of that topology version: wait for it, or this
        // node would still see the old assignment and skip the partitions it has just taken over.
        IgniteInternalFuture<?> ready = ((IgniteEx)ignite).context().cache().context()
            .exchange().affinityReadyFuture(new AffinityTopologyVersion(topVer));
        if (ready != null)
            ready.get();
        IgniteCache<Object, Object> cache = ignite.cache(cacheName).withKeepBinary();
        ClusterNode local = ignite.cluster().localNode();
        int[] parts = ignite.affinity(cacheName).primaryPartitions(local);
        // One version for all: each value is the newest the grid holds, and later updates get higher ones.
        long version = nextVersion();
        long n = 0;
        for (int p : parts) {
            for (Cache.Entry<Object, Object> e : cache.query(new ScanQuery<>().setLocal(true).setPartition(p))) {
                enqueue(e.getKey(), e.getValue(), version);
                n++;
            }
        }
        if (log.isInfoEnabled())
            log.info("Write-behind of cache " + cacheName + ": a server left the cluster (topology " + topVer + "); queued " + n
                + " entries of " + parts.length + " primary partitions again, so that nothing it had not written is lost");
    }
}
