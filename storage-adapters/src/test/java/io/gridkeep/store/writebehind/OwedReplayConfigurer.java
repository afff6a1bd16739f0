package io.gridkeep.store.writebehind;

import io.gridkeep.store.cassandra.CassandraStoreFactory;
import io.gridkeep.testkit.NodeConfigurer;
import io.gridkeep.testkit.NodeSlot;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;

/**
 * Cache {@code owed} on a forked server: GridKeep's write-behind into the Cassandra at
 * {@code -Dgridkeep.test.cassandra}, table {@code -Dgridkeep.test.table} of keyspace {@code owed},
 * flushed when 5,000 keys wait on a node or the oldest has waited 10 s (so that a test's last
 * updates stay unwritten); backups=1, FULL_SYNC.
 */
public class OwedReplayConfigurer implements NodeConfigurer {
    static final String CACHE = "owed";
    static final int FLUSH_SIZE = 5000;

    @Override
    public IgniteConfiguration configure(NodeSlot slot, IgniteConfiguration cfg) {
        CassandraStoreFactory<Integer, String> cassandra = new CassandraStoreFactory<Integer, String>()
            .setContactPoints(System.getProperty("gridkeep.test.cassandra")).setKeyspace("owed")
            .setTable(System.getProperty("gridkeep.test.table")).setKeyColumn("k").setKeyType("int").setValueBlobColumn("v");
        CacheConfiguration<Integer, String> owed = new CacheConfiguration<Integer, String>(CACHE)
            .setCacheMode(CacheMode.PARTITIONED).setBackups(1).setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
            .setWriteThrough(true).setReadThrough(false)
            .setCacheStoreFactory(new LossFreeWriteBehindFactory<Integer, String>().setStore(cassandra)
                .setFlushIntervalMillis(10_000).setFlushSize(FLUSH_SIZE));
        return cfg.setCacheConfiguration(owed);
    }
}
