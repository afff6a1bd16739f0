package io.gridkeep.compute;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ignite.cluster.ClusterMetrics;
import org.apache.ignite.cluster.ClusterNode;

/**
 * Chooses the one server node that runs a job submitted with {@link GridCompute#call}.
 *
 * <pre>{@code
 * NodePicker rr = NodePicker.roundRobin();          // keep one instance to keep its rotation
 * String host = compute.call(rr, () -> InetAddress.getLocalHost().getHostName());
 * }</pre>
 */
@FunctionalInterface
public interface NodePicker {
    /** Picks one of {@code nodes}, which is never empty. */
    ClusterNode pick(Collection<ClusterNode> nodes);

    /** Each call the next node, in the order nodes joined the cluster. */
    static NodePicker roundRobin() {
        AtomicLong next = new AtomicLong();
        return nodes -> {
            List<ClusterNode> sorted = nodes.stream().sorted(Comparator.comparingLong(ClusterNode::order)).toList();
            return sorted.get((int)Math.floorMod(next.getAndIncrement(), (long)sorted.size()));
        };
    }

    /** A node chosen uniformly at random. */
    static NodePicker random() {
        return nodes -> {
            List<ClusterNode> list = List.copyOf(nodes);
            return list.get(ThreadLocalRandom.current().nextInt(list.size()));
        };
    }

    /**
     * The node with the fewest active and waiting jobs, then the lowest CPU load, from the metrics
     * each node publishes (updated every couple of seconds, so a burst of calls may land on one node).
     */
    static NodePicker leastLoaded() {
        return nodes -> nodes.stream().min(Comparator
            .comparingDouble((ClusterNode n) -> jobs(n.metrics()))
            .thenComparingDouble(n -> n.metrics().getCurrentCpuLoad())
            .thenComparingLong(ClusterNode::order)).orElseThrow();
    }

    private static double jobs(ClusterMetrics m) {
        return m.getCurrentActiveJobs() + m.getCurrentWaitingJobs();
    }
}
