package io.gridkeep.observability.elasticsearch;

import io.gridkeep.testkit.NodeConfigurer;
import io.gridkeep.testkit.NodeSlot;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.logger.log4j2.Log4J2Logger;

/** Puts the shipper on a forked test server, aimed at {@code -Dgridkeep.test.es.url} with prefix {@code -Dgridkeep.test.es.prefix}. */
public class ShipperConfigurer implements NodeConfigurer {
    @Override
    public IgniteConfiguration configure(NodeSlot slot, IgniteConfiguration cfg) {
        return cfg.setGridLogger(new Log4J2Logger()).setLifecycleBeans(new ElasticsearchShipper()
            .setUrls(System.getProperty("gridkeep.test.es.url"))
            .setIndexPrefix(System.getProperty("gridkeep.test.es.prefix"))
            .setFlushIntervalMillis(200).setMaxRetryDelayMillis(500));
    }
}
