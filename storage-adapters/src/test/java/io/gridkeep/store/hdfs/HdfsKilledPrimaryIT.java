package io.gridkeep.store.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.ForkedCluster;
import io.gridkeep.testkit.HdfsServer;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 3 node JVMs, backups=1, FULL_SYNC, GridKeep's write-behind to HDFS that has written nothing yet;
 * one node is killed with SIGKILL; the others stop gracefully. Every acknowledged update must be in
 * the HDFS log, read back from its files.
 */
@ExtendWith(TestDirs.Extension.class)
class HdfsKilledPrimaryIT {
    private static final int KEYS = 3000;

    @Test
    void killedPrimaryLosesNoAcknowledgedWrite(TestDirs dirs) throws Exception {
        try (HdfsServer hdfs = HdfsServer.start(dirs.work("hdfs"));
             FileSystem fs = TestHdfs.fileSystem(hdfs);
             ForkedCluster cluster = ForkedCluster.start(3, dirs.logs(),
                 List.of("-Xmx384m", "-DIGNITE_NO_SHUTDOWN_HOOK=true", "-Dgridkeep.test.hdfs=" + hdfs.uri()),
                 null, HdfsWriteBehindConfigurer.class)) {
            Map<Integer, String> acked = new HashMap<>();
            try (IgniteClient client = Ignition.startClient(new ClientConfiguration().setAddresses(cluster.clientAddresses()))) {
                ClientCache<Integer, String> cache = client.cache("lossfree");
                for (String round : List.of("a", "b")) {
                    for (int k = 0; k < KEYS; k++) {
                        cache.put(k, round + k);
                        acked.put(k, round + k);
                    }
                }
                assertThat(fs.exists(new Path("/gridkeep/lossfree"))).as("nothing flushed before the kill").isFalse();

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
            cluster.node(0).terminate(Duration.ofSeconds(90));
            cluster.node(2).terminate(Duration.ofSeconds(90));

            // Read the log back: a fresh node loads the cache from the HDFS files.
            try (InJvmCluster reader = InJvmCluster.start(1, TestNodeConfigs::server)) {
                IgniteCache<Integer, String> c = reader.node(0).getOrCreateCache(new CacheConfiguration<Integer, String>("lossfree")
                    .setCacheStoreFactory(HdfsWriteBehindConfigurer.hdfs(hdfs.uri())));
                c.loadCache(null);
                int missing = 0;
                for (Map.Entry<Integer, String> e : acked.entrySet()) {
                    if (!e.getValue().equals(c.get(e.getKey())))
                        missing++;
                }
                System.out.println("HDFS write-behind after SIGKILL of one of 3 nodes, " + KEYS
                    + " keys written twice: missing or stale " + missing);
                assertThat(missing).isZero();
                assertThat(c.size()).isEqualTo(KEYS);
            }
        }
    }
}
