package io.gridkeep.store.writebehind;

import io.gridkeep.store.cassandra.CassandraStoreFactory;
import io.gridkeep.testkit.NodeConfigurer;
import io.gridkeep.testkit.NodeSlot;
import java.nio.file.Path;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;

/**
 * Cache {@code persisted} on a forked server with native persistence (data under
 * {@code -Dgridkeep.test.persistence}/{@code <node name>}, so that a restart of the slot finds it):
 * GridKeep's write-behind into the Cassandra at {@code -Dgridkeep.test.cassandra}, table
 * {@code -Dgridkeep.test.table} of keyspace {@code room}, flushed every 200 ms, and a stop that gives
 * up after 2 s when the backend is down.
 */
public class PersistentStoreConfigurer implements NodeConfigurer {
    static final String CACHE = "persisted";

    @Override
    public IgniteConfiguration configure(NodeSlot slot, IgniteConfiguration cfg) {
        CassandraStoreFactory<Integer, String> cassandra = new CassandraStoreFactory<Integer, String>()
            .setContactPoints(System.getProperty("gridkeep.test.cassandra")).setKeyspace("room")
            .setTable(System.getProperty("gridkeep.test.table")).setKeyColumn("k").setKeyType("int").setValueBlobColumn("v");
        CacheConfiguration<Integer, String> persisted = new CacheConfiguration<Integer, String>(CACHE)
            .setCacheMode(CacheMode.PARTITIONED).setBackups(1).setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
            .setWriteThrough(true).setReadThrough(false)
            .setCacheStoreFactory(new LossFreeWriteBehindFactory<Integer, String>().setStore(cassandra)
                .setFlushIntervalMillis(200).setStopFlushMillis(2000));
        cfg.getDataStorageConfiguration().getDefaultDataRegionConfiguration().setPersistenceEnabled(true);
        return cfg.setWorkDirectory(Path.of(System.getProperty("gridkeep.test.persistence"), slot.name()).toString())
            .setCacheConfiguration(persisted);
    }
}
