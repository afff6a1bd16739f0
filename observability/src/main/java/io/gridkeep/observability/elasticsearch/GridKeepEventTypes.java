package io.gridkeep.observability.elasticsearch;

/**
 * Ignite event types that GridKeep's own components record with
 * {@code ignite.events().recordLocal(event)}, and that {@link ElasticsearchShipper} indexes next to
 * Ignite's cluster events. Types above 1000 are Ignite's user range. The storage adapters do not
 * depend on this module, nor this one on them: they record events with these numbers
 * ({@code io.gridkeep.store.StoreEvents}), and a contract test in {@code grid-node}, which sees both
 * modules, checks that the numbers agree.
 *
 * <p>A store event's {@link org.apache.ignite.events.Event#message()} is {@code "<store>: <detail>"}
 * (for example {@code "cassandra: All host(s) tried for query failed"}); when the event is a
 * {@link org.apache.ignite.events.CacheEvent} its cache name is the cache involved.
 *
 * <pre>{@code
 * ignite.events().recordLocal(new CacheEvent("orders", localNode, localNode,
 *     "cassandra: connection refused", GridKeepEventTypes.STORE_BACKEND_DOWN, ...));
 * }</pre>
 */
public final class GridKeepEventTypes {
    /** A cache store lost its backend (writes are being buffered or failing). */
    public static final int STORE_BACKEND_DOWN = 7001;

    /** A cache store's backend answers again. */
    public static final int STORE_BACKEND_UP = 7002;

    private GridKeepEventTypes() {
    }
}
