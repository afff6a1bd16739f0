package io.gridkeep.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;

/**
 * Several Ignite server nodes in this JVM, each with its own free ports: the fast cluster for
 * tests that need real nodes but not separate processes.
 *
 * <pre>{@code
 * try (InJvmCluster cluster = InJvmCluster.start(3, TestNodeConfigs::server)) {
 *     cluster.node(0).getOrCreateCache("c").put(1, "one");
 *     cluster.stop(2);
 * }
 * }</pre>
 */
public final class InJvmCluster implements AutoCloseable {
    private final List<NodeSlot> slots;
    private final List<Ignite> nodes = new ArrayList<>();

    private InJvmCluster(List<NodeSlot> slots) {
        this.slots = slots;
    }

    /** Starts {@code n} nodes, one after the other, each from {@code configFor.apply(slot)}. */
    public static InJvmCluster start(int n, Function<NodeSlot, IgniteConfiguration> configFor) {
        String prefix = "itest-" + Long.toHexString(System.nanoTime() & 0xffffff);
        InJvmCluster cluster = new InJvmCluster(NodeSlot.forCluster(prefix, n));
        try {
            for (NodeSlot slot : cluster.slots)
                cluster.nodes.add(Ignition.start(configFor.apply(slot)));
        }
        catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public Ignite node(int i) {
        return nodes.get(i);
    }

    public List<NodeSlot> slots() {
        return slots;
    }

    /** Client addresses of the nodes still running. */
    public String[] clientAddresses() {
        List<String> a = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) != null)
                a.add(slots.get(i).clientAddress());
        }
        return a.toArray(String[]::new);
    }

    /** {@code jdbc:ignite:thin://...} over every running node. */
    public String jdbcUrl() {
        return "jdbc:ignite:thin://" + String.join(",", clientAddresses());
    }

    /** Stops node {@code i} gracefully (its cache data must be on other nodes to survive). */
    public void stop(int i) {
        Ignite n = nodes.set(i, null);
        if (n != null)
            Ignition.stop(n.name(), true);
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--)
            stop(i);
    }
}
