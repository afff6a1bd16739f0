package io.gridkeep.observability.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.observability.prometheus.PrometheusExporterSpi;
import io.gridkeep.testkit.ElasticsearchServer;
import io.gridkeep.testkit.FreePorts;
import io.gridkeep.testkit.Http;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.logger.log4j2.Log4J2Logger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Elasticsearch stopped under a working node: the node keeps serving, the buffer stays bounded and
 * counts exactly what it drops, and what was buffered arrives once Elasticsearch is back.
 */
@ExtendWith(TestDirs.Extension.class)
class ElasticsearchOutageIT {
    private static final Logger MARKERS = LogManager.getLogger("gridkeep.test.outage");
    private static final int CAPACITY = 300;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void nodeRunsOnDropsAreCountedExactlyAndShippingResumesWhenElasticsearchReturns(TestDirs dirs) {
        System.setProperty("IGNITE_QUIET", "false");
        int metricsPort = FreePorts.allocate(1)[0];
        try (ElasticsearchServer es = ElasticsearchServer.start(dirs.work("es"))) {
            EsDocs docs = new EsDocs(es);
            ShippingStats during;
            ElasticsearchShipper shipper = new ElasticsearchShipper().setUrls(es.url()).setIndexPrefix("out")
                .setBufferCapacity(CAPACITY).setFlushIntervalMillis(100).setMaxRetryDelayMillis(500).setStopDrainMillis(30_000);
            try (InJvmCluster cluster = InJvmCluster.start(1, slot -> TestNodeConfigs.server(slot).setGridLogger(new Log4J2Logger())
                .setLifecycleBeans(shipper).setMetricExporterSpi(new PrometheusExporterSpi().setPort(metricsPort)))) {
                IgniteCache<Integer, Integer> cache = cluster.node(0).getOrCreateCache("c");
                for (int i = 0; i < 50; i++)
                    MARKERS.info("beforemarker " + i);
                docs.await("out-logs-*", "message:beforemarker", l -> l.size() == 50, WAIT);

                es.stop();

                // Far more lines than the buffer holds, and cache traffic, while Elasticsearch is gone.
                for (int i = 0; i < 3000; i++) {
                    MARKERS.info("duringmarker " + i);
                    cache.put(i, i);
                }
                for (int i = 0; i < 3000; i++)
                    assertThat(cache.get(i)).isEqualTo(i);
                Http.Response health = Http.get(metricsPort, "/health");
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.body()).startsWith("{\"status\":\"UP\"");
                during = shipper.stats();
                assertThat(during.dropped()).isGreaterThanOrEqualTo(3000 - CAPACITY - 500);
                assertThat(during.pending()).isLessThanOrEqualTo(CAPACITY + 500);
                String metrics = Http.get(metricsPort, "/metrics").body();
                assertThat(metric(metrics, "gridkeep_elasticsearch_documents_dropped_total"))
                    .isBetween((double)during.dropped(), (double)shipper.stats().dropped());
                assertThat(metric(metrics, "gridkeep_elasticsearch_up")).isEqualTo(0.0);
                assertThat(metric(metrics, "gridkeep_elasticsearch_buffer_capacity")).isEqualTo(CAPACITY);

                es.restart();

                for (int i = 0; i < 50; i++)
                    MARKERS.info("aftermarker " + i);
                docs.await("out-logs-*", "message:aftermarker", l -> l.size() == 50, WAIT);
                // What waited in the buffer through the outage arrived too.
                assertThat(docs.search("out-logs-*", "message:duringmarker")).hasSizeGreaterThan(CAPACITY / 2).hasSizeLessThan(3000);
            }
            // The node stopped; the shipper drained. Every offered document is accounted for, and
            // Elasticsearch holds exactly those counted as shipped: the drop count is exact.
            ShippingStats end = shipper.stats();
            System.out.println("elasticsearch outage: during " + during + "; at the end " + end);
            assertThat(end.lostOnStop()).isZero();
            assertThat(end.offered()).isEqualTo(end.dropped() + end.shipped() + end.duplicates() + end.rejected());
            assertThat(docs.count("out-logs-*,out-events-*")).isEqualTo(end.shipped());
            assertThat(end.dropped()).isPositive();
        }
    }

    private static double metric(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(text);
        assertThat(m.find()).as(name + " in\n" + text).isTrue();
        return Double.parseDouble(m.group(2));
    }
}
