package io.gridkeep.store.writebehind;

import io.gridkeep.store.cassandra.CassandraStoreFactory;
import io.gridkeep.testkit.NodeConfigurer;
import io.gridkeep.testkit.NodeSlot;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;

/**
 * Cache {@code lossfree} on a forked server: GridKeep's write-behind with room for 1,000 keys per node,
 * flushed when 1,000 wait or the oldest has waited 10 s (a test kills a node within 1-2 s of its last
 * updates), into the Cassandra at {@code -Dgridkeep.test.cassandra}, table {@code -Dgridkeep.test.table}
 * of keyspace {@code room}.
 */
public class SmallRoomConfigurer implements NodeConfigurer {
    static final String CACHE = "lossfree";
    static final int ROOM = 1000;

    @Override
    public IgniteConfiguration configure(NodeSlot slot, IgniteConfiguration cfg) {
        CassandraStoreFactory<Integer, String> cassandra = new CassandraStoreFactory<Integer, String>()
            .setContactPoints(System.getProperty("gridkeep.test.cassandra")).setKeyspace("room")
            .setTable(System.getProperty("gridkeep.test.table")).setKeyColumn("k").setKeyType("int").setValueBlobColumn("v");
        CacheConfiguration<Integer, String> lossFree = new CacheConfiguration<Integer, String>(CACHE)
            .setCacheMode(CacheMode.PARTITIONED).setBackups(1).setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
            .setWriteThrough(true).setReadThrough(false)
            .setCacheStoreFactory(new LossFreeWriteBehindFactory<Integer, String>().setStore(cassandra)
                .setFlushIntervalMillis(10_000).setFlushSize(ROOM).setMaxPending(ROOM));
        return cfg.setCacheConfiguration(lossFree);
    }
}
