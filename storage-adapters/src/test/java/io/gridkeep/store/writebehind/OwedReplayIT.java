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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The replay after a node fails writes what was not yet written, and only that: 3 node JVMs, backups=1,
 * FULL_SYNC, Cassandra. Every owner of a partition keeps the keys updated and not yet written (their
 * owed set); the survivors replay those, so deletes the dead node had queued reach the backend too, and
 * the writes of a replay follow the updates left unwritten, not the size of the cache.
 */
@ExtendWith({TestDirs.Extension.class, SharedCassandra.class})
class OwedReplayIT {
    private static final List<String> JVM = List.of("-Xmx512m", "-DIGNITE_NO_SHUTDOWN_HOOK=true");

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
    void deletesQueuedOnAKilledNodeReachTheBackendAndALoadIntoAFreshClusterBringsNoneBack() throws Exception {
        String table = "deletes";
        List<Integer> deleted = new ArrayList<>();
        try (ForkedCluster cluster = start(table, 3);
             Ignite client = Ignition.start(TestNodeConfigs.client("client-del", cluster.slots()))) {
            IgniteCache<Integer, String> cache = client.cache(OwedReplayConfigurer.CACHE);
            put(cache, 0, 5000);
            awaitWrittenAndForgotten(client);
            String victim = cluster.slots().get(1).name();
            for (int k = 0; k < 5000 && deleted.size() < 500; k++) {
                if (victim.equals(String.valueOf(client.affinity(OwedReplayConfigurer.CACHE).mapKeyToNode(k).consistentId())))
                    deleted.add(k);
            }
            for (Integer k : deleted)
                cache.remove(k);
            assertThat(store(client).values(StoreMetrics.PENDING_ENTRIES)).as("deletes waiting, by node").containsEntry(victim, 500L);

            cluster.kill(1);
            awaitReplayed(client, Duration.ofSeconds(120));
            Map<Integer, Object> rows = BackendRows.read(cql, "owed." + table);
            long resurrected = deleted.stream().filter(rows::containsKey).count();
            System.out.println("owed replay (deletes): 500 deletes unwritten on the killed node, replayed per survivor "
                + store(client).values(StoreMetrics.UPDATES_REPLAYED) + ", rows left in Cassandra " + resurrected + ", rows "
                + rows.size());
            assertThat(resurrected).as("deleted keys still in Cassandra").isZero();
            assertThat(rows).hasSize(4500);
        }
        try (ForkedCluster fresh = start(table, 1); Ignite client = Ignition.start(TestNodeConfigs.client("client-fresh", fresh.slots()))) {
            IgniteCache<Integer, String> cache = client.cache(OwedReplayConfigurer.CACHE);
            cache.loadCache(null);
            long back = deleted.stream().filter(cache::containsKey).count();
            System.out.println("owed replay (deletes): loadCache into a fresh cluster: " + cache.size() + " entries, deleted keys back "
                + back);
            assertThat(back).isZero();
            assertThat(cache.size()).isEqualTo(4500);
        }
    }

    @Test
    void afterANodeFailsTheSurvivorsWriteInProportionToWhatWasUnwrittenNotToTheData() throws Exception {
        String table = "million";
        int entries = 1_000_000;
        int unwritten = 1000;
        try (ForkedCluster cluster = start(table, 3); Ignite client = Ignition.start(TestNodeConfigs.client("client-m", cluster.slots()))) {
            IgniteCache<Integer, String> cache = client.cache(OwedReplayConfigurer.CACHE);
            Map<Integer, String> acked = put(cache, 0, entries);
            awaitWrittenAndForgotten(client);
            Map<Integer, String> updates = new TreeMap<>();
            for (int k = 0; k < unwritten; k++)
                updates.put(k * 997, "b" + k);
            cache.putAll(updates);
            acked.putAll(updates);
            assertThat(store(client).sum(StoreMetrics.PENDING_ENTRIES)).as("updates waiting").isEqualTo(unwritten);
            Map<String, Long> before = store(client).values(StoreMetrics.UPDATES_WRITTEN);

            cluster.kill(1);
            awaitReplayed(client, Duration.ofSeconds(300));
            Map<String, Long> after = store(client).values(StoreMetrics.UPDATES_WRITTEN);
            long writes = after.entrySet().stream().mapToLong(e -> e.getValue() - before.get(e.getKey())).sum();
            long bound = 2L * unwritten + entries / 100;
            int missing = BackendRows.missing(cql, "owed." + table, acked);
            System.out.println("owed replay (1,000,000 entries): " + unwritten + " updates unwritten at the SIGKILL, backend writes by the "
                + "survivors from then until drained " + writes + " (bound " + bound + "), replayed per survivor "
                + store(client).values(StoreMetrics.UPDATES_REPLAYED) + ", missing " + missing + " of " + acked.size());
            assertThat(writes).isLessThanOrEqualTo(bound);
            assertThat(missing).isZero();
        }
    }

    private static ForkedCluster start(String table, int nodes) {
        List<String> jvm = new ArrayList<>(JVM);
        jvm.add("-Dgridkeep.test.cassandra=127.0.0.1:" + cassandra.nativePort());
        jvm.add("-Dgridkeep.test.table=" + table);
        return ForkedCluster.start(nodes, testDirs.logs().resolve(table + "-" + nodes), jvm, null, OwedReplayConfigurer.class);
    }

    private static Map<Integer, String> put(IgniteCache<Integer, String> cache, int from, int to) {
        Map<Integer, String> acked = new HashMap<>();
        for (int start = from; start < to; start += 1000) {
            Map<Integer, String> batch = new TreeMap<>();
            for (int k = start; k < Math.min(to, start + 1000); k++)
                batch.put(k, "a" + k);
            cache.putAll(batch);
            acked.putAll(batch);
        }
        return acked;
    }

    /** Everything written (a flush once 5,000 wait, or after 10 s), and every owner told so: no key owed anywhere. */
    private static void awaitWrittenAndForgotten(Ignite client) throws InterruptedException {
        Await.until(() -> store(client).sum(StoreMetrics.PENDING_ENTRIES) == 0, Duration.ofSeconds(300), "every update written");
        Await.until(() -> store(client).sum(StoreMetrics.OWED_KEYS) == 0, Duration.ofSeconds(60),
            "every owner told that they were written");
    }

    /** Two servers left; each finished its replay for that topology and wrote what it queued. */
    private static void awaitReplayed(Ignite client, Duration timeout) throws InterruptedException {
        awaitServers(client, 2);
        long topology = client.cluster().topologyVersion();
        Await.until(() -> store(client).values(StoreMetrics.REPLAYED_TOPOLOGY).values().stream().allMatch(t -> t >= topology)
            && store(client).sum(StoreMetrics.PENDING_ENTRIES) == 0, timeout, "both survivors' replays for topology " + topology + " done");
    }

    private static void awaitServers(Ignite client, int n) throws InterruptedException {
        Await.until(() -> client.cluster().forServers().nodes().size() == n, Duration.ofSeconds(60), n + " servers in the cluster");
    }



    private static ClusterStoreReadings store(Ignite client) {
        return ClusterStoreReadings.of(client, "cassandra", OwedReplayConfigurer.CACHE);
    }

}
