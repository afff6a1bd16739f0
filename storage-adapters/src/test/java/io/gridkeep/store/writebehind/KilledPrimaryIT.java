package io.gridkeep.store.writebehind;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.gridkeep.store.BackendRows;
import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.CassandraServer;
import io.gridkeep.testkit.ForkedCluster;
import io.gridkeep.testkit.SharedCassandra;
import io.gridkeep.testkit.TestDirs;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 3 node JVMs, backups=1, FULL_SYNC, write-behind that has written nothing yet; one node is killed
 * with SIGKILL; the others stop gracefully (which flushes). Every acknowledged update must be in
 * Cassandra with GridKeep's write-behind; Ignite's own write-behind, measured side by side, loses
 * what the dead node had queued.
 */
@ExtendWith({TestDirs.Extension.class, SharedCassandra.class})
class KilledPrimaryIT {
    private static final int KEYS = 3000;

    @Test
    void killedPrimaryLosesNoAcknowledgedWrite(TestDirs dirs, CassandraServer cassandra) throws Exception {
        try (CqlSession cql = CqlSession.builder().addContactPoint(cassandra.contactPoint())
                 .withLocalDatacenter(CassandraServer.DATACENTER).build();
             ForkedCluster cluster = ForkedCluster.start(3, dirs.logs(),
                 List.of("-Xmx384m", "-DIGNITE_NO_SHUTDOWN_HOOK=true", "-Dgridkeep.test.cassandra=127.0.0.1:" + cassandra.nativePort()),
                 null, WriteBehindConfigurer.class)) {
            Map<Integer, String> acked = new HashMap<>();
            try (IgniteClient client = Ignition.startClient(new ClientConfiguration().setAddresses(cluster.clientAddresses()))) {
                ClientCache<Integer, String> lossFree = client.cache("lossfree");
                ClientCache<Integer, String> plain = client.cache("plain");
                // Every key twice: the backend must end with the second value, not just a value. In batches of 500,
                // as a loading client writes: done in seconds, well inside the first tick of Ignite's write-behind.
                for (String round : List.of("a", "b")) {
                    for (int from = 0; from < KEYS; from += 500) {
                        Map<Integer, String> batch = new HashMap<>();
                        for (int k = from; k < Math.min(KEYS, from + 500); k++)
                            batch.put(k, round + k);
                        lossFree.putAll(batch);
                        plain.putAll(batch);
                        acked.putAll(batch);
                    }
                }
                // The stores connect on their first write to Cassandra: no keyspace yet means nothing was written.
                // Asked of Cassandra itself, not the driver's schema metadata, which may lag behind.
                assertThat(cql.execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = 'wb'").one())
                    .as("nothing flushed before the kill").isNull();

                cluster.kill(1);

                Await.every(Duration.ofMillis(200)).until(() -> client.cluster().forServers().nodes().size() == 2, Duration.ofSeconds(60),
                    "the killed server gone from the cluster");
                assertThat(client.cluster().forServers().nodes()).hasSize(2);
            }
            // Each survivor writes its primary partitions again after the failure; stopping one before that
            // is done would be a second failure, which this test is not about.
            for (int survivor : new int[] {0, 2})
                cluster.node(survivor).awaitOutput("Write-behind of cache lossfree: replay for topology \\d+ done",
                    Duration.ofSeconds(120));
            // Both at once: each stop waits for the next tick of Ignite's write-behind (a minute) before it flushes.
            cluster.node(0).sigterm();
            cluster.node(2).sigterm();
            cluster.node(0).waitFor(Duration.ofSeconds(90));
            cluster.node(2).waitFor(Duration.ofSeconds(90));

            int lossFreeMissing = BackendRows.missing(cql, "wb.lossfree", acked);
            int plainMissing = BackendRows.missing(cql, "wb.plain", acked);
            System.out.println("write-behind after SIGKILL of one of 3 nodes, " + KEYS + " keys written twice: GridKeep's loses "
                + lossFreeMissing + ", Ignite's plain loses " + plainMissing);
            assertThat(lossFreeMissing).isZero();
            assertThat(plainMissing).as("Ignite's own write-behind loses what the dead node had queued").isPositive();
        }
    }
}
