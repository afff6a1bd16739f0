package io.gridkeep.store;

import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.events.CacheEvent;

/**
 * The Ignite events GridKeep's cache stores record with {@code ignite.events().recordLocal(...)}:
 * their numbers, in Ignite's user range, and their message format. Observability indexes them
 * (as {@code store-down} and {@code store-up}) without depending on this module, by these numbers;
 * a contract test in {@code grid-node}, which sees both modules, checks that the two agree.
 *
 * <p>Each event is a {@link CacheEvent} of the cache involved, with the message
 * {@code "<store>: <detail>"}, for example {@code "cassandra: All host(s) tried for query failed"}.
 *
 * <pre>{@code
 * ignite.events().localListen(e -> {
 *     System.out.println(((CacheEvent)e).cacheName() + " " + e.message());
 *     return true;
 * }, StoreEvents.BACKEND_DOWN, StoreEvents.BACKEND_UP);
 * }</pre>
 */
public final class StoreEvents {
    /** A store lost its backend: writes are waiting (write-behind) or failing. */
    public static final int BACKEND_DOWN = 7001;

    /** A store's backend answers again. */
    public static final int BACKEND_UP = 7002;

    private StoreEvents() {
    }

    /** The message of a store event: {@code "<store>: <detail>"}. */
    public static String message(String store, String detail) {
        return store + ": " + detail;
    }

    /**
     * Records on the local node that {@code store} of {@code cache} reaches its backend again ({@code up})
     * or lost it because of {@code why}. Events are for observers: a node that cannot record one carries on.
     */
    public static void recordBackendState(Ignite ignite, String cache, String store, boolean up, String why) {
        try {
            ClusterNode local = ignite.cluster().localNode();
            ignite.events().recordLocal(new CacheEvent(cache, local, local, message(store, up ? "reachable again" : why),
                up ? BACKEND_UP : BACKEND_DOWN, -1, false, null, null, null, null, null, false, null, false, null, null, null));
        }
        catch (RuntimeException e) {
            // Nothing to do: the store writes either way.
        }
    }
}
