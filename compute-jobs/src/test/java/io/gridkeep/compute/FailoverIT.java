package io.gridkeep.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.ForkedCluster;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteDataStreamer;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server JVM dies by SIGKILL while jobs run over 1M entries on 3 servers with one backup: the
 * answer is exactly right (every partition counted once) or the call fails with a clear
 * exception; never a silently wrong number. What happened is printed for the record.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(TestDirs.Extension.class)
class FailoverIT {
    private static final int ENTRIES = 1_000_000;
    private static final long EXPECTED_SUM = (long)ENTRIES * (ENTRIES - 1) / 2;

    private static ForkedCluster servers;
    private static Ignite client;

    @BeforeAll
    static void startClusterAndLoad(TestDirs dirs) {
        servers = ForkedCluster.start(3, dirs.logs(), List.of("-Xmx768m"), null);
        client = Ignition.start(TestNodeConfigs.client("failover-client", servers.slots()));
        client.getOrCreateCache(new CacheConfiguration<Integer, Long>("big")
            .setCacheMode(CacheMode.PARTITIONED).setBackups(1)
            .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC));
        try (IgniteDataStreamer<Integer, Long> s = client.dataStreamer("big")) {
            for (int i = 0; i < ENTRIES; i++)
                s.addData(i, (long)i);
        }
        assertThat(client.cache("big").size()).isEqualTo(ENTRIES);
    }

    @AfterAll
    static void stop() {
        if (client != null)
            client.close();
        if (servers != null)
            servers.close();
    }

    /** Waits until a server still alive has printed a line matching {@code regex}. */
    private static void awaitServerOutput(String regex, String what) throws InterruptedException {
        Pattern line = Pattern.compile(regex, Pattern.MULTILINE);
        Await.until(() -> {
            for (int i = 0; i < servers.slots().size(); i++) {
                if (servers.node(i).isAlive() && line.matcher(servers.node(i).output()).find())
                    return true;
            }
            return false;
        }, Duration.ofSeconds(60), what);
    }

    private static int indexOf(ClusterNode node) {
        for (int i = 0; i < servers.slots().size(); i++) {
            if (servers.slots().get(i).name().equals(String.valueOf(node.consistentId())))
                return i;
        }
        throw new IllegalStateException("no forked server for " + node.consistentId());
    }

    @Test
    @Order(1)
    void mapReduceWithAServerKilledMidRunIsExactOrFailsClearly() throws Exception {
        CompletableFuture<long[]> f = GridCompute.on(client).<Integer, Long, long[], long[]>mapReduceAsync("big", (partition, entries) -> {
            long n = 0;
            long sum = 0;
            while (entries.hasNext()) {
                sum += entries.next().getValue();
                n++;
            }
            // The job's work, not a wait: slow enough that the kill lands while partitions are still being processed.
            System.out.println("FailoverIT: partition " + partition + " mapped");
            Thread.sleep(20);
            return new long[] {n, sum};
        }, parts -> {
            long n = 0;
            long sum = 0;
            for (long[] p : parts) {
                n += p[0];
                sum += p[1];
            }
            return new long[] {n, sum, parts.size()};
        });
        awaitServerOutput("^FailoverIT: partition \\d+ mapped$", "a partition mapped on a server");
        assertThat(f).as("still running when the node is killed").isNotDone();
        servers.kill(2);

        try {
            long[] r = f.get(180, TimeUnit.SECONDS);
            System.out.printf("FailoverIT: map-reduce survived the kill: %d entries, sum %d, %d partitions%n", r[0], r[1], r[2]);
            assertThat(r[2]).isEqualTo(client.affinity("big").partitions());
            assertThat(r[0]).isEqualTo(ENTRIES);
            assertThat(r[1]).isEqualTo(EXPECTED_SUM);
        }
        catch (ExecutionException e) {
            System.out.println("FailoverIT: map-reduce failed after the kill: " + e.getCause());
            assertThat(e.getCause()).isNotNull();
            assertThat(e.getCause().getMessage()).isNotBlank();
        }
    }

    @Test
    @Order(2)
    void colocatedJobWhosePrimaryIsKilledIsRetriedOrFailsClearly() throws Exception {
        int key = 123_456;
        ClusterNode primary = client.affinity("big").mapKeyToNode(key);
        CompletableFuture<Long> f = GridCompute.on(client).callColocatedAsync("big", key, () -> {
            System.out.println("FailoverIT: colocated job started");
            // The job's work, not a wait: long enough for the kill to land while it runs.
            Thread.sleep(3_000);
            return Ignition.localIgnite().<Integer, Long>cache("big").localPeek(key);
        });
        int victim = indexOf(primary);
        Await.until(() -> servers.node(victim).output().contains("FailoverIT: colocated job started"), Duration.ofSeconds(60),
            "the colocated job started on its primary");
        servers.kill(victim);

        try {
            Long v = f.get(120, TimeUnit.SECONDS);
            System.out.println("FailoverIT: colocated job survived the kill of its primary and returned " + v);
            assertThat(v).isEqualTo((long)key);
        }
        catch (ExecutionException e) {
            System.out.println("FailoverIT: colocated job failed after the kill of its primary: " + e.getCause());
            assertThat(e.getCause().getMessage()).isNotBlank();
        }
    }
}
