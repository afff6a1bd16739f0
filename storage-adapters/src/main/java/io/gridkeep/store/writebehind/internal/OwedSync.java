package io.gridkeep.store.writebehind.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.FactoryBuilder;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.lang.IgniteBiPredicate;

/**
 * Keeps this node's {@link OwedUpdates} true, talking with the other owners of each partition:
 *
 * <ul>
 *   <li>once the node has joined, starts its continuous query, whose {@link OwedUpdatesFilter} records
 *       every update on every owner (each server starts one, so the filter runs as long as any of them
 *       is up; a joining node gets the running queries before it holds a partition);</li>
 *   <li>sends the keys this node wrote to the backend to the other owners of their partitions, which
 *       forget them ({@link WrittenKeys});</li>
 *   <li>makes each partition this node owns complete: a partition that was never updated is; for any
 *       other, it asks the primary for its set ({@link OwedRequest}) once it receives the partition's
 *       updates itself, and adopts the answer ({@link OwedReply}) if the primary's set was complete;</li>
 *   <li>forgets partitions this node no longer holds.</li>
 * </ul>
 *
 * <p>Messages may be lost (a node leaves): a key not forgotten is only written once more by a replay;
 * a set not made complete only makes a replay read its partition whole.
 */
final class OwedSync implements AutoCloseable {
    // Classes, not records: Ignite's binary marshaller sets fields reflectively, which Java forbids for a record's.

    /** Keys written to the backend, for the owners of their partitions. */
    static final class WrittenKeys implements Serializable {
        private static final long serialVersionUID = 1L;
        private List<OwedKey> keys;

        WrittenKeys(List<OwedKey> keys) {
            this.keys = keys;
        }

        List<OwedKey> keys() {
            return keys;
        }
    }

    /** Asks an owner for its complete owed sets of {@code partitions}. */
    static final class OwedRequest implements Serializable {
        private static final long serialVersionUID = 1L;
        private int[] partitions;

        OwedRequest(int[] partitions) {
            this.partitions = partitions;
        }

        int[] partitions() {
            return partitions;
        }
    }

    /** An owner's complete owed sets, by partition. */
    static final class OwedReply implements Serializable {
        private static final long serialVersionUID = 1L;
        private Map<Integer, Map<Object, Long>> sets;

        OwedReply(Map<Integer, Map<Object, Long>> sets) {
            this.sets = sets;
        }

        Map<Integer, Map<Object, Long>> sets() {
            return sets;
        }
    }

    private static final long SYNC_MILLIS = 500;
    /** How long a write heard of before its update may wait for the update (updates take milliseconds to reach a backup). */
    private static final long AHEAD_MILLIS = 5_000;

    private final Ignite ignite;
    private final String cacheName;
    private final String topic;
    private final OwedUpdates owed;
    private final boolean keepBinary;
    private final PartitionStates states;
    private final IgniteLogger log;
    private final LinkedBlockingQueue<OwedKey> toSend = new LinkedBlockingQueue<>();
    private final IgniteBiPredicate<UUID, Object> listener = this::onMessage;
    private final Thread thread;
    private volatile QueryCursor<?> query;  // kept so that the query is not collected; see close()
    private volatile boolean listening;
    private volatile boolean stopped;

    private OwedSync(Ignite ignite, String cacheName, OwedUpdates owed, boolean keepBinary, IgniteLogger log) {
        this.ignite = ignite;
        this.cacheName = cacheName;
        this.topic = "gridkeep-write-behind-owed-" + cacheName;
        this.owed = owed;
        this.keepBinary = keepBinary;
        this.states = new PartitionStates(ignite, cacheName);
        this.log = log;
        this.thread = new Thread(this::run, "gridkeep-write-behind-owed-" + cacheName);
        thread.setDaemon(true);
    }

    /** Starts keeping {@code owed} true for {@code cacheName} on this node. */
    static OwedSync start(Ignite ignite, String cacheName, OwedUpdates owed, boolean keepBinary, IgniteLogger log) {
        OwedSync s = new OwedSync(ignite, cacheName, owed, keepBinary, log);
        s.thread.start();
        return s;
    }

    /** The backend took {@code keys}: this node forgets them now, the other owners once the message reaches them. */
    void written(List<OwedKey> keys) {
        for (OwedKey k : keys)
            owed.written(k.partition(), k.key(), k.counter());
        toSend.addAll(keys);
    }

    /** Whether this node's own continuous query runs (from then on its sets can become complete). */
    boolean tracking() {
        return query != null;
    }

