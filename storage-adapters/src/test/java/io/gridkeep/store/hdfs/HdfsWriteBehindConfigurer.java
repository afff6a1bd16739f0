package io.gridkeep.store.hdfs;

import io.gridkeep.store.writebehind.LossFreeWriteBehindFactory;
import io.gridkeep.testkit.HdfsServer;
import io.gridkeep.testkit.NodeConfigurer;
import io.gridkeep.testkit.NodeSlot;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;

/**
 * A forked server with cache {@code lossfree} persisted to the HDFS at {@code -Dgridkeep.test.hdfs}
 * by GridKeep's write-behind, which flushes every {@code -Dgridkeep.test.flushMillis} (default 5 minutes:
 * nothing is written before the test stops the nodes).
 */
public class HdfsWriteBehindConfigurer implements NodeConfigurer {
    static HdfsStoreFactory<Integer, String> hdfs(String uri) {
        return new HdfsStoreFactory<Integer, String>().setUri(uri + "/gridkeep").setPartitions(8)
            .setHadoopProperties(HdfsServer.CLIENT_PROPERTIES);
    }

    @Override
    public IgniteConfiguration configure(NodeSlot slot, IgniteConfiguration cfg) {
        CacheConfiguration<Integer, String> lossFree = new CacheConfiguration<Integer, String>("lossfree")
            .setCacheMode(CacheMode.PARTITIONED).setBackups(1).setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
            .setWriteThrough(true).setReadThrough(false)
            .setCacheStoreFactory(new LossFreeWriteBehindFactory<Integer, String>().setStore(hdfs(System.getProperty("gridkeep.test.hdfs")))
                .setFlushIntervalMillis(Long.getLong("gridkeep.test.flushMillis", 300_000)).setFlushSize(100_000).setMaxPending(200_000));
        return cfg.setCacheConfiguration(lossFree);
    }
}
