package io.gridkeep.store.writebehind;

import io.gridkeep.store.cassandra.CassandraStoreFactory;
import io.gridkeep.testkit.NodeConfigurer;
import io.gridkeep.testkit.NodeSlot;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;

/**
 * Two caches on a forked server, both persisted to the Cassandra at {@code -Dgridkeep.test.cassandra}
 * (keyspace wb): {@code lossfree} with GridKeep's write-behind, {@code plain} with Ignite's own.
 * GridKeep's flushes every 5 minutes, Ignite's every 30 s (its stop waits for the next tick): nothing is
 * written before the test stops the nodes, which flushes.
 */
public class WriteBehindConfigurer implements NodeConfigurer {
    static CassandraStoreFactory<Integer, String> cassandra(String table) {
        return new CassandraStoreFactory<Integer, String>().setContactPoints(System.getProperty("gridkeep.test.cassandra"))
            .setKeyspace("wb").setTable(table).setKeyColumn("k").setKeyType("int").setValueBlobColumn("v");
    }

    @Override
    public IgniteConfiguration configure(NodeSlot slot, IgniteConfiguration cfg) {
        CacheConfiguration<Integer, String> lossFree = new CacheConfiguration<Integer, String>("lossfree")
            .setCacheMode(CacheMode.PARTITIONED).setBackups(1).setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
            .setWriteThrough(true).setReadThrough(false)
            .setCacheStoreFactory(new LossFreeWriteBehindFactory<Integer, String>().setStore(cassandra("lossfree"))
                .setFlushIntervalMillis(300_000).setFlushSize(100_000).setMaxPending(200_000));
        CacheConfiguration<Integer, String> plain = new CacheConfiguration<Integer, String>("plain")
            .setCacheMode(CacheMode.PARTITIONED).setBackups(1).setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
            .setWriteThrough(true).setReadThrough(false).setWriteBehindEnabled(true)
            .setWriteBehindFlushFrequency(30_000).setWriteBehindFlushSize(100_000)
            .setCacheStoreFactory(cassandra("plain"));
        return cfg.setCacheConfiguration(lossFree, plain);
    }
}
