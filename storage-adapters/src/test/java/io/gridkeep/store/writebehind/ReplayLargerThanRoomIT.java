package io.gridkeep.store.writebehind;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.gridkeep.store.BackendRows;
import io.gridkeep.store.ClusterStoreReadings;
import io.gridkeep.store.StoreMetrics;
import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.CassandraServer;
import io.gridkeep.testkit.ForkedCluster;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.SharedCassandra;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.affinity.Affinity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The replay after a server leaves is larger than the write-behind's room: 3 node JVMs, backups=1,
 * FULL_SYNC, room for 1,000 keys per node; 20,000 entries written and flushed, then 2,000 updates
 * left unflushed, then one node leaves. Each survivor then owes a replay of about 10,000 entries, ten
 * times its room. Writers must not wait on it, every node's queue must drain, and Cassandra must
 * end with every acknowledged value.
 */
@ExtendWith({TestDirs.Extension.class, SharedCassandra.class})
class ReplayLargerThanRoomIT {
    private static final int FLUSHED = 20_000;
    private static final int UNFLUSHED = 2_000;
    private static final int NEW_KEYS = 500;

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
    void afterASigkillWritersGoOnAndEveryAcknowledgedValueReachesTheBackend() throws Exception {
        try (Fixture f = Fixture.start("killed")) {
            f.loadFlushedThenUnflushed();
            f.cluster.kill(1);
            f.awaitServers(2);
            f.assertNewKeysAccepted();
            f.assertDrainedAndComplete();
        }
    }

    @Test
    void afterAGracefulStopWritersGoOnAndEveryAcknowledgedValueReachesTheBackend() throws Exception {
        try (Fixture f = Fixture.start("stopped")) {
            f.loadFlushedThenUnflushed();
            f.cluster.node(1).sigterm();
            assertThat(f.cluster.node(1).waitFor(Duration.ofSeconds(90))).as("exit code of the stopped node: SIGTERM, after its shutdown "
                + "hook stopped Ignite").isEqualTo(143);
            f.awaitServers(2);
            f.assertNewKeysAccepted();
            f.assertDrainedAndComplete();
        }
    }

    @Test
    void aReplayWhileTheBackendIsDownIsWrittenOnceItIsBack() throws Exception {
        try (Fixture f = Fixture.start("outage")) {
            f.loadFlushedThenUnflushed();
            cassandra.stop();
            try {
                f.cluster.kill(1);
                f.awaitServers(2);
                f.assertNewKeysAccepted();
                Await.until(() -> f.sum(StoreMetrics.FLUSH_FAILURES) >= 2, Duration.ofSeconds(120),
                    "the survivors' replays failing against the stopped backend");
                assertThat(f.sum(StoreMetrics.REPLAY_OWED)).as("survivors that still owe their replay").isEqualTo(2);
            }
            finally {
                cassandra.restart();
            }
            BackendRows.awaitReachable(cql, Duration.ofSeconds(120));
            f.assertDrainedAndComplete();
        }
    }

    /** Three forked servers with {@link SmallRoomConfigurer}, a thick client in this JVM, and what it acknowledged. */
    private static final class Fixture implements AutoCloseable {
        final String table;
        final ForkedCluster cluster;
        final Ignite client;
        final IgniteCache<Integer, String> cache;
        final Map<Integer, String> acked = new HashMap<>();
        final ClusterStoreReadings store;

        private Fixture(String table, ForkedCluster cluster, Ignite client) {
            this.table = table;
            this.cluster = cluster;
            this.client = client;
            this.cache = client.cache(SmallRoomConfigurer.CACHE);
            this.store = ClusterStoreReadings.of(client, "cassandra", SmallRoomConfigurer.CACHE);
        }

        static Fixture start(String table) {
            ForkedCluster cluster = ForkedCluster.start(3, testDirs.logs().resolve(table),
                List.of("-Xmx384m", "-DIGNITE_NO_SHUTDOWN_HOOK=true", "-Dgridkeep.test.cassandra=127.0.0.1:" + cassandra.nativePort(),
                    "-Dgridkeep.test.table=" + table),
                null, SmallRoomConfigurer.class);
            try {
                return new Fixture(table, cluster, Ignition.start(TestNodeConfigs.client("client-" + table, cluster.slots())));
            }
            catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        }

