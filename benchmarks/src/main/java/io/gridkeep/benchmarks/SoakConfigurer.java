package io.gridkeep.benchmarks;

import io.gridkeep.store.cassandra.CassandraStoreFactory;
import io.gridkeep.store.writebehind.LossFreeWriteBehindFactory;
import io.gridkeep.testkit.NodeConfigurer;
import io.gridkeep.testkit.NodeSlot;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;

/**
 * The soak's server nodes (forked JVMs): cache {@code soak}, backups=1, FULL_SYNC, GridKeep's loss-free
 * write-behind with its defaults into the Cassandra at {@code -Dgridkeep.bench.cassandra}, table
 * {@code soak.kv}. Public with a no-arg constructor: the forked server instantiates it by name.
 */
public class SoakConfigurer implements NodeConfigurer {
    static final String CACHE = "soak";

    @Override
    public IgniteConfiguration configure(NodeSlot slot, IgniteConfiguration cfg) {
        CassandraStoreFactory<Integer, String> cassandra = new CassandraStoreFactory<Integer, String>()
            .setContactPoints(System.getProperty("gridkeep.bench.cassandra")).setKeyspace("soak").setTable("kv")
            .setKeyColumn("k").setKeyType("int").setValueBlobColumn("v");
        CacheConfiguration<Integer, String> soak = new CacheConfiguration<Integer, String>(CACHE)
            .setCacheMode(CacheMode.PARTITIONED).setBackups(1).setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
            .setWriteThrough(true).setReadThrough(false)
            .setCacheStoreFactory(new LossFreeWriteBehindFactory<Integer, String>().setStore(cassandra));
        return cfg.setCacheConfiguration(soak);
    }
}
