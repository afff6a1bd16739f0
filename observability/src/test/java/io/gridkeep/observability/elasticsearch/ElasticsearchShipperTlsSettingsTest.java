package io.gridkeep.observability.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridkeep.testkit.TestCa;
import io.gridkeep.testkit.TestDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.ignite.lifecycle.LifecycleEventType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shipper's CA file, checked when the node starts: every bad file fails the start naming the property and the file. */
@ExtendWith(TestDirs.Extension.class)
class ElasticsearchShipperTlsSettingsTest {
    static TestCa ca;
    static Path dir;

    @BeforeAll
    static void makeCa(TestDirs dirs) {
        ca = TestCa.create(dirs.work("ca"));
        dir = dirs.work("files");
    }

    private static void start(ElasticsearchShipper s) {
        s.onLifecycleEvent(LifecycleEventType.BEFORE_NODE_START);
    }

    @Test
    void aMissingCaFileFailsTheStartNamingPropertyAndFile() {
        Path missing = dir.resolve("absent.pem");

        assertThatThrownBy(() -> start(new ElasticsearchShipper().setUrls("https://127.0.0.1:9200").setCaFile(missing.toString())))
            .hasMessageContaining("cannot read the CA file " + missing).hasMessageContaining("property 'caFile'");
    }

    @Test
    void aFileOfNoCertificateFailsTheStartNamingPropertyAndFile() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.crt"), "not a certificate");

        assertThatThrownBy(() -> start(new ElasticsearchShipper().setUrls("https://127.0.0.1:9200").setCaFile(junk.toString())))
            .hasMessageContaining("the CA file " + junk + " is neither PEM certificates nor a PKCS#12 trust store")
            .hasMessageContaining("property 'caFile'");
    }

    @Test
    void aCaFileWithOnlyHttpUrlsFailsTheStartRatherThanShipInPlainText() {
        assertThatThrownBy(() -> start(new ElasticsearchShipper().setUrls("http://127.0.0.1:9200").setCaFile(ca.pem().toString())))
            .hasMessageContaining("no URL is https").hasMessageContaining("property 'caFile'");
    }

    @Test
    void aPemOrAPkcs12TrustStoreIsTakenForHttpsUrls() {
        ElasticsearchConnection pem = ElasticsearchConnection.of("https://127.0.0.1:9200").caFile(ca.pem(), null);
        ElasticsearchConnection p12 = ElasticsearchConnection.of("https://127.0.0.1:9200").caFile(ca.truststore(), TestCa.PASSWORD);

        assertThat(pem.caFile()).isEqualTo(ca.pem());
        assertThat(p12.caFile()).isEqualTo(ca.truststore());
    }
}
