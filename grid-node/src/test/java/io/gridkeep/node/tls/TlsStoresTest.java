package io.gridkeep.node.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridkeep.node.GridKeepException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a node's store passwords come from, and what a node that finds none is told. */
class TlsStoresTest {
    @TempDir
    Path dir;

    @Test
    void aPasswordFileWhoseFirstLineIsEmptyIsNamedWithThatReason() throws Exception {
        Path keystore = issuedKeystore();
        Files.writeString(dir.resolve("node1.p12.password"), "\nnode\n");

        assertThatThrownBy(() -> TlsStores.node(keystore.toString(), "", "", "trust"))
            .isInstanceOf(GridKeepException.class)
            .hasMessageContaining("no password for " + keystore)
            .hasMessageContaining("node1.p12.password: its first line is empty");
    }

    @Test
    void aMissingPasswordFileSaysWhereToPutThePassword() throws Exception {
        Path keystore = issuedKeystore();

        assertThatThrownBy(() -> TlsStores.node(keystore.toString(), "", "", "trust"))
            .isInstanceOf(GridKeepException.class)
            .hasMessageContaining("set gridkeep.tls.keystore.password (env GRIDKEEP_KEYSTORE_PASSWORD) or write it to "
                + dir.resolve("node1.p12.password"));
    }

    @Test
    void thePasswordFileBesideTheKeystoreOpensIt() throws Exception {
        Path keystore = issuedKeystore();
        Files.writeString(dir.resolve("node1.p12.password"), "node\n");

        assertThat(TlsStores.node(keystore.toString(), "", "", "trust").create().getProtocol()).isEqualTo("TLS");
    }

    private Path issuedKeystore() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(dir).password("ca".toCharArray()).truststorePassword("trust".toCharArray())
            .write();
        Path keystore = ca.issue("node1").password("node".toCharArray()).write().keystore();
        Files.deleteIfExists(dir.resolve("node1.p12.password"));
        return keystore;
    }
}
