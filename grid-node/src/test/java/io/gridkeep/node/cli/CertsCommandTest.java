package io.gridkeep.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code gridkeep certs}, run in this JVM through {@link GridKeepCli}, with an environment of its own. */
class CertsCommandTest {
    @TempDir
    Path dir;

    /** What one run printed, and its exit code. */
    private record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\nstdout:\n" + out + "stderr:\n" + err;
        }
    }

    private static Run gridkeep(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GridKeepCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), env, args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run gridkeep(String... args) {
        return gridkeep(Map.of(), args);
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }

    private static String password(Path file) throws Exception {
        return Files.readString(file).strip();
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void createCaThenIssueWriteKeystoresThatVerifyAndGeneratedPasswordsBesideThem() throws Exception {
        Path tls = dir.resolve("tls");

        Run ca = gridkeep("certs", "create-ca", "--dir", tls.toString());
        Run node = gridkeep("certs", "issue", "--ca", tls.toString(), "--name", "node1", "--dns", "node1.example.com",
            "--ip", "10.0.0.11,127.0.0.1");

        assertThat(ca.code()).as(ca.toString()).isZero();
        assertThat(node.code()).as(node.toString()).isZero();
        assertThat(ca.out()).startsWith("created CA CN=GridKeep CA in " + tls + ": EC P-256, SHA-256, valid until ")
            .contains("password of ca.p12: generated, in " + tls.resolve("ca.p12.password") + " (mode 0600)")
            .contains("password of truststore.p12: generated, in " + tls.resolve("truststore.p12.password") + " (mode 0600)");
        assertThat(node.out()).startsWith("issued CN=node1 (node: serverAuth, clientAuth) by CN=GridKeep CA, valid until ")
            .contains("names DNS:node1.example.com, IP:10.0.0.11, IP:127.0.0.1")
            .contains("wrote " + tls.resolve("node1.p12") + " (private key and chain, mode 0600)")
            .contains("password of node1.p12: generated, in " + tls.resolve("node1.p12.password") + " (mode 0600)");
        for (String f : List.of("ca.p12.password", "truststore.p12.password", "node1.p12.password")) {
            assertThat(mode(tls.resolve(f))).isEqualTo("rw-------");
            assertThat(ca.out() + node.out()).as("no password printed").doesNotContain(password(tls.resolve(f)));
        }
        for (String f : List.of("ca.p12", "node1.p12", "node1-key.pem"))
            assertThat(mode(tls.resolve(f))).as(f).isEqualTo("rw-------");

        KeyStore ks = load(tls.resolve("node1.p12"), password(tls.resolve("node1.p12.password")));
        PKIXParameters params = new PKIXParameters(load(tls.resolve("truststore.p12"), password(tls.resolve("truststore.p12.password"))));
        params.setRevocationEnabled(false);
        X509Certificate leaf = (X509Certificate)ks.getCertificateChain("node1")[0];
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), params);
        assertThat(load(tls.resolve("ca.p12"), password(tls.resolve("ca.p12.password"))).isKeyEntry("ca")).isTrue();
    }

    @Test
    void createCaRefusesToReplaceAnExistingCaWithoutForce() throws Exception {
        Path tls = dir.resolve("tls");
        gridkeep("certs", "create-ca", "--dir", tls.toString());
        byte[] before = Files.readAllBytes(tls.resolve("ca.pem"));

        Run again = gridkeep("certs", "create-ca", "--dir", tls.toString());

        assertThat(again.code()).isEqualTo(1);
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).isEqualTo("gridkeep: certs create-ca: a CA exists in " + tls + " already; pass --force to replace it "
            + "(the certificates it issued will no longer be trusted) (" + tls.resolve("ca.p12") + ")\n");
        assertThat(Files.readAllBytes(tls.resolve("ca.pem"))).isEqualTo(before);

        Run forced = gridkeep("certs", "create-ca", "--dir", tls.toString(), "--force", "--name", "GridKeep CA 2");
        assertThat(forced.code()).as(forced.toString()).isZero();
        assertThat(Files.readString(tls.resolve("ca.pem"))).isNotEqualTo(new String(before));
    }

    @Test
    void passwordsFromTheEnvironmentAreUsedAndNotWrittenDown() throws Exception {
        Path tls = dir.resolve("tls");
        Map<String, String> env = Map.of("GRIDKEEP_CA_PASSWORD", "ca-from-env", "GRIDKEEP_TRUSTSTORE_PASSWORD", "trust-from-env",
            "GRIDKEEP_KEYSTORE_PASSWORD", "ks-from-env");

        Run ca = gridkeep(env, "certs", "create-ca", "--dir", tls.toString());
        Run app = gridkeep(env, "certs", "issue", "--ca", tls.toString(), "--name", "app", "--client", "--out",
            dir.resolve("clients/app.p12").toString());

        assertThat(ca.code()).as(ca.toString()).isZero();
        assertThat(app.code()).as(app.toString()).isZero();
        assertThat(ca.out()).contains("password of ca.p12: from GRIDKEEP_CA_PASSWORD")
            .contains("password of truststore.p12: from GRIDKEEP_TRUSTSTORE_PASSWORD").doesNotContain("from-env");
        assertThat(app.out()).startsWith("issued CN=app (client: clientAuth)").contains("names none")
            .contains("password of app.p12: from GRIDKEEP_KEYSTORE_PASSWORD");
        try (var files = Files.list(tls)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ca.p12", "ca.pem", "truststore.p12");
        }
        X509Certificate cert = (X509Certificate)load(dir.resolve("clients/app.p12"), "ks-from-env").getCertificate("app");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(dir.resolve("clients/app.pem")).exists();
        assertThat(dir.resolve("clients/app-key.pem")).exists();
        assertThat(load(tls.resolve("truststore.p12"), "trust-from-env").size()).isEqualTo(1);
    }

    @Test
    void aPasswordFileIsReadByItsFirstLine() throws Exception {
        Path tls = dir.resolve("tls");
        Path pw = Files.writeString(dir.resolve("ca-pw"), "from-file\nignored\n");

        Run ca = gridkeep("certs", "create-ca", "--dir", tls.toString(), "--password-file", pw.toString());
        Run node = gridkeep("certs", "issue", "--ca", tls.toString(), "--name", "node1", "--ca-password-file", pw.toString());

        assertThat(ca.code()).as(ca.toString()).isZero();
        assertThat(node.code()).as(node.toString()).isZero();
        assertThat(ca.out()).contains("password of ca.p12: from " + pw);
        assertThat(tls.resolve("ca.p12.password")).doesNotExist();
        assertThat(load(tls.resolve("ca.p12"), "from-file").isKeyEntry("ca")).isTrue();
    }

    @Test
    void aWrongCaPasswordNamesWhereThePasswordCameFromAndWhereItShouldBe() {
        Path tls = dir.resolve("tls");
        gridkeep(Map.of("GRIDKEEP_CA_PASSWORD", "right"), "certs", "create-ca", "--dir", tls.toString());

        Run r = gridkeep(Map.of("GRIDKEEP_CA_PASSWORD", "wrong"), "certs", "issue", "--ca", tls.toString(), "--name", "node1");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("gridkeep: cannot open " + tls.resolve("ca.p12")
            + ": wrong password? set GRIDKEEP_CA_PASSWORD or pass --ca-password-file (password from GRIDKEEP_CA_PASSWORD)\n");
        assertThat(tls.resolve("node1.p12")).doesNotExist();
        assertThat(tls.resolve("node1.p12.password")).doesNotExist();
    }

    @Test
    void aMissingCaPasswordSaysHowToGiveOne() {
        Path tls = dir.resolve("tls");
        gridkeep(Map.of("GRIDKEEP_CA_PASSWORD", "right"), "certs", "create-ca", "--dir", tls.toString());

        Run r = gridkeep("certs", "issue", "--ca", tls.toString(), "--name", "node1");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("gridkeep: cannot open " + tls.resolve("ca.p12")
            + ": no password: set GRIDKEEP_CA_PASSWORD or pass --ca-password-file (no ca.p12.password beside it)\n");
    }

    @Test
    void aMissingCaDirectoryIsSaidPlainly() {
        Path nosuch = dir.resolve("nosuch");

        Run r = gridkeep("certs", "issue", "--ca", nosuch.toString(), "--name", "node1");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("gridkeep: certs issue: no CA in " + nosuch + ": no such directory; create one with "
            + "'gridkeep certs create-ca --dir " + nosuch + "' (--ca " + nosuch + ")\n");
    }

    @Test
    void aBadIpAddressIsBadUsage() {
        Path tls = dir.resolve("tls");
        gridkeep("certs", "create-ca", "--dir", tls.toString());

        Run r = gridkeep("certs", "issue", "--ca", tls.toString(), "--name", "node1", "--ip", "10.0.0.1,10.0.0.300");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("gridkeep: certs issue: '10.0.0.300' is not an IP address (option --ip)\n");
        assertThat(tls.resolve("node1.p12")).doesNotExist();
    }

    @Test
    void anUnwritableOutputFailsWithTheFileInTheWay() throws Exception {
        Path tls = dir.resolve("tls");
        gridkeep("certs", "create-ca", "--dir", tls.toString());
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

        Run r = gridkeep("certs", "issue", "--ca", tls.toString(), "--name", "node1", "--out", file.resolve("node1.p12").toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
            .isEqualTo("gridkeep: certs issue: cannot create directory: a file is in the way of a directory (" + file + ")\n");
    }

    @Test
    void issueRefusesToReplaceAKeystoreWithoutForce() {
        Path tls = dir.resolve("tls");
        gridkeep("certs", "create-ca", "--dir", tls.toString());
        gridkeep("certs", "issue", "--ca", tls.toString(), "--name", "node1");

        Run again = gridkeep("certs", "issue", "--ca", tls.toString(), "--name", "node1");
        Run forced = gridkeep("certs", "issue", "--ca", tls.toString(), "--name", "node1", "--force");

        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("gridkeep: certs issue: node1.p12 exists already; pass --force to replace it ("
            + tls.resolve("node1.p12") + ")\n");
        assertThat(forced.code()).as(forced.toString()).isZero();
    }

    @Test
    void showPrintsTheChainAndWhetherItLeadsToTheCa() {
        Path tls = dir.resolve("tls");
        Path other = dir.resolve("other");
        gridkeep("certs", "create-ca", "--dir", tls.toString());
        gridkeep("certs", "create-ca", "--dir", other.toString(), "--name", "Other CA");
        gridkeep("certs", "issue", "--ca", tls.toString(), "--name", "node1");

        Run ok = gridkeep("certs", "show", tls.resolve("node1.p12").toString(), "--ca", tls.toString());
        Run no = gridkeep("certs", "show", tls.resolve("node1.pem").toString(), "--ca", other.toString());

        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.out()).startsWith(tls.resolve("node1.p12") + ": 2 certificates\n[1] CN=node1\n    issuer     CN=GridKeep CA\n")
            .contains("    names      DNS:node1, DNS:localhost, IP:127.0.0.1\n")
            .contains("    usage      digitalSignature, serverAuth, clientAuth\n")
            .contains("    not after  ")
            .contains("[2] CN=GridKeep CA\n")
            .endsWith("chains to CN=GridKeep CA (" + tls.resolve("ca.pem") + "): yes\n");
        assertThat(no.code()).isEqualTo(1);
        assertThat(no.err()).startsWith("gridkeep: certs show: [1] CN=node1 does not chain to CN=Other CA: ");
    }

    @Test
    void trustAddsASecondCaToTheTruststore() throws Exception {
        Path tls = dir.resolve("tls");
        Path next = dir.resolve("tls-next");
        gridkeep("certs", "create-ca", "--dir", tls.toString());
        gridkeep("certs", "create-ca", "--dir", next.toString(), "--name", "GridKeep CA 2027");

        Run r = gridkeep("certs", "trust", "--ca", tls.toString(), next.resolve("ca.pem").toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("trusts now CN=GridKeep CA 2027 (SHA-256 ")
            .endsWith(tls.resolve("truststore.p12") + " trusts 2 CAs: CN=GridKeep CA or CN=GridKeep CA 2027\n");
        assertThat(load(tls.resolve("truststore.p12"), password(tls.resolve("truststore.p12.password"))).size()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"certs", "certs create-ca", "certs issue", "certs show", "certs trust"})
    void everyCertsCommandHasHelp(String command) {
        String[] args = (command + " --help").split(" ");

        Run r = gridkeep(args);

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: gridkeep " + command);
    }
}
