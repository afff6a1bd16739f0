package io.gridkeep.store.writebehind.internal;

import io.gridkeep.store.StoreEvents;
import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.VersionedBackend;
import io.gridkeep.store.VersionedBackend.Write;
import io.gridkeep.store.WrappedStore;
import io.gridkeep.store.internal.StartingCacheConfig;
import io.gridkeep.store.internal.VersionClock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.cache.store.CacheStore;
import org.apache.ignite.cache.store.CacheStoreAdapter;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.lang.IgniteBiInClosure;
import org.apache.ignite.lifecycle.LifecycleAware;
import org.apache.ignite.resources.CacheNameResource;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.resources.LoggerResource;

/**
 * Write-behind whose acknowledged updates survive the SIGKILL of the node that queued them.
 *
 * <p>How: Ignite calls the store on an entry's primary node while it applies the update, before the
 * client is acknowledged; this store only records the key with the new value and a version
 * ({@link PendingWrites}), and a flusher thread writes batches to the backend later
 * ({@link WriteBehindFlusher}). That queue is in one node's memory, as with Ignite's own
 * write-behind; what makes it loss-free is that it need not survive: the grid holds every
 * acknowledged value on the backups too (FULL_SYNC, checked at start by
 * {@link WriteBehindPreconditions}). Every owner of a partition, backups included, also keeps the keys
 * updated there that no node has yet said it wrote ({@link OwedUpdates}, fed on Ignite's update path by
 * {@link OwedUpdatesFilter}, pruned and completed by {@link OwedSync}). When a server node leaves or
 * fails, every node writes again those keys of the partitions it is primary for, each as its own copy
 * holds it, and a key it no longer holds as a delete ({@link TopologyReplay}): so the values and the
 * deletes the dead node had queued reach the backend from their new primary, and a replay is as large
 * as what was unwritten. A partition whose owed set this node cannot vouch for (it joined and no
 * complete set reached it yet) is written whole instead. A replay is a cursor over the grid, not more
 * pending updates: it takes no room from writers, however large.
 *
 * <p>Versions make that replay safe. A version is a hybrid clock in microseconds since the epoch
 * ({@link VersionClock}), so a node's versions always grow, and every server's clock follows the
 * fastest of them ({@link ClockGossip}, every 100 ms): a node whose wall clock is behind still
 * versions the updates it takes over above those of the primary before it. The replay after a
 * failure writes at a version taken when the failure is seen, above anything the dead node wrote,
 * and below any update on the new primary that the replay might not see (see {@link TopologyReplay}
 * for why). The backend keeps the
 * highest version per key ({@link VersionedBackend}), so a replayed or late write never replaces a
 * newer one.
 *
 * <p>With native persistence a whole-cluster stop may leave updates unwritten (the backend was down
 * and {@code stopFlushMillis} passed): the persisted grid has them, but no queue does after the
 * restart. So a persistent cache owes the same replay when it starts ({@link TopologyReplay.Cause}),
 * run once the activation's exchange is done.
 *
 * <p>No cache operation runs inside a store callback: the replay reads the cache from the flusher
 * thread. A backend that is down keeps updates waiting (and retried with back-off); past
 * {@code maxPending} keys, updates wait for room instead of being dropped.
 *
 * <p>Limits: in a partition written whole (no complete owed set), a delete queued on a node that dies
 * is not replayed (the key is gone from the grid, so the backend keeps the old row until the key is
 * written again).
 */
public final class LossFreeWriteBehind<K, V> extends CacheStoreAdapter<K, V> implements LifecycleAware {
    /** How often each server tells the others its version clock (see {@link ClockGossip}). */
    private static final long CLOCK_GOSSIP_MILLIS = 100;

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
    private final PendingWrites<K, V> pending;
    private final OwedUpdates owed = new OwedUpdates();
    private final OwedUpdatesFilter.Sink sink = this::updated;
    private final VersionClock clock = new VersionClock();
    private volatile boolean backendUp = true;
    private volatile TopologyReplay<K, V> replay;
    private volatile ServerDepartures departures;
    private volatile ClockGossip clockGossip;
    private volatile OwedSync owedSync;
    private volatile PartitionStates partitionStates;
    private volatile WriteBehindFlusher<K, V> flusher;
    private volatile Thread flusherThread;
    private volatile StoreMetrics metrics;

