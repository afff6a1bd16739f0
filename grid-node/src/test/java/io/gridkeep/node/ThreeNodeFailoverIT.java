package io.gridkeep.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestDirs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Replicated and backed-up caches on a 3-node cluster keep every entry when a node stops. */
@ExtendWith(TestDirs.Extension.class)
class ThreeNodeFailoverIT {
    private static final int ENTRIES = 5_000;

    @Test
    void replicatedKvCacheHoldsEveryEntryAfterANodeStops(TestDirs dirs) {
        Path work = dirs.work("replicated");
        try (InJvmCluster cluster = InJvmCluster.start(3, slot -> GridKeepTestNodes.defaultConfig(slot, work.resolve(slot.name())))) {
            IgniteCache<Integer, String> kv = cluster.node(0).cache("kv");
            Map<Integer, String> written = writeEntries(kv);
            // Ignite's getConfiguration takes a class literal, which can only be raw.
            @SuppressWarnings("unchecked")
            CacheConfiguration<Integer, String> cfg = kv.getConfiguration(CacheConfiguration.class);
            assertThat(cfg.getCacheMode()).isEqualTo(CacheMode.REPLICATED);
            assertThat(cluster.node(0).cluster().forServers().nodes()).hasSize(3);

            cluster.stop(0);

            assertEveryEntryReadsBack(cluster, "kv", written);
        }
    }

    @Test
    void partitionedCacheWithOneBackupHoldsEveryEntryAfterANodeStops(TestDirs dirs) {
        Path work = dirs.work("partitioned");
        try (InJvmCluster cluster = InJvmCluster.start(3, slot -> GridKeepTestNodes.defaultConfig(slot, work.resolve(slot.name())))) {
            IgniteCache<Integer, String> cache = cluster.node(0).getOrCreateCache(new CacheConfiguration<Integer, String>("orders")
                .setCacheMode(CacheMode.PARTITIONED)
                .setBackups(1)
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC));
            Map<Integer, String> written = writeEntries(cache);

            cluster.stop(1);

            assertEveryEntryReadsBack(cluster, "orders", written);
        }
    }

    private static Map<Integer, String> writeEntries(IgniteCache<Integer, String> cache) {
        Map<Integer, String> m = new HashMap<>();
        for (int i = 0; i < ENTRIES; i++)
            m.put(i, "value-" + i);
        cache.putAll(m);
        return m;
    }

    private static void assertEveryEntryReadsBack(InJvmCluster cluster, String cacheName, Map<Integer, String> written) {
        try (IgniteClient client = Ignition.startClient(new ClientConfiguration().setAddresses(cluster.clientAddresses()))) {
            // Key reads wait for the exchange that follows the node's exit; size() does not, so it is not used here.
            ClientCache<Integer, String> cache = client.cache(cacheName);
            assertThat(cache.getAll(written.keySet())).isEqualTo(written);
        }
    }
}
