package io.gridkeep.store.writebehind.internal;

import java.util.function.LongConsumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.EventType;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.managers.discovery.DiscoCache;
import org.apache.ignite.internal.managers.eventstorage.DiscoveryEventListener;

/**
 * Tells the write-behind when a server node left or failed, with the topology version of its
 * departure, on the discovery thread (so before the partition exchange that event starts completes).
 *
 * <p>Through the kernal's event manager rather than {@code ignite.events()}: a cache with native
 * persistence starts its store while the node recovers from disk, before it joined the cluster, when
 * the public API is closed; discovery listeners need no event recording turned on either.
 */
final class ServerDepartures implements DiscoveryEventListener, AutoCloseable {
    private static final int[] TYPES = {EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED};

    private final IgniteEx ignite;
    private final LongConsumer onDeparture;

    private ServerDepartures(IgniteEx ignite, LongConsumer onDeparture) {
        this.ignite = ignite;
        this.onDeparture = onDeparture;
    }

    /** Calls {@code onDeparture} with the topology version of every server's leave or failure from now on. */
    static ServerDepartures listen(Ignite ignite, LongConsumer onDeparture) {
        ServerDepartures d = new ServerDepartures((IgniteEx)ignite, onDeparture);
        d.ignite.context().event().addDiscoveryEventListener(d, TYPES);
        return d;
    }

    @Override
    public void onEvent(DiscoveryEvent evt, DiscoCache discoCache) {
        if (!evt.eventNode().isClient())
            onDeparture.accept(evt.topologyVersion());
    }

    @Override
    public void close() {
        ignite.context().event().removeDiscoveryEventListener(this, TYPES);
    }
}
