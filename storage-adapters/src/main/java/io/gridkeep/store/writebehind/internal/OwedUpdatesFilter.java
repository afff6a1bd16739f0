package io.gridkeep.store.writebehind.internal;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.EventType;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.query.CacheQueryEntryEvent;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * The hook through which every owner of a partition, backups included, sees each update of it while
 * Ignite applies it, before the update is acknowledged: the remote filter of a continuous query,
 * which Ignite runs on the primary and on every backup of the entry (and on a node that joins, from
 * the moment it holds the partition). It passes nothing on (always false): it only tells the node's
 * write-behind, found by node and cache in {@link #register}, the key and the update counter.
 *
 * <p>Ignite does not run it for rebalancing, nor for expiry (an expired entry is not a delete for the
 * backend).
 */
final class OwedUpdatesFilter implements CacheEntryEventFilter<Object, Object>, Serializable {
    private static final long serialVersionUID = 1L;

    /** What a node's write-behind does with an update it sees as an owner. */
    interface Sink {
        void updated(Object key, long counter);
    }

    private static final Map<String, Sink> SINKS = new ConcurrentHashMap<>();

    private final String cacheName;

    @IgniteInstanceResource
    private transient Ignite ignite;

    OwedUpdatesFilter(String cacheName) {
        this.cacheName = cacheName;
    }

    /** Makes {@code sink} the receiver of the updates of {@code cacheName} on node {@code igniteInstanceName}. */
    static void register(String igniteInstanceName, String cacheName, Sink sink) {
        SINKS.put(igniteInstanceName + '\u0000' + cacheName, sink);
    }

    static void unregister(String igniteInstanceName, String cacheName, Sink sink) {
        SINKS.remove(igniteInstanceName + '\u0000' + cacheName, sink);
    }

    @Override
    public boolean evaluate(CacheEntryEvent<?, ?> e) {
        if (e.getEventType() == EventType.EXPIRED || !(e instanceof CacheQueryEntryEvent<?, ?> q))
            return false;
        Sink sink = SINKS.get(ignite.name() + '\u0000' + cacheName);
        if (sink != null)
            sink.updated(e.getKey(), q.getPartitionUpdateCounter());
        return false;
    }
}