        /**
         * 20,000 new keys, 7,000 + 7,000 + 6,000 by primary: each node flushes exactly at every 1,000, so
         * all are written; then 2,000 updates of them, fewer than 1,000 per node, which wait (10 s interval).
         */
        void loadFlushedThenUnflushed() throws Exception {
            Map<String, List<Integer>> byPrimary = keysByPrimary(new int[] {7000, 7000, 6000});
            List<Integer> all = new ArrayList<>();
            byPrimary.values().forEach(all::addAll);
            put(all, "a");
            Await.until(() -> sum(StoreMetrics.PENDING_ENTRIES) == 0, Duration.ofSeconds(180), "the 20,000 first writes flushed");
            assertThat(cql.execute("SELECT COUNT(*) FROM room." + table).one().getLong(0)).isEqualTo(FLUSHED);

            List<Integer> updated = new ArrayList<>();
            int[] share = {667, 667, 666};
            int i = 0;
            for (List<Integer> keys : byPrimary.values())
                updated.addAll(keys.subList(0, share[i++]));
            put(updated, "b");
            assertThat(sum(StoreMetrics.PENDING_ENTRIES)).as("updates waiting when the node leaves").isEqualTo(UNFLUSHED);
        }

        /** Keys 0, 1, 2, ... taken until each server (in slot order) is primary for its count. */
        private Map<String, List<Integer>> keysByPrimary(int[] counts) {
            Affinity<Integer> aff = client.affinity(SmallRoomConfigurer.CACHE);
            Map<String, List<Integer>> byPrimary = new TreeMap<>();
            Map<String, Integer> wanted = new HashMap<>();
            List<NodeSlot> slots = cluster.slots();
            for (int i = 0; i < slots.size(); i++) {
                byPrimary.put(slots.get(i).name(), new ArrayList<>());
                wanted.put(slots.get(i).name(), counts[i]);
            }
            int left = FLUSHED;
            for (int k = 0; left > 0; k++) {
                String primary = String.valueOf(aff.mapKeyToNode(k).consistentId());
                List<Integer> keys = byPrimary.get(primary);
                if (keys.size() < wanted.get(primary)) {
                    keys.add(k);
                    left--;
                }
            }
            return byPrimary;
        }

        private void put(List<Integer> keys, String round) {
            for (int from = 0; from < keys.size(); from += 500) {
                Map<Integer, String> batch = new TreeMap<>();
                for (Integer k : keys.subList(from, Math.min(keys.size(), from + 500)))
                    batch.put(k, round + k);
                cache.putAll(batch);
                acked.putAll(batch);
            }
        }

        void awaitServers(int n) throws Exception {
            Await.until(() -> client.cluster().forServers().nodes().size() == n, Duration.ofSeconds(60), n + " servers in the cluster");
        }

        /** New keys (negative, never written before) while the survivors replay: each put returns within 5 s. */
        void assertNewKeysAccepted() throws Exception {
            long slowest = 0;
            for (int i = 1; i <= NEW_KEYS; i++) {
                int k = -i;
                long start = System.nanoTime();
                CompletableFuture.runAsync(() -> cache.put(k, "new" + k)).get(5, TimeUnit.SECONDS);
                slowest = Math.max(slowest, System.nanoTime() - start);
                acked.put(k, "new" + k);
            }
            System.out.println("replay larger than the room (" + table + "): " + NEW_KEYS + " puts of new keys after the leave, slowest "
                + TimeUnit.NANOSECONDS.toMillis(slowest) + " ms");
        }

        /** Every survivor's queue and replay drain, and Cassandra holds every acknowledged latest value. */
        void assertDrainedAndComplete() throws Exception {
            Await.until(() -> sum(StoreMetrics.REPLAY_OWED) == 0 && sum(StoreMetrics.PENDING_ENTRIES) == 0, Duration.ofSeconds(300),
                "the survivors' replays done and their queues empty");
            Map<String, Long> replayed = values(StoreMetrics.UPDATES_REPLAYED);
            int missing = BackendRows.missing(cql, "room." + table, acked);
            System.out.println("replay larger than the room (" + table + "): " + acked.size() + " keys acknowledged, replayed per node "
                + replayed + ", missing " + missing);
            assertThat(replayed.values()).as("entries each survivor replayed").allSatisfy(n -> assertThat(n).isPositive());
            assertThat(missing).isZero();
        }

        long sum(String metric) {
            return store.sum(metric);
        }

        Map<String, Long> values(String metric) {
            return store.values(metric);
        }

        @Override
        public void close() {
            client.close();
            cluster.close();
        }
    }
}
