package io.gridkeep.store.writebehind.internal;

import io.gridkeep.store.internal.VersionClock;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.cluster.ClusterGroup;
import org.apache.ignite.lang.IgniteBiPredicate;

/**
 * Keeps the write-behind's version clocks of all servers at the fastest of them: every
 * {@code periodMillis} each node sends its clock's reading to the other servers, which
 * {@link VersionClock#observe observe} it. So a node whose wall clock is behind still versions the
 * updates it takes over above those the node before it wrote, and the backend keeps the newest.
 *
 * <p>Its own thread, not the flusher: the flusher may wait on the backend for seconds. The thread
 * waits until the node has joined (the messaging API is closed before), so a store that starts while
 * its node recovers from persistence can start it at once.
 */
final class ClockGossip implements AutoCloseable {
    private final Ignite ignite;
    private final String topic;
    private final VersionClock clock;
    private final long periodMillis;
    private final IgniteLogger log;
    private final IgniteBiPredicate<UUID, Object> listener;
    private final Thread thread;
    private volatile boolean listening;
    private volatile boolean stopped;

    private ClockGossip(Ignite ignite, String cacheName, VersionClock clock, long periodMillis, IgniteLogger log) {
        this.ignite = ignite;
        this.topic = "gridkeep-write-behind-clock-" + cacheName;
        this.clock = clock;
        this.periodMillis = periodMillis;
        this.log = log;
        this.listener = (node, msg) -> {
            if (msg instanceof Long peerNow)
                clock.observe(peerNow);
            return true;
        };
        this.thread = new Thread(this::run, "gridkeep-write-behind-clock-" + cacheName);
        thread.setDaemon(true);
    }

    /** Starts sending and hearing clock readings for {@code cacheName}'s write-behind. */
    static ClockGossip start(Ignite ignite, String cacheName, VersionClock clock, long periodMillis, IgniteLogger log) {
        ClockGossip g = new ClockGossip(ignite, cacheName, clock, periodMillis, log);
        g.thread.start();
        return g;
    }

    private void run() {
        try {
            while (!stopped) {
                Thread.sleep(periodMillis);
                try {
                    if (!listening) {
                        ignite.message().localListen(topic, listener);
                        listening = true;
                    }
                    ClusterGroup others = ignite.cluster().forServers().forRemotes();
                    if (!others.nodes().isEmpty())
                        ignite.message(others).send(topic, clock.now());
                }
                catch (RuntimeException notNow) {
                    // Not joined yet, stopping, or a peer just left: the next round tries again.
                    if (log.isDebugEnabled())
                        log.debug("Write-behind clock gossip on " + topic + ": " + notNow);
                }
            }
        }
        catch (InterruptedException stop) {
            // close()
        }
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