    private void run() {
        long nextSync = 0;
        while (!stopped) {
            try {
                OwedKey first = toSend.poll(100, TimeUnit.MILLISECONDS);
                List<OwedKey> keys = null;
                if (first != null) {
                    keys = new ArrayList<>();
                    keys.add(first);
                    toSend.drainTo(keys, 10_000);
                }
                if (!listening) {
                    ignite.message().localListen(topic, listener);
                    listening = true;
                }
                if (query == null)
                    startQuery();
                if (keys != null)
                    send(keys);
                if (System.currentTimeMillis() >= nextSync) {
                    sync();
                    nextSync = System.currentTimeMillis() + SYNC_MILLIS;
                }
            }
            catch (InterruptedException stop) {
                return;
            }
            catch (RuntimeException notNow) {
                // Not joined yet, the cache not started, or the node stopping: the next round tries again.
                if (log.isDebugEnabled())
                    log.debug("Write-behind of cache " + cacheName + ": owed-update sync: " + notNow);
            }
        }
    }

    private void startQuery() {
        IgniteCache<Object, Object> cache = ignite.cache(cacheName);
        if (cache == null)
            return;
        if (keepBinary)
            cache = cache.withKeepBinary();
        ContinuousQuery<Object, Object> q = new ContinuousQuery<>();
        q.setRemoteFilterFactory(FactoryBuilder.factoryOf(new OwedUpdatesFilter(cacheName)));
        q.setLocalListener(events -> {
            // The filter passes nothing on: it records on each owner.
        });
        query = cache.query(q);
    }

    private void send(List<OwedKey> keys) {
        ClusterNode self = ignite.cluster().localNode();
        Map<ClusterNode, List<OwedKey>> byNode = new HashMap<>();
        for (OwedKey k : keys) {
            for (ClusterNode n : states.owners(k.partition())) {
                if (!n.equals(self))
                    byNode.computeIfAbsent(n, x -> new ArrayList<>()).add(k);
            }
        }
        byNode.forEach((n, list) -> sendTo(n, new WrittenKeys(list)));
    }

    private void sendTo(ClusterNode node, Serializable msg) {
        try {
            ignite.message(ignite.cluster().forNode(node)).send(topic, msg);
        }
        catch (RuntimeException gone) {
            // The node left: what it would have forgotten no longer matters.
        }
    }

    /** Completes the partitions this node owns where it can, asks the other owners for the rest, forgets what it no longer holds. */
    private void sync() {
        if (query == null)
            return;
        ClusterNode self = ignite.cluster().localNode();
        Set<Integer> owned = states.owned(self.id());
        Map<ClusterNode, List<Integer>> asks = new HashMap<>();
        for (int p : owned) {
            if (owed.complete(p) || !states.receivesUpdates(p))
                continue;
            if (states.ownedAndNeverUpdated(p)) {
                owed.markComplete(p);
                continue;
            }
            // Any other owner whose set is complete will do: after a handover the old primary is a backup.
            for (ClusterNode n : states.owners(p)) {
                if (!n.equals(self))
                    asks.computeIfAbsent(n, x -> new ArrayList<>()).add(p);
            }
        }
        asks.forEach((n, parts) -> sendTo(n, new OwedRequest(parts.stream().mapToInt(Integer::intValue).toArray())));
        // A partition this node stopped receiving, or holds anew (evicted and moving in again since the last round), may have
        // missed updates: its set starts over, incomplete.
        List<Integer> gone = new ArrayList<>();
        for (int p : owed.partitions()) {
            Object instance = states.instance(p);
            if (!states.receivesUpdates(p) || !owed.heldAs(p, instance))
                gone.add(p);
        }
        gone.forEach(owed::forget);
        owed.expireAhead(AHEAD_MILLIS);
    }

    private boolean onMessage(UUID from, Object msg) {
        try {
            if (msg instanceof WrittenKeys w) {
                for (OwedKey k : w.keys())
                    owed.written(k.partition(), k.key(), k.counter());
            }
            else if (msg instanceof OwedRequest r)
                answer(from, r);
            else if (msg instanceof OwedReply r)
                adopt(r);
        }
        catch (RuntimeException e) {
            log.warning("Write-behind of cache " + cacheName + ": cannot handle " + msg.getClass().getSimpleName() + " from " + from
                + ": " + e);
        }
        return !stopped;
    }

    private void answer(UUID from, OwedRequest r) {
        Map<Integer, Map<Object, Long>> sets = new HashMap<>();
        for (int p : r.partitions()) {
            if (owed.complete(p))
                sets.put(p, new HashMap<>(owed.owed(p)));
        }
        ClusterNode node = ignite.cluster().node(from);
        if (!sets.isEmpty() && node != null)
            sendTo(node, new OwedReply(sets));
    }

    private void adopt(OwedReply r) {
        // Only where this node sees every update itself: the primary's set and its own then miss nothing between them.
        r.sets().forEach((p, set) -> {
            if (!owed.complete(p) && states.receivesUpdates(p))
                owed.adopt(p, set);
        });
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(5000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The continuous query is not closed: that is a cluster-wide round, which a cluster whose nodes all stop at once may never
        // finish (the stop hung on it). It goes when this node leaves, or with its cache; meanwhile its filter finds no sink here.
        if (listening) {
            try {
                ignite.message().stopLocalListen(topic, listener);
            }
            catch (RuntimeException stopping) {
                // The node is stopping: its listeners go with it.
            }
        }
    }
}
