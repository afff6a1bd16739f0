package io.gridkeep.node.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridkeep.node.GridKeepException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    private static final char[] CA_PW = "ca-secret".toCharArray();
    private static final char[] TRUST_PW = "trust-secret".toCharArray();
    private static final char[] KS_PW = "keystore-secret".toCharArray();

    @TempDir
    Path dir;

    private CertificateAuthority newCa(Path at) {
        return CertificateAuthority.create(at).password(CA_PW).truststorePassword(TRUST_PW).write();
    }

    static KeyStore load(Path file, char[] password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        }
        return ks;
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewCaWritesItsKeystoreCertificateAndTruststore() throws Exception {
        CertificateAuthority ca = newCa(dir);

        X509Certificate cert = ca.certificate();
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=GridKeep CA");
        assertThat(cert.getBasicConstraints()).as("CA:true, pathLen 0").isZero();
        // keyCertSign (5) and cRLSign (6) only.
        assertThat(cert.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(cert.getSerialNumber()).isGreaterThan(BigInteger.ONE.shiftLeft(64));
        assertThat(cert.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
        cert.verify(cert.getPublicKey());
        assertThat(Duration.between(Instant.now(), cert.getNotAfter().toInstant()).toDays()).isBetween(3649L, 3650L);

        KeyStore caKs = load(dir.resolve("ca.p12"), CA_PW);
        assertThat(caKs.getKey("ca", CA_PW)).isInstanceOf(PrivateKey.class);
        assertThat(caKs.getCertificate("ca")).isEqualTo(cert);

        try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
            assertThat(List.<Certificate>copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in))).containsExactly(cert);
        }
        KeyStore trust = load(dir.resolve("truststore.p12"), TRUST_PW);
        List<String> aliases = Collections.list(trust.aliases());
        assertThat(aliases).hasSize(1);
        assertThat(trust.isCertificateEntry(aliases.get(0))).as("a trusted certificate entry, no key").isTrue();
        assertThat(trust.getCertificate(aliases.get(0))).isEqualTo(cert);
    }

    @Test
    void anIssuedNodeKeystoreLoadsAndItsChainVerifiesAgainstTheTruststore() throws Exception {
        CertificateAuthority ca = newCa(dir);

        IssuedCertificate node = ca.issue("node1").password(KS_PW).write();

        assertThat(node.keystore()).isEqualTo(dir.resolve("node1.p12"));
        KeyStore ks = load(node.keystore(), KS_PW);
        assertThat(ks.isKeyEntry("node1")).isTrue();
        assertThat(ks.getCertificateChain("node1")).containsExactly(node.certificate(), ca.certificate());

        PKIXParameters params = new PKIXParameters(load(dir.resolve("truststore.p12"), TRUST_PW));
        params.setRevocationEnabled(false);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(List.of(node.certificate())), params);

        X509Certificate leaf = node.certificate();
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=node1");
        assertThat(leaf.getBasicConstraints()).as("CA:false").isEqualTo(-1);
        assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(leaf.getSubjectAlternativeNames())
            .containsExactly(List.of(2, "node1"), List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(leaf.getSerialNumber()).isNotEqualTo(ca.certificate().getSerialNumber());
        assertThat(Duration.between(Instant.now(), leaf.getNotAfter().toInstant()).toDays()).isBetween(729L, 730L);
        // subjectKeyIdentifier and authorityKeyIdentifier: the leaf's AKI is the CA's SKI.
        assertThat(leaf.getExtensionValue("2.5.29.14")).isNotNull();
        byte[] caSki = ca.certificate().getExtensionValue("2.5.29.14");
        byte[] leafAki = leaf.getExtensionValue("2.5.29.35");
        assertThat(Arrays.copyOfRange(leafAki, leafAki.length - 20, leafAki.length))
            .isEqualTo(Arrays.copyOfRange(caSki, caSki.length - 20, caSki.length));
    }

    @Test
    void subjectAltNamesAreExactlyTheOnesGiven() throws Exception {
        IssuedCertificate node = newCa(dir).issue("node2").dns("node2.example.com", "grid.example.com").ip("10.0.0.12", "fd00::12")
            .password(KS_PW).write();

        assertThat(node.certificate().getSubjectAlternativeNames()).containsExactly(List.of(2, "node2.example.com"),
            List.of(2, "grid.example.com"), List.of(7, "10.0.0.12"), List.of(7, "fd00:0:0:0:0:0:0:12"));
    }

    @Test
    void aClientCertificateIsForClientAuthOnlyAndNamesNoHost() throws Exception {
        IssuedCertificate app = newCa(dir).issue("app").clientOnly().validityDays(90).password(KS_PW).write();

        assertThat(app.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(app.certificate().getSubjectAlternativeNames()).isNull();
        assertThat(Duration.between(Instant.now(), app.certificate().getNotAfter().toInstant()).toDays()).isBetween(89L, 90L);
    }

    @Test
    void thePemFilesHoldTheSameChainAndKeyAsTheKeystore() throws Exception {
        CertificateAuthority ca = newCa(dir);
        IssuedCertificate node = ca.issue("node1").password(KS_PW).write();

        assertThat(node.certificatePem()).isEqualTo(dir.resolve("node1.pem"));
        assertThat(node.privateKeyPem()).isEqualTo(dir.resolve("node1-key.pem"));
        try (InputStream in = Files.newInputStream(node.certificatePem())) {
            assertThat(List.<Certificate>copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in)))
                .containsExactly(node.certificate(), ca.certificate());
        }
        String pem = Files.readString(node.privateKeyPem());
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey fromPem = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
        Key fromKs = load(node.keystore(), KS_PW).getKey("node1", KS_PW);
        assertThat(((ECPrivateKey)fromPem).getS()).isEqualTo(((ECPrivateKey)fromKs).getS());
    }

    @Test
    void filesWithKeysAreReadableByTheOwnerOnly() throws Exception {
        IssuedCertificate node = newCa(dir).issue("node1").password(KS_PW).write();

        assertThat(mode(dir.resolve("ca.p12"))).isEqualTo("rw-------");
        assertThat(mode(node.keystore())).isEqualTo("rw-------");
        assertThat(mode(node.privateKeyPem())).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("ca.pem"))).isEqualTo("rw-r--r--");
        assertThat(mode(dir.resolve("truststore.p12"))).isEqualTo("rw-r--r--");
        assertThat(mode(node.certificatePem())).isEqualTo("rw-r--r--");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                .containsExactlyInAnyOrder("ca.p12", "ca.pem", "truststore.p12", "node1.p12", "node1.pem", "node1-key.pem");
        }
    }

    @Test
    void theCaOpensAgainAndIssuesFromTheSameKey() throws Exception {
        X509Certificate first = newCa(dir).certificate();

        CertificateAuthority again = CertificateAuthority.open(dir, CA_PW);
        IssuedCertificate later = again.issue("node3").password(KS_PW).write();

        assertThat(again.certificate()).isEqualTo(first);
        later.certificate().verify(first.getPublicKey());
    }

    @Test
    void aWrongCaPasswordIsSaidPlainly() {
        newCa(dir);

        assertThatThrownBy(() -> CertificateAuthority.open(dir, "guess".toCharArray()))
            .isInstanceOf(WrongPasswordException.class)
            .hasMessage("cannot open " + dir.resolve("ca.p12") + ": wrong password?")
            .satisfies(e -> assertThat(((WrongPasswordException)e).file()).isEqualTo(dir.resolve("ca.p12")));
    }

    @Test
    void aDirectoryWithoutCaIsSaidPlainly() throws Exception {
        assertThatThrownBy(() -> CertificateAuthority.open(dir.resolve("nosuch"), CA_PW))
            .isInstanceOf(GridKeepException.class).hasMessage("cannot open CA: no such directory (" + dir.resolve("nosuch") + ")");
        assertThatThrownBy(() -> CertificateAuthority.open(dir, CA_PW))
            .isInstanceOf(GridKeepException.class).hasMessageStartingWith("cannot open CA: no ca.p12 in " + dir);
    }

    @Test
    void anExistingCaIsReplacedOnlyOnPurpose() {
        X509Certificate first = newCa(dir).certificate();

        assertThatThrownBy(() -> newCa(dir)).isInstanceOf(GridKeepException.class)
            .hasMessage("cannot create CA: a CA exists there already (" + dir.resolve("ca.p12") + ")");
        X509Certificate second = CertificateAuthority.create(dir).password(CA_PW).truststorePassword(TRUST_PW).overwrite(true).write()
            .certificate();

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void anIssuedCertificateNeverOutlivesItsCa() {
        CertificateAuthority ca = CertificateAuthority.create(dir).validityDays(30).password(CA_PW).truststorePassword(TRUST_PW).write();

        IssuedCertificate node = ca.issue("node1").validityDays(730).password(KS_PW).write();

        assertThat(node.certificate().getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
    }

    @Test
    void badNamesAndAddressesAreRefusedBeforeAnyKeyIsMade() {
        CertificateAuthority ca = newCa(dir);

        assertThatThrownBy(() -> ca.issue("node1").ip("10.0.0.300")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("'10.0.0.300' is not an IP address");
        // A host name is no IP address, and is not looked up to become one.
        assertThatThrownBy(() -> ca.issue("node1").ip("localhost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issue("node1").dns("bad_host")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issue("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issue("ca").password(KS_PW).write()).isInstanceOf(GridKeepException.class)
            .hasMessageContaining("it would replace the CA's own ca.p12");
    }

    @Test
    void anIssuedKeystoreIsReplacedOnlyOnPurpose() {
        CertificateAuthority ca = newCa(dir);
        ca.issue("node1").password(KS_PW).write();

        assertThatThrownBy(() -> ca.issue("node1").password(KS_PW).write()).isInstanceOf(GridKeepException.class)
            .hasMessageContaining("node1.p12 exists already");
        ca.issue("node1").password(KS_PW).overwrite(true).write();
    }

    @Test
    void aTruststoreTrustsASecondCaForARollover() throws Exception {
        CertificateAuthority oldCa = newCa(dir.resolve("old"));
        CertificateAuthority newCa = newCa(dir.resolve("new"));
        IssuedCertificate fromNew = newCa.issue("node1").password(KS_PW).write();

        assertThatThrownBy(() -> CertificateFiles.verifyChain(fromNew.chain(), List.of(oldCa.certificate())))
            .isInstanceOf(GridKeepException.class).hasMessageStartingWith("certificate does not chain to CN=GridKeep CA:");
        assertThat(CertificateFiles.addTrusted(oldCa.truststore(), TRUST_PW, newCa.certificate())).isTrue();
        assertThat(CertificateFiles.addTrusted(oldCa.truststore(), TRUST_PW, newCa.certificate())).as("already trusted").isFalse();

        List<X509Certificate> trusted = CertificateFiles.read(oldCa.truststore(), TRUST_PW);
        assertThat(trusted).containsExactlyInAnyOrder(oldCa.certificate(), newCa.certificate());
        CertificateFiles.verifyChain(fromNew.chain(), trusted);
        PKIXParameters params = new PKIXParameters(load(oldCa.truststore(), TRUST_PW));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
            .generateCertPath(List.of(fromNew.certificate())), params);
        assertThatThrownBy(() -> CertificateFiles.addTrusted(oldCa.truststore(), TRUST_PW, fromNew.certificate()))
            .hasMessageContaining("not a CA certificate");
    }

    @Test
    void certificateFilesReadPemAndPkcs12Alike() throws Exception {
        CertificateAuthority ca = newCa(dir);
        IssuedCertificate node = ca.issue("node1").password(KS_PW).write();

        assertThat(CertificateFiles.read(node.keystore(), KS_PW)).containsExactly(node.certificate(), ca.certificate());
        assertThat(CertificateFiles.read(node.certificatePem(), null)).containsExactly(node.certificate(), ca.certificate());
        assertThat(CertificateFiles.isPem(node.certificatePem())).isTrue();
        assertThat(CertificateFiles.isPem(node.keystore())).isFalse();
        assertThatThrownBy(() -> CertificateFiles.read(node.keystore(), "nope".toCharArray())).isInstanceOf(WrongPasswordException.class);
        assertThatThrownBy(() -> CertificateFiles.read(node.privateKeyPem(), null)).hasMessageEndingWith("it holds no certificate");
        X509Certificate parsed = (X509Certificate)CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(node.certificate().getEncoded()));
        assertThat(CertificateFiles.fingerprint(parsed)).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }
}