    @SuppressWarnings("unchecked")
    public LossFreeWriteBehind(CacheStore<K, V> store, long flushIntervalMillis, int flushSize, int maxPending, long stopFlushMillis) {
        this.store = store;
        this.backend = (VersionedBackend<K, V>)store;
        this.flushIntervalMillis = flushIntervalMillis;
        this.flushSize = flushSize;
        this.stopFlushMillis = stopFlushMillis;
        this.pending = new PendingWrites<>(maxPending);
    }

    @Override
    public void start() {
        WriteBehindPreconditions.violation(ignite, cacheName).ifPresent(why -> {
            throw new IgniteException("gridkeep: loss-free write-behind of cache " + cacheName + ": " + why);
        });
        // This write-behind owns the cache's store registry; the store it wraps adds its own metrics to it.
        metrics = StoreMetrics.register(ignite, log, backend.storeName(), cacheName);
        if (store instanceof WrappedStore w)
            w.bind(ignite, log, cacheName, metrics);
        if (store instanceof LifecycleAware la)
            la.start();
        boolean keepBinary = StartingCacheConfig.of(ignite, cacheName).map(CacheConfiguration::isStoreKeepBinary).orElse(false);
        replay = new TopologyReplay<>(new GridReplaySource(ignite, cacheName, keepBinary), owed);
        partitionStates = new PartitionStates(ignite, cacheName);
        OwedUpdatesFilter.register(String.valueOf(ignite.name()), cacheName, sink);
        owedSync = OwedSync.start(ignite, cacheName, owed, keepBinary, log);
        flusher = new WriteBehindFlusher<>(cacheName, pending, replay, backend, flushSize, flushIntervalMillis, stopFlushMillis,
            new FlushListener(), log);
        registerMetrics();
        // Topology 0: the first this node is ready on (it has not joined yet when it recovers from persistence).
        if (StartingCacheConfig.persistent(ignite, cacheName))
            replay.request(0, clock.next(), TopologyReplay.Cause.RESTART_FROM_PERSISTENCE);
        departures = ServerDepartures.listen(ignite, topologyVersion -> replay.request(topologyVersion, clock.next()));
        clockGossip = ClockGossip.start(ignite, cacheName, clock, CLOCK_GOSSIP_MILLIS, log);
        Thread t = new Thread(flusher, "gridkeep-write-behind-" + cacheName);
        t.setDaemon(true);
        flusherThread = t;
        t.start();
    }

    @Override
    public void stop() {
        if (departures != null)
            departures.close();
        Thread t = flusherThread;
        if (t != null) {
            flusher.stop();
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
                + (flusher == null ? null : flusher.lastError()) + "); their values stay in the grid's backups and are replayed by the "
                + "new primaries, and, with native persistence, when the cache next starts");
        // After the flusher: its last writes still tell the other owners.
        if (clockGossip != null)
            clockGossip.close();
        OwedUpdatesFilter.unregister(String.valueOf(ignite.name()), cacheName, sink);
        if (owedSync != null)
            owedSync.close();
        if (store instanceof LifecycleAware la)
            la.stop();
        if (metrics != null)
            metrics.remove();
    }

