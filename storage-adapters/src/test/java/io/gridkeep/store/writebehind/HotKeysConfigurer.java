package io.gridkeep.store.writebehind;

import io.gridkeep.store.cassandra.CassandraStoreFactory;
import io.gridkeep.testkit.NodeConfigurer;
import io.gridkeep.testkit.NodeSlot;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;

/**
 * Cache {@code hot} on a forked server: GridKeep's write-behind flushed every 100 ms into the
 * Cassandra at {@code -Dgridkeep.test.cassandra}, table {@code -Dgridkeep.test.table} of keyspace
 * {@code skew}; backups=1, FULL_SYNC.
 */
public class HotKeysConfigurer implements NodeConfigurer {
    static final String CACHE = "hot";

    @Override
    public IgniteConfiguration configure(NodeSlot slot, IgniteConfiguration cfg) {
        CassandraStoreFactory<Integer, String> cassandra = new CassandraStoreFactory<Integer, String>()
            .setContactPoints(System.getProperty("gridkeep.test.cassandra")).setKeyspace("skew")
            .setTable(System.getProperty("gridkeep.test.table")).setKeyColumn("k").setKeyType("int").setValueBlobColumn("v");
        CacheConfiguration<Integer, String> hot = new CacheConfiguration<Integer, String>(CACHE)
            .setCacheMode(CacheMode.PARTITIONED).setBackups(1).setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
            .setWriteThrough(true).setReadThrough(false)
            .setCacheStoreFactory(new LossFreeWriteBehindFactory<Integer, String>().setStore(cassandra).setFlushIntervalMillis(100));
        return cfg.setCacheConfiguration(hot);
    }
}
