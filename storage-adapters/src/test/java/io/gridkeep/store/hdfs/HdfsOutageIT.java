package io.gridkeep.store.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.StoreReadings;
import io.gridkeep.store.writebehind.LossFreeWriteBehindFactory;
import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.HdfsServer;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HDFS (all of it, or only its DataNode) stopped under a working node: write-behind keeps every update and delivers it later. */
@ExtendWith(TestDirs.Extension.class)
class HdfsOutageIT {
    private interface Outage {
        void begin();

        void end();
    }

    @Test
    void writeBehindKeepsEveryUpdateWhileAllOfHdfsNameNodeIncludedIsDown(TestDirs dirs) throws Exception {
        try (HdfsServer hdfs = HdfsServer.start(dirs.work("hdfs-nn"))) {
            outlive(hdfs, "nn", new Outage() {
                public void begin() {
                    hdfs.stop();
                }

                public void end() {
                    hdfs.restart();
                }
            });
        }
    }

    @Test
    void writeBehindKeepsEveryUpdateWhileTheDataNodeIsDown(TestDirs dirs) throws Exception {
        try (HdfsServer hdfs = HdfsServer.start(dirs.work("hdfs-dn"))) {
            outlive(hdfs, "dn", new Outage() {
                public void begin() {
                    hdfs.stopDataNode();
                }

                public void end() {
                    hdfs.startDataNode();
                }
            });
        }
    }

    private void outlive(HdfsServer hdfs, String name, Outage outage) throws Exception {
        try (InJvmCluster cluster = InJvmCluster.start(1, TestNodeConfigs::server)) {
            Ignite node = cluster.node(0);
            IgniteCache<Integer, String> behind = node.getOrCreateCache(new CacheConfiguration<Integer, String>(name)
                .setBackups(1).setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC).setWriteThrough(true)
                .setCacheStoreFactory(new LossFreeWriteBehindFactory<Integer, String>()
                    .setStore(HdfsWriteBehindConfigurer.hdfs(hdfs.uri())).setFlushIntervalMillis(300)));
            StoreReadings metrics = StoreReadings.of(node, "hdfs", name);
            LongSupplier pending = () -> metrics.value(StoreMetrics.PENDING_ENTRIES);
            LongSupplier up = () -> metrics.value(StoreMetrics.BACKEND_UP);

            for (int k = 0; k < 1000; k++)
                behind.put(k, "v" + k);
            Await.until(() -> pending.getAsLong() == 0, Duration.ofSeconds(120), "the first 1000 updates written");

            outage.begin();

            for (int k = 1000; k < 3000; k++)
                behind.put(k, "v" + k);
            for (int k = 0; k < 100; k++)
                behind.put(k, "w" + k);
            assertThat(behind.get(5)).isEqualTo("w5");
            Await.until(() -> up.getAsLong() == 0, Duration.ofSeconds(120), "BackendUp to drop to 0");
            assertThat(pending.getAsLong()).isEqualTo(2100);
            assertThat(metrics.lastError()).contains("cannot write");

            outage.end();

            Await.until(() -> pending.getAsLong() == 0, Duration.ofSeconds(120), "the 2100 waiting updates written after HDFS came back");
            assertThat(up.getAsLong()).isEqualTo(1);
            IgniteCache<Integer, String> reader = node.getOrCreateCache(new CacheConfiguration<Integer, String>(name + "_reader")
                .setCacheStoreFactory(HdfsWriteBehindConfigurer.hdfs(hdfs.uri()).setDirectory(name)));
            reader.loadCache(null);
            assertThat(reader.size()).isEqualTo(3000);
            for (int k = 0; k < 3000; k++)
                assertThat(reader.get(k)).isEqualTo((k < 100 ? "w" : "v") + k);
        }
    }
}
