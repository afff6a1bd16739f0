package io.gridkeep.store.writebehind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridkeep.store.cassandra.CassandraStoreFactory;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestNodeConfigs;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cache whose settings break the write-behind's promise does not start, with one line that says
 * why; the node stays up and serves the caches that are right. No Cassandra: the store connects on
 * its first write, and a refused cache never gets one.
 */
class WriteBehindRefusalIT {
    private static InJvmCluster cluster;
    private static Ignite node;

    @BeforeAll
    static void start() {
        cluster = InJvmCluster.start(1, TestNodeConfigs::server);
        node = cluster.node(0);
    }

    @AfterAll
    static void stop() {
        if (cluster != null)
            cluster.close();
    }

    private static CacheConfiguration<Integer, String> cache(String name) {
        CassandraStoreFactory<Integer, String> cassandra = new CassandraStoreFactory<Integer, String>().setContactPoints("127.0.0.1:1")
            .setKeyspace("refused").setTable(name).setKeyColumn("k").setKeyType("int").setValueBlobColumn("v");
        return new CacheConfiguration<Integer, String>(name).setBackups(1)
            .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC).setWriteThrough(true)
            .setCacheStoreFactory(new LossFreeWriteBehindFactory<Integer, String>().setStore(cassandra));
    }

    @Test
    void aTransactionalCacheIsRefusedAtStartAndTheNodeStaysUp() {
        assertThatThrownBy(() -> node.getOrCreateCache(cache("tx").setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL)))
            .hasStackTraceContaining("gridkeep: loss-free write-behind of cache tx: atomicityMode=TRANSACTIONAL is not supported");
        assertThat(node.cacheNames()).doesNotContain("tx");
        assertThat(node.getOrCreateCache(cache("atomic")).getName()).isEqualTo("atomic");
    }

    @Test
    void aCacheWithoutBackupsIsRefusedAtStart() {
        assertThatThrownBy(() -> node.getOrCreateCache(cache("nobackup").setBackups(0)))
            .hasStackTraceContaining("gridkeep: loss-free write-behind of cache nobackup: backups=0");
        assertThat(node.cacheNames()).doesNotContain("nobackup");
    }
}
