package io.gridkeep.store.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.tasks.StoreStatusTask;
import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.ClockSkew;
import io.gridkeep.testkit.ForkedCluster;
import io.gridkeep.testkit.HdfsServer;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskSplitAdapter;
import org.apache.ignite.configuration.ClientConfiguration;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Compaction under clock skew: 3 node JVMs writing to one HDFS log, one node's clock 5 minutes behind
 * the machine's and one 5 minutes ahead (libfaketime), every node compacting every 0.5 s. No node may
 * take another's live {@code .open} segment for abandoned: no write fails anywhere, compactions do
 * run, and the log holds every acknowledged value. Judged by clocks, the node ahead would take the
 * others' fresh segments for 5 minutes old, and every node would take the one behind's so.
 */
@ExtendWith(TestDirs.Extension.class)
class HdfsClockSkewIT {
    private static final int KEYS = 2000;
    private static final Duration WRITING = Duration.ofSeconds(45);
    private static final String REGISTRY = StoreMetrics.registryName("hdfs", HdfsSkewConfigurer.CACHE);

    @Test
    void noNodeCompactsAnotherNodesLiveSegmentUnderFiveMinutesOfSkew(TestDirs dirs) throws Exception {
        Map<Integer, String> acked = new HashMap<>();
        Map<String, Long> failures;
        long compactions;
        try (HdfsServer hdfs = HdfsServer.start(dirs.work("hdfs"));
             ForkedCluster cluster = ForkedCluster.start(3, dirs.logs(),
                 List.of("-Xmx384m", "-DIGNITE_NO_SHUTDOWN_HOOK=true", "-Dgridkeep.test.hdfs=" + hdfs.uri()), null,
                 HdfsSkewConfigurer.class, Map.of(1, ClockSkew.of(Duration.ofMinutes(-5)), 2, ClockSkew.of(Duration.ofMinutes(5))))) {
            try (IgniteClient client = Ignition.startClient(new ClientConfiguration().setAddresses(cluster.clientAddresses()))) {
                Map<String, Long> skew = clockOffsets(client);
                System.out.println("HDFS compaction under skew: node clocks minus this JVM's, in seconds: " + skew);
                assertThat(skew.get("forked-0")).as("forked-0 runs on this machine's clock").isBetween(-30L, 30L);
                assertThat(skew.get("forked-1")).as("forked-1 runs 5 min behind").isBetween(-330L, -270L);
                assertThat(skew.get("forked-2")).as("forked-2 runs 5 min ahead").isBetween(270L, 330L);

                ClientCache<Integer, String> cache = client.cache(HdfsSkewConfigurer.CACHE);
                long until = System.nanoTime() + WRITING.toNanos();
                int round = 0;
                while (System.nanoTime() < until) {
                    Map<Integer, String> batch = new TreeMap<>();
                    for (int k = 0; k < KEYS; k++)
                        batch.put(k, "r" + round + "-" + k);
                    cache.putAll(batch);
                    acked.putAll(batch);
                    round++;
                }
                Await.until(() -> sum(client, StoreMetrics.PENDING_ENTRIES) == 0, Duration.ofSeconds(120), "every update written");
                failures = values(client, StoreMetrics.FAILURES);
                compactions = sum(client, StoreMetrics.COMPACTIONS);
                System.out.println("HDFS compaction under skew: " + round + " rounds of " + KEYS + " keys in " + WRITING.toSeconds()
                    + " s, compactions " + compactions + ", failed HDFS requests per node " + failures);
            }
            for (int i = 0; i < 3; i++)
                cluster.node(i).terminate(Duration.ofSeconds(90));

            int missing = missing(hdfs, acked);
            System.out.println("HDFS compaction under skew: " + acked.size() + " keys, missing or stale in the log " + missing);
            assertThat(compactions).as("compactions that ran (else this test proves nothing)").isPositive();
            assertThat(failures.values()).as("failed HDFS requests on each node").containsOnly(0L);
            assertThat(missing).isZero();
        }
    }

    /** Each server's wall clock minus this JVM's, in whole seconds, by consistent id. */
    private static Map<String, Long> clockOffsets(IgniteClient client) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        for (ClusterNode node : client.cluster().forServers().nodes()) {
            long before = System.currentTimeMillis();
            long theirs = client.compute(client.cluster().forNode(node)).execute(WallClock.class.getName(), null);
            out.put(String.valueOf(node.consistentId()), Math.round((theirs - before) / 1000.0));
        }
        return out;
    }

    private static long sum(IgniteClient client, String metric) {
        return values(client, metric).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> values(IgniteClient client, String metric) {
        List<StoreStatusTask.NodeStores> nodes;
        try {
            nodes = client.compute().execute(StoreStatusTask.class.getName(), null);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the store metrics", e);
        }
        Map<String, Long> out = new TreeMap<>();
        for (StoreStatusTask.NodeStores n : nodes)
            out.put(n.node(), Long.parseLong(n.stores().get(REGISTRY).get(metric)));
        return out;
    }

    /** Loads the log into a fresh node and counts the acknowledged keys whose value differs. */
    private static int missing(HdfsServer hdfs, Map<Integer, String> acked) {
        try (InJvmCluster reader = InJvmCluster.start(1, TestNodeConfigs::server)) {
            IgniteCache<Integer, String> c = reader.node(0).getOrCreateCache(new CacheConfiguration<Integer, String>("skewed")
                .setCacheStoreFactory(HdfsSkewConfigurer.hdfs(hdfs.uri())));
            c.loadCache(null);
            int missing = 0;
            for (Map.Entry<Integer, String> e : acked.entrySet()) {
                if (!e.getValue().equals(c.get(e.getKey())))
                    missing++;
            }
            return missing;
        }
    }

    /** The wall clock of the node it runs on. */
    public static final class WallClock extends ComputeTaskSplitAdapter<Object, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        protected Collection<? extends ComputeJob> split(int gridSize, Object arg) {
            return List.of(new ComputeJobAdapter() {
                private static final long serialVersionUID = 1L;

                @Override
                public Object execute() {
                    return System.currentTimeMillis();
                }
            });
        }

        @Override
        public Long reduce(List<ComputeJobResult> results) {
            return results.get(0).getData();
        }
    }
}
