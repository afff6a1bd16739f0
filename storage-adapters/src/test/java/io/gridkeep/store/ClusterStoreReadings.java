package io.gridkeep.store;

import io.gridkeep.store.tasks.StoreStatusTask;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.ignite.Ignite;

/**
 * One store's metrics on every server of a cluster, read from a client through {@link StoreStatusTask}
 * (the servers may be other JVMs): the fixture the multi-JVM store tests read them with.
 *
 * <pre>{@code
 * ClusterStoreReadings store = ClusterStoreReadings.of(client, "cassandra", "lossfree");
 * Await.until(() -> store.sum(StoreMetrics.PENDING_ENTRIES) == 0, Duration.ofSeconds(60), "every update written");
 * }</pre>
 */
public final class ClusterStoreReadings {
    private final Ignite client;
    private final String registry;

    private ClusterStoreReadings(Ignite client, String registry) {
        this.client = client;
        this.registry = registry;
    }

    /** The metrics of {@code store} and {@code cache} on the servers {@code client} sees. */
    public static ClusterStoreReadings of(Ignite client, String store, String cache) {
        return new ClusterStoreReadings(client, StoreMetrics.registryName(store, cache));
    }

    /** A long metric's value on each server, by node name; fails naming a server that has no such store. */
    public Map<String, Long> values(String metric) {
        List<StoreStatusTask.NodeStores> nodes = client.compute(client.cluster().forServers()).execute(new StoreStatusTask(), null);
        Map<String, Long> out = new TreeMap<>();
        for (StoreStatusTask.NodeStores n : nodes) {
            Map<String, String> v = n.stores().get(registry);
            if (v == null)
                throw new AssertionError("no store metrics " + registry + " on " + n.node() + " (" + n.error() + ")");
            out.put(n.node(), Long.parseLong(v.get(metric)));
        }
        return out;
    }

    /** The sum of a long metric over the servers. */
    public long sum(String metric) {
        return values(metric).values().stream().mapToLong(Long::longValue).sum();
    }
}
