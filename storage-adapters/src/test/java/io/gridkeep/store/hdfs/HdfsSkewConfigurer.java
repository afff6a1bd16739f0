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
 * Cache {@code skewed} on a forked server, written behind to the HDFS at {@code -Dgridkeep.test.hdfs}
 * with busy maintenance: segments roll every 20 s, and each node compacts its partitions every
 * 0.5 s once two segments wait. An {@code .open} segment judged by clocks would be abandoned after
 * 81 s by this configuration (20 s + two intervals + a minute): less than the tests' 5 minutes of skew.
 */
public class HdfsSkewConfigurer implements NodeConfigurer {
    static final String CACHE = "skewed";

    static HdfsStoreFactory<Integer, String> hdfs(String uri) {
        return new HdfsStoreFactory<Integer, String>().setUri(uri + "/gridkeep").setPartitions(8)
            .setSegmentMaxAgeMillis(20_000).setCompactionSegments(2).setCompactionIntervalMillis(500)
            .setHadoopProperties(HdfsServer.CLIENT_PROPERTIES);
    }

    @Override
    public IgniteConfiguration configure(NodeSlot slot, IgniteConfiguration cfg) {
        CacheConfiguration<Integer, String> skewed = new CacheConfiguration<Integer, String>(CACHE)
            .setCacheMode(CacheMode.PARTITIONED).setBackups(1).setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
            .setWriteThrough(true).setReadThrough(false)
            .setCacheStoreFactory(new LossFreeWriteBehindFactory<Integer, String>().setStore(hdfs(System.getProperty("gridkeep.test.hdfs")))
                .setFlushIntervalMillis(200).setFlushSize(500));
        return cfg.setCacheConfiguration(skewed);
    }
}
