package io.gridkeep.store.writebehind;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.gridkeep.store.BackendRows;
import io.gridkeep.store.ClusterStoreReadings;
import io.gridkeep.store.StoreMetrics;
import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.CassandraServer;
import io.gridkeep.testkit.ForkedCluster;
import io.gridkeep.testkit.SharedCassandra;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.ClusterState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A whole-cluster stop with native persistence while the backend is down: 3 node JVMs, backups=1,
 * FULL_SYNC. The updates the nodes could not write before they stopped are only in the persisted grid;
 * after the restart, and once the backend is back, the backend must hold every acknowledged value.
 */
@ExtendWith({TestDirs.Extension.class, SharedCassandra.class})
class RestartFromPersistenceIT {
    private static final String TABLE = "restart";
    private static final Duration STOP = Duration.ofSeconds(90);

    private static CassandraServer cassandra;
    private static CqlSession cql;

    @BeforeAll
    static void start(CassandraServer server) {
        cassandra = server;
        cql = CqlSession.builder().addContactPoint(cassandra.contactPoint()).withLocalDatacenter(CassandraServer.DATACENTER).build();
    }

    @AfterAll
    static void stop() {
        if (cql != null)
            cql.close();
    }

    @Test
    void updatesAWholeClusterStopLeftUnwrittenWhileTheBackendWasDownReachItAfterTheRestart(TestDirs dirs) throws Exception {
        Map<Integer, String> acked = new HashMap<>();
        try (ForkedCluster cluster = ForkedCluster.start(3, dirs.logs(),
            List.of("-Xmx384m", "-DIGNITE_NO_SHUTDOWN_HOOK=true", "-Dgridkeep.test.cassandra=127.0.0.1:" + cassandra.nativePort(),
                "-Dgridkeep.test.table=" + TABLE, "-Dgridkeep.test.persistence=" + dirs.work("persistence")),
            null, PersistentStoreConfigurer.class)) {
            try (Ignite client = Ignition.start(TestNodeConfigs.client("client-first", cluster.slots()))) {
                client.cluster().state(ClusterState.ACTIVE);
                IgniteCache<Integer, String> cache = client.cache(PersistentStoreConfigurer.CACHE);
                put(cache, acked, 0, 5000, "a");
                Await.until(() -> store(client).sum(StoreMetrics.PENDING_ENTRIES) == 0, Duration.ofSeconds(120), "the first 5,000 written");
                assertThat(BackendRows.missing(cql, "room." + TABLE, acked)).isZero();

                cassandra.stop();
                put(cache, acked, 0, 3000, "b");
                put(cache, acked, 5000, 6000, "c");
                Await.until(() -> store(client).sum(StoreMetrics.FLUSH_FAILURES) >= 3, Duration.ofSeconds(60),
                    "the nodes failing to write the 4,000 updates");
                System.out.println("restart from persistence: updates waiting before the stop "
                    + store(client).values(StoreMetrics.PENDING_ENTRIES));
            }

            // The whole cluster at once, as an operator stops it: every node gives up its queue after stopFlushMillis.
            for (int i = 0; i < 3; i++)
                cluster.node(i).sigterm();
            for (int i = 0; i < 3; i++)
                assertThat(cluster.node(i).waitFor(STOP)).as("exit code of stopped node " + i).isEqualTo(143);

            for (int i = 0; i < 3; i++)
                cluster.restart(i);
            try (Ignite client = Ignition.start(TestNodeConfigs.client("client-second", cluster.slots()))) {
                Await.until(() -> client.cluster().state() == ClusterState.ACTIVE, Duration.ofSeconds(120),
                    "the cluster active again with all its baseline nodes");
                IgniteCache<Integer, String> cache = client.cache(PersistentStoreConfigurer.CACHE);
                assertThat(cache.getAll(acked.keySet())).as("the acknowledged values in the persisted grid").isEqualTo(acked);

                cassandra.restart();
                Await.until(() -> store(client).sum(StoreMetrics.REPLAY_OWED) == 0 && store(client).sum(StoreMetrics.PENDING_ENTRIES) == 0,
                    Duration.ofSeconds(300), "the replays after the restart done and the queues empty");
                BackendRows.awaitReachable(cql, Duration.ofSeconds(60));
                int missing = BackendRows.missing(cql, "room." + TABLE, acked);
                System.out.println("restart from persistence: " + acked.size() + " keys acknowledged, replayed per node "
                    + store(client).values(StoreMetrics.UPDATES_REPLAYED) + ", missing " + missing);
                assertThat(missing).isZero();
            }
        }
    }

    private static void put(IgniteCache<Integer, String> cache, Map<Integer, String> acked, int from, int to, String round) {
        for (int start = from; start < to; start += 500) {
            Map<Integer, String> batch = new TreeMap<>();
            for (int k = start; k < Math.min(to, start + 500); k++)
                batch.put(k, round + k);
            cache.putAll(batch);
            acked.putAll(batch);
        }
    }



    private static ClusterStoreReadings store(Ignite client) {
        return ClusterStoreReadings.of(client, "cassandra", PersistentStoreConfigurer.CACHE);
    }

}