    private void registerMetrics() {
        WriteBehindFlusher<K, V> f = flusher;
        metrics.gauge(StoreMetrics.PENDING_ENTRIES, () -> (long)pending.size(), "Updates waiting on this node to be written (keys).");
        metrics.gauge(StoreMetrics.MAX_PENDING_ENTRIES, () -> (long)pending.maxPending(),
            "How many keys may wait on this node before updates wait for room.");
        metrics.gauge(StoreMetrics.FLUSH_LAG_SECONDS, () -> {
            long since = pending.oldestSince();
            return since == 0 ? 0.0 : (System.currentTimeMillis() - since) / 1000.0;
        }, "Age of the oldest update still waiting to be written, in seconds (to the last flush).");
        metrics.gauge(StoreMetrics.UPDATES_WRITTEN, f::written,
            "Total number of updates written to the backend by write-behind, replayed entries included.");
        metrics.gauge(StoreMetrics.UPDATES_REPLAYED, f::replayed,
            "Total number of entries written to the backend again by replays after a server left.");
        metrics.gauge(StoreMetrics.REPLAY_OWED, () -> replay.owed() ? 1L : 0L,
            "1 while a replay (after a server left, or a start from native persistence) waits or runs on this node, else 0.");
        metrics.gauge(StoreMetrics.REPLAYED_TOPOLOGY, replay::lastFinished,
            "The topology version whose replay this node finished last, -1 before any.");
        metrics.gauge(StoreMetrics.OWED_KEYS, owed::size,
            "Keys whose last update this node saw as an owner and no node has said it wrote yet.");
        metrics.gauge(StoreMetrics.CLOCK_LEAD_MICROS, clock::leadMicros,
            "How far ahead of this node's wall clock its version clock runs, in microseconds, following a faster server's.");
        metrics.gauge(StoreMetrics.FLUSH_FAILURES, f::failures, "Total number of write-behind flushes that failed and are retried.");
        metrics.gauge(StoreMetrics.BACKEND_UP, () -> backendUp ? 1L : 0L,
            "1 when the last write-behind flush succeeded, 0 while the backend fails.");
    }

    @Override
    public void write(Cache.Entry<? extends K, ? extends V> e) {
        pending.offer(new Write<>(e.getKey(), e.getValue(), clock.next()));
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
        for (Cache.Entry<? extends K, ? extends V> e : entries)
            write(e);
        entries.clear();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void delete(Object key) {
        pending.offer(new Write<>((K)key, null, clock.next()));
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

    /**
     * An update this node applies as an owner of its partition (primary or backup), from
     * {@link OwedUpdatesFilter}, before it is acknowledged; on the primary, right after {@link #write}
     * or {@link #delete} queued it.
     */
    private void updated(Object key, long counter) {
        int partition = partitionStates.partition(key);
        if (partition < 0)
            return;
        owed.record(partition, key, counter);
        PendingWrites.Counted written = pending.count(key, partition, counter);
        OwedSync s = owedSync;
        if (written != null && s != null)
            s.written(List.of(new OwedKey(partition, key, counter)));
    }

    /** Updates waiting on this node. */
    public int pendingCount() {
        return pending.size();
    }

    /** Turns the flusher's reports into the metrics' state, store events and log lines. */
    private final class FlushListener implements WriteBehindFlusher.Listener {
        @Override
        public void backendState(boolean up, String why) {
            if (up == backendUp)
                return;
            backendUp = up;
            StoreEvents.recordBackendState(ignite, cacheName, backend.storeName(), up, why);
        }

        @Override
        public void replayStarted(TopologyReplay.Progress p) {
            if (!log.isInfoEnabled())
                return;
            if (p.cause() == TopologyReplay.Cause.RESTART_FROM_PERSISTENCE)
                log.info("Write-behind of cache " + cacheName + ": the cache started from native persistence (topology "
                    + p.topologyVersion() + "); writing again the entries of " + p.partitions() + " primary partitions, so that "
                    + "nothing the last stop left unwritten is lost");
            else
                log.info("Write-behind of cache " + cacheName + ": a server left the cluster (topology " + p.topologyVersion()
                    + "); writing again the entries of " + p.partitions() + " primary partitions, so that nothing it had not "
                    + "written is lost");
        }

        @Override
        public void replayFinished(TopologyReplay.Progress p) {
            if (log.isInfoEnabled())
                log.info("Write-behind of cache " + cacheName + ": replay for topology " + p.topologyVersion() + " done: wrote "
                    + p.entries() + " entries of " + p.partitions() + " primary partitions (" + p.wholePartitions()
                    + " of them whole, the others only their unwritten keys)");
        }

        @Override
        public void keysWritten(List<OwedKey> keys) {
            OwedSync s = owedSync;
            if (s != null)
                s.written(keys);
        }
    }
}
