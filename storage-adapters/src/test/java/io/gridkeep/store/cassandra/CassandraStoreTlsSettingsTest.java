package io.gridkeep.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridkeep.testkit.TestCa;
import io.gridkeep.testkit.TestDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store's CA file settings, checked when the store is created: every bad file is named with its property. */
@ExtendWith(TestDirs.Extension.class)
class CassandraStoreTlsSettingsTest {
    static TestCa ca;
    static TestCa otherCa;
    static Path dir;

    @BeforeAll
    static void makeCas(TestDirs dirs) {
        ca = TestCa.create(dirs.work("ca"));
        otherCa = TestCa.create(dirs.work("other-ca"));
        dir = dirs.work("files");
    }

    private static CassandraStoreFactory<Long, Object> valid() {
        return new CassandraStoreFactory<Long, Object>().setTable("t").setValueType("x.Y").setValueColumns(Map.of("a", "text"));
    }

    @Test
    void aPemCaFileTurnsTlsOn() {
        assertThat(valid().setSslCaFile(ca.pem().toString()).settings().tls().on()).isTrue();
        assertThat(valid().settings().tls().on()).isFalse();
    }

    @Test
    void aPemFileOfSeveralCasIsAccepted() throws IOException {
        Path both = Files.writeString(dir.resolve("both.pem"), Files.readString(ca.pem()) + Files.readString(otherCa.pem()));

        assertThat(valid().setSslCaFile(both.toString()).settings().tls().caFile()).isEqualTo(both.toString());
    }

    @Test
    void aMissingCaFileIsNamedWithItsProperty() {
        Path missing = dir.resolve("absent.pem");

        assertThatThrownBy(() -> valid().setSslCaFile(missing.toString()).settings())
            .hasMessageContaining("cannot read the CA file " + missing).hasMessageContaining("property 'sslCaFile'");
    }

    @Test
    void aFileOfNoCertificateIsNamedWithItsProperty() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> valid().setSslCaFile(junk.toString()).settings())
            .hasMessageContaining("the CA file " + junk + " is not PEM certificates").hasMessageContaining("property 'sslCaFile'");
    }

    @Test
    void aPkcs12TrustStoreOpensWithItsPassword() {
        assertThat(valid().setSslCaFile(ca.truststore().toString()).setSslCaFilePassword(TestCa.PASSWORD).settings().tls().on()).isTrue();
    }

    @Test
    void aPkcs12TrustStoreWithAWrongPasswordIsNamed() {
        assertThatThrownBy(() -> valid().setSslCaFile(ca.truststore().toString()).setSslCaFilePassword("wrong").settings())
            .hasMessageContaining("is neither PEM certificates nor a PKCS#12 trust store that opens with the password given")
            .hasMessageContaining("property 'sslCaFile'");
    }

    @Test
    void theStoreSettingsNeverPrintTheTrustStorePassword() {
        assertThat(valid().setSslCaFile(ca.truststore().toString()).setSslCaFilePassword(TestCa.PASSWORD).settings().tls().toString())
            .doesNotContain(TestCa.PASSWORD);
    }
}
