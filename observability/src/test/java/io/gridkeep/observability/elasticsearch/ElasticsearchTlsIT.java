package io.gridkeep.observability.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.ElasticsearchServer;
import io.gridkeep.testkit.FreePorts;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestCa;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import io.gridkeep.testkit.TlsFront;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.ignite.logger.log4j2.Log4J2Logger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shipper against a real Elasticsearch 8.19 served over HTTPS with a test CA's certificate. The
 * test server has no security module, so TLS ends in testkit's {@code TlsFront} on 127.0.0.1, which
 * relays to Elasticsearch: the shipper's side (trust, host name, handshake) is the real one.
 */
@ExtendWith(TestDirs.Extension.class)
class ElasticsearchTlsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Logger MARKERS = LogManager.getLogger("gridkeep.test.tls");

    static TestCa ca;
    static TestCa otherCa;
    static ElasticsearchServer es;
    static EsDocs docs;

    @BeforeAll
    static void startElasticsearch(TestDirs dirs) {
        System.setProperty("IGNITE_QUIET", "false");
        ca = TestCa.create(dirs.work("ca"));
        otherCa = TestCa.create(dirs.work("other-ca"));
        es = ElasticsearchServer.startWithTls(dirs.work("es"), ca.issueServer("es"));
        docs = new EsDocs(es);
    }

    @AfterAll
    static void stopElasticsearch() {
        if (es != null)
            es.close();
    }

    static ElasticsearchShipper shipper(String prefix) {
        return shipper(prefix, es.url());
    }

    static ElasticsearchShipper shipper(String prefix, String url) {
        return new ElasticsearchShipper().setUrls(url).setIndexPrefix(prefix).setFlushIntervalMillis(200)
            .setMaxRetryDelayMillis(500).setShipEvents(false);
    }

    static InJvmCluster node(ElasticsearchShipper shipper) {
        return InJvmCluster.start(1, slot -> TestNodeConfigs.server(slot).setGridLogger(new Log4J2Logger()).setLifecycleBeans(shipper));
    }

    @Test
    @SuppressWarnings("try") // the node runs the shipper; the test talks to Elasticsearch
    void givenTheCaFileTheShipperShipsToHttpsElasticsearch() {
        assertThat(es.url()).startsWith("https://127.0.0.1:");
        String marker = "marker-" + UUID.randomUUID();
        try (InJvmCluster cluster = node(shipper("tls1").setCaFile(ca.pem().toString()))) {
            MARKERS.warn("over tls " + marker);

            docs.await("tls1-logs-*", "\"" + marker + "\"", l -> !l.isEmpty(), WAIT);
        }
    }

    @Test
    @SuppressWarnings("try") // the node runs the shipper; the test talks to Elasticsearch
    void withoutTheCaFileTheRefusedCertificateIsLoggedNamingCaFileAndDocumentsWaitInTheBuffer() {
        ElasticsearchShipper shipper = shipper("tls2");
        try (LogCapture log = LogCapture.warnings(); InJvmCluster cluster = node(shipper)) {
            MARKERS.warn("never trusted " + UUID.randomUUID());

            String warning = awaitWarning(log, "Elasticsearch at " + es.url() + " unreachable (TLS failed: ");
            assertThat(warning).contains("the JVM's default CAs do not trust the server's certificate: set property 'caFile'");
            ShippingStats s = Await.every(Duration.ofMillis(100)).until(shipper::stats, st -> st.pending() > 0 && st.failedRequests() > 0,
                WAIT, "documents waiting after failed requests");
            assertThat(s.up()).isFalse();
            assertThat(s.shipped()).isZero();
            assertThat(s.dropped()).isZero();
        }
        assertThat(docs.count("tls2-*")).isZero();
    }

    @Test
    @SuppressWarnings("try") // the node runs the shipper; the test talks to Elasticsearch
    void theCaFileOfAnotherCaIsRefusedNamingTheFile() {
        try (LogCapture log = LogCapture.warnings(); InJvmCluster cluster = node(shipper("tls3").setCaFile(otherCa.pem().toString()))) {
            MARKERS.warn("wrong ca " + UUID.randomUUID());

            String warning = awaitWarning(log, "Elasticsearch at " + es.url() + " unreachable (TLS failed: ");
            assertThat(warning).contains("the server's certificate is not signed by a CA in " + otherCa.pem() + " (property 'caFile')");
        }
    }

    @Test
    @SuppressWarnings("try") // the node runs the shipper; the test talks to Elasticsearch
    void aCertificateThatDoesNotNameTheUrlsHostIsRefused() {
        // A second TLS port in front of the same Elasticsearch, with a certificate of the trusted CA for another host.
        try (TlsFront misnamed = TlsFront.start(FreePorts.allocate(1)[0], es.httpPort(), ca.issueServer("misnamed", "dns:es.example"));
             LogCapture log = LogCapture.warnings();
             InJvmCluster cluster = node(shipper("tls4", "https://127.0.0.1:" + misnamed.port()).setCaFile(ca.pem().toString()))) {
            MARKERS.warn("misnamed " + UUID.randomUUID());

            String warning = awaitWarning(log, "Elasticsearch at https://127.0.0.1:" + misnamed.port() + " unreachable (TLS failed: ");
            assertThat(warning).contains("Host name '127.0.0.1' does not match the certificate subject provided by the peer");
        }
        assertThat(docs.count("tls4-*")).isZero();
    }

    private static String awaitWarning(LogCapture log, String start) {
        List<String> found = Await.every(Duration.ofMillis(100)).until(
            () -> log.lines().stream().filter(l -> l.startsWith(start)).toList(), l -> !l.isEmpty(), WAIT, "a warning '" + start + "...'");
        return found.get(0);
    }
}
