package io.gridkeep.store.writebehind;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.gridkeep.store.BackendRows;
import io.gridkeep.store.ClusterStoreReadings;
import io.gridkeep.store.StoreMetrics;
import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.CassandraServer;
import io.gridkeep.testkit.ClockSkew;
import io.gridkeep.testkit.ForkedCluster;
import io.gridkeep.testkit.SharedCassandra;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Write-behind under clock skew: 3 node JVMs, one of them ({@code forked-1}) with its wall clock 5 s
 * behind, or 5 s ahead (libfaketime). A client updates 100 hot keys without pause while the nodes
 * restart one by one, so that their primaries move back and forth between clocks that disagree; the
 * last restart hands keys over towards the slower clock, and the writes go on a little after it.
 * Then the backend must hold the grid's value for every key: a write versioned below an older one
 * from a faster clock would be refused by the backend and leave it stale.
 */
@ExtendWith({TestDirs.Extension.class, SharedCassandra.class})
class WriteBehindClockSkewIT {
    private static final int HOT_KEYS = 100;
    private static final Duration STOP = Duration.ofSeconds(90);

    private static CassandraServer cassandra;
    private static CqlSession cql;
    private static TestDirs testDirs;

    @BeforeAll
    static void start(TestDirs dirs, CassandraServer server) {
        testDirs = dirs;
        cassandra = server;
        cql = CqlSession.builder().addContactPoint(cassandra.contactPoint()).withLocalDatacenter(CassandraServer.DATACENTER).build();
    }

    @AfterAll
    static void stop() {
        if (cql != null)
            cql.close();
    }

    @Test
    void withOneNodeFiveSecondsBehindTheBackendEndsEqualToTheGrid() throws Exception {
        // The slow node restarts last: its return hands it back its primaries, written before by faster clocks.
        assertBackendEqualsGridAfterRollingRestart("behind", Duration.ofSeconds(-5), new int[] {0, 2, 1});
    }

    @Test
    void withOneNodeFiveSecondsAheadTheBackendEndsEqualToTheGrid() throws Exception {
        // The fast node restarts first: the others' returns take back primaries it wrote ahead of their clocks.
        assertBackendEqualsGridAfterRollingRestart("ahead", Duration.ofSeconds(5), new int[] {1, 0, 2});
    }

    private void assertBackendEqualsGridAfterRollingRestart(String table, Duration skew, int[] order) throws Exception {
        try (ForkedCluster cluster = ForkedCluster.start(3, testDirs.logs().resolve(table),
                List.of("-Xmx384m", "-DIGNITE_NO_SHUTDOWN_HOOK=true", "-Dgridkeep.test.cassandra=127.0.0.1:" + cassandra.nativePort(),
                    "-Dgridkeep.test.table=" + table),
                null, HotKeysConfigurer.class, Map.of(1, ClockSkew.of(skew)));
             Ignite client = Ignition.start(TestNodeConfigs.client("client-" + table, cluster.slots()))) {
            IgniteCache<Integer, String> cache = client.cache(HotKeysConfigurer.CACHE);
            try (HotWriter writer = HotWriter.start(cache)) {
                writer.awaitRounds(50);
                for (int i : order) {
                    assertThat(cluster.stop(i, STOP)).as("exit code of stopped node " + i).isEqualTo(143);
                    awaitServers(client, 2);
                    writer.awaitRounds(20);
                    cluster.restart(i);
                    awaitServers(client, 3);
                    String name = cluster.slots().get(i).name();
                    Await.until(() -> primaryOfSomeHotKey(client, name), Duration.ofSeconds(120),
                        name + " primary again for some hot keys (rebalanced)");
                    writer.awaitRounds(20);
                }
                System.out.println("clock skew (" + table + ", forked-1 " + skew + "): " + writer.rounds() + " rounds of "
                    + HOT_KEYS + " updates, " + writer.failures() + " failed puts retried");
            }
            Await.until(() -> store(client).sum(StoreMetrics.PENDING_ENTRIES) == 0 && store(client).sum(StoreMetrics.REPLAY_OWED) == 0,
                Duration.ofSeconds(120), "every queue and replay drained");
            Set<Integer> keys = new TreeSet<>();
            for (int k = 0; k < HOT_KEYS; k++)
                keys.add(k);
            Map<Integer, String> grid = new TreeMap<>(cache.getAll(keys));
            Map<Integer, Object> backend = BackendRows.read(cql, "skew." + table);
            int stale = 0;
            for (Map.Entry<Integer, String> e : grid.entrySet()) {
                if (!e.getValue().equals(backend.get(e.getKey())))
                    stale++;
            }
            System.out.println("clock skew (" + table + "): " + grid.size() + " hot keys, clock lead heard per node "
                + store(client).values(StoreMetrics.CLOCK_LEAD_MICROS) + " us, stale " + stale);
            assertThat(grid).hasSize(HOT_KEYS);
            assertThat(stale).as("keys whose backend row is not the grid's value").isZero();
        }
    }

    private static boolean primaryOfSomeHotKey(Ignite client, String node) {
        for (int k = 0; k < HOT_KEYS; k++) {
            if (node.equals(String.valueOf(client.affinity(HotKeysConfigurer.CACHE).mapKeyToNode(k).consistentId())))
                return true;
        }
        return false;
    }

    private static void awaitServers(Ignite client, int n) throws InterruptedException {
        Await.until(() -> client.cluster().forServers().nodes().size() == n, Duration.ofSeconds(60), n + " servers in the cluster");
    }



    /** Updates keys 0..99 in rounds, each value unique, until closed; a put that fails (a node leaving) is retried. */
    private static final class HotWriter implements AutoCloseable {
        private final IgniteCache<Integer, String> cache;
        private final AtomicLong rounds = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final Thread thread;
        private volatile boolean stopped;
        private volatile Throwable died;

        private HotWriter(IgniteCache<Integer, String> cache) {
            this.cache = cache;
            this.thread = new Thread(this::run, "hot-writer");
        }

        static HotWriter start(IgniteCache<Integer, String> cache) {
            HotWriter w = new HotWriter(cache);
            w.thread.start();
            return w;
        }

        private void run() {
            long seq = 0;
            try {
                while (!stopped) {
                    for (int k = 0; k < HOT_KEYS; k++) {
                        String v = "v" + seq++;
                        while (true) {
                            try {
                                cache.put(k, v);
                                break;
                            }
                            catch (RuntimeException e) {
                                failures.incrementAndGet();
                                if (stopped)
                                    return;
                            }
                        }
                    }
                    rounds.incrementAndGet();
                }
            }
            catch (Throwable t) {
                died = t;
            }
        }

        long rounds() {
            return rounds.get();
        }

        long failures() {
            return failures.get();
        }

        void awaitRounds(int more) throws InterruptedException {
            long target = rounds.get() + more;
            Await.until(() -> rounds.get() >= target || died != null, Duration.ofSeconds(120), more + " more rounds of hot updates");
            assertThat(died).as("the hot writer's thread").isNull();
        }

        @Override
        public void close() {
            stopped = true;
            try {
                thread.join(60_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ClusterStoreReadings store(Ignite client) {
        return ClusterStoreReadings.of(client, "cassandra", HotKeysConfigurer.CACHE);
    }

}
