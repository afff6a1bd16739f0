package io.gridkeep.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestNodeConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteException;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeTaskTimeoutException;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The facade against 3 in-JVM servers, used from a thick client node as an application would. */
class GridComputeIT {
    private static final int ENTRIES = 10_000;

    private static InJvmCluster cluster;
    private static Ignite client;
    private static GridCompute compute;

    @BeforeAll
    static void startCluster() {
        cluster = InJvmCluster.start(3, TestNodeConfigs::server);
        client = Ignition.start(TestNodeConfigs.client("compute-client", cluster.slots()));
        IgniteCache<Integer, Long> c = client.getOrCreateCache(new CacheConfiguration<Integer, Long>("numbers")
            .setCacheMode(CacheMode.PARTITIONED).setBackups(1));
        Map<Integer, Long> m = new HashMap<>();
        for (int i = 0; i < ENTRIES; i++)
            m.put(i, (long)i * 3);
        c.putAll(m);
        compute = GridCompute.on(client);
    }

    @AfterAll
    static void stopCluster() {
        if (client != null)
            client.close();
        if (cluster != null)
            cluster.close();
    }

    private static Set<UUID> serverIds() {
        Set<UUID> ids = new HashSet<>();
        for (ClusterNode n : client.cluster().forServers().nodes())
            ids.add(n.id());
        return ids;
    }

    @Test
    void colocatedCallRunsOnThePrimaryNodeOfTheKeyAndReadsItLocally() {
        for (int key : new int[] {1, 77, 4242}) {
            Object[] seen = compute.callColocated("numbers", key, () -> {
                Ignite local = Ignition.localIgnite();
                return new Object[] {local.cluster().localNode().id(), local.<Integer, Long>cache("numbers").localPeek(key)};
            });
            assertThat(seen[0]).isEqualTo(client.affinity("numbers").mapKeyToNode(key).id());
            assertThat(seen[1]).isEqualTo(key * 3L);
        }
    }

    @Test
    void broadcastRunsOnceOnEveryServer() {
        List<UUID> ids = new ArrayList<>(compute.broadcast(() -> Ignition.localIgnite().cluster().localNode().id()));
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(serverIds());
    }

    @Test
    void roundRobinVisitsEveryServerInTurn() {
        NodePicker rr = NodePicker.roundRobin();
        List<UUID> visits = new ArrayList<>();
        for (int i = 0; i < 6; i++)
            visits.add(compute.call(rr, () -> Ignition.localIgnite().cluster().localNode().id()));
        assertThat(new HashSet<>(visits.subList(0, 3))).isEqualTo(serverIds());
        assertThat(visits.subList(3, 6)).isEqualTo(visits.subList(0, 3));
    }

    @Test
    void randomAndLeastLoadedPickAServer() {
        for (NodePicker p : List.of(NodePicker.random(), NodePicker.leastLoaded()))
            assertThat(compute.call(p, () -> Ignition.localIgnite().cluster().localNode().id())).isIn(serverIds());
    }

    @Test
    void mapReduceProcessesEveryPartitionOnceOnItsPrimaryNode() {
        int partitions = client.affinity("numbers").partitions();
        List<long[]> parts = compute.<Integer, Long, long[], List<long[]>>mapReduce("numbers", (partition, entries) -> {
            Ignite local = Ignition.localIgnite();
            boolean primary = local.affinity("numbers").mapPartitionToNode(partition).isLocal();
            long n = 0;
            long sum = 0;
            while (entries.hasNext()) {
                var e = entries.next();
                if (local.affinity("numbers").partition(e.getKey()) != partition)
                    throw new IllegalStateException("entry of another partition: " + e.getKey());
                n++;
                sum += e.getValue();
            }
            return new long[] {partition, n, sum, primary ? 1 : 0};
        }, list -> list);

        assertThat(parts).hasSize(partitions);
        for (int p = 0; p < partitions; p++) {
            assertThat(parts.get(p)[0]).isEqualTo(p);
            assertThat(parts.get(p)[3]).as("partition %d ran on its primary", p).isEqualTo(1);
        }
        assertThat(parts.stream().mapToLong(a -> a[1]).sum()).isEqualTo(ENTRIES);
        assertThat(parts.stream().mapToLong(a -> a[2]).sum()).isEqualTo(3L * ENTRIES * (ENTRIES - 1) / 2);
    }

    @Test
    void asyncCallsCompleteTheirFutures() throws Exception {
        CompletableFuture<Long> colocated = compute.callColocatedAsync("numbers", 5,
            () -> Ignition.localIgnite().<Integer, Long>cache("numbers").localPeek(5));
        CompletableFuture<Long> total = compute.<Integer, Long, Long, Long>mapReduceAsync("numbers", (p, it) -> {
            long n = 0;
            for (; it.hasNext(); it.next())
                n++;
            return n;
        }, l -> l.stream().mapToLong(Long::longValue).sum());
        assertThat(colocated.get(30, TimeUnit.SECONDS)).isEqualTo(15L);
        assertThat(total.get(30, TimeUnit.SECONDS)).isEqualTo(ENTRIES);
    }

    @Test
    void aClosureThatThrowsReturnsTheRemoteMessageAndStack() {
        assertThatThrownBy(() -> compute.callColocated("numbers", 1, () -> {
            throw new IllegalStateException("bad input row 17");
        })).isInstanceOf(IgniteException.class).satisfies(e -> {
            Throwable remote = e;
            while (remote != null && !(remote instanceof IllegalStateException))
                remote = remote.getCause();
            assertThat(remote).as("remote exception in the cause chain of %s", e).isNotNull();
            assertThat(remote.getMessage()).isEqualTo("bad input row 17");
            assertThat(remote.getStackTrace()).anySatisfy(f -> assertThat(f.getClassName()).startsWith(GridComputeIT.class.getName()));
        });
        assertNodesStillServe();
    }

    @Test
    void aClosureThatCannotBeSerializedIsRefusedBeforeItIsSent() {
        Object notSerializable = new Object();
        assertThatThrownBy(() -> compute.broadcast(() -> notSerializable.hashCode()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cannot be sent to the servers")
            .hasMessageContaining("java.lang.Object");
    }

    @Test
    void aJobPastItsTimeoutIsCancelledAndTheNodesKeepServing() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> compute.withTimeout(Duration.ofMillis(500)).callColocated("numbers", 3, () -> {
            // A job that outlives its timeout, not a wait: the timeout must end it.
            Thread.sleep(60_000);
            return 0;
        })).isInstanceOf(ComputeTaskTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        assertNodesStillServe();
    }

    @Test
    void cancellingTheFutureCancelsTheJob() {
        CompletableFuture<Integer> f = compute.callAsync(NodePicker.random(), () -> {
            // A job that would run a minute, not a wait: the cancel must end it.
            Thread.sleep(60_000);
            return 1;
        });
        assertThat(f.cancel(true)).isTrue();
        assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
        assertNodesStillServe();
    }

    @Test
    void mapReduceOverAnUnknownCacheSaysSo() {
        assertThatThrownBy(() -> compute.mapReduce("nope", (p, it) -> 0, l -> l))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown cache 'nope'");
    }

    private static void assertNodesStillServe() {
        assertThat(compute.broadcast(() -> 1)).hasSize(3);
        assertThat(client.<Integer, Long>cache("numbers").get(10)).isEqualTo(30L);
    }
}
