package io.gridkeep.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A certificate authority made for one test, with the JDK's {@code keytool} (testkit brings no
 * crypto library, and a server's TLS must be real): its certificate as PEM ({@code ca.pem}) and as a
 * PKCS#12 trust store, and server keystores it signs for 127.0.0.1 and localhost. Keys are EC P-256 and
 * valid for two days.
 *
 * <pre>{@code
 * TestCa ca = TestCa.create(dirs.work("tls"));
 * TestCa.ServerKey key = ca.issueServer("cassandra");
 * CassandraServer cassandra = CassandraServer.startWithTls(dirs.work("cassandra"), key);
 * // the client trusts ca.pem()
 * }</pre>
 */
public final class TestCa {
    /** The password of every store this class writes. */
    public static final String PASSWORD = "test-password";

    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;

    private TestCa(Path dir) {
        this.dir = dir;
    }

    /** Makes a CA in {@code dir} (created if absent): its key in {@code ca.p12}, its certificate in {@code ca.pem}. */
    public static TestCa create(Path dir) {
        try {
            Files.createDirectories(dir);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        TestCa ca = new TestCa(dir);
        ca.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
            "-dname", "CN=GridKeep test CA " + dir.getFileName(), "-ext", "bc:c", "-keystore", ca.key().toString());
        ca.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.key().toString(), "-file", ca.pem().toString());
        ca.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", ca.pem().toString(), "-keystore", ca.truststore().toString());
        return ca;
    }

    /** The CA's certificate, PEM: what a client is given to trust. */
    public Path pem() {
        return dir.resolve("ca.pem");
    }

    /** The CA's certificate alone in a PKCS#12 trust store, password {@link #PASSWORD}. */
    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    /**
     * A PKCS#12 keystore ({@code NAME.p12}, password {@link #PASSWORD}) with a key and a certificate
     * this CA signed for IP 127.0.0.1 and DNS localhost, followed by the CA's certificate.
     */
    public ServerKey issueServer(String name) {
        return issueServer(name, "ip:127.0.0.1,dns:localhost");
    }

    /** Like {@link #issueServer(String)}, naming only {@code san} (keytool's syntax: {@code dns:db.example,ip:10.0.0.1}). */
    public ServerKey issueServer(String name, String san) {
        Path p12 = dir.resolve(name + ".p12");
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".pem");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
            "-dname", "CN=localhost", "-keystore", p12.toString());
        keytool("-certreq", "-alias", name, "-keystore", p12.toString(), "-file", csr.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", key().toString(), "-infile", csr.toString(),
            "-outfile", cert.toString(), "-validity", "2", "-ext", "san=" + san, "-ext", "eku=serverAuth");
        // The chain: the CA first, so that keytool accepts the signed certificate as the key's.
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", pem().toString(), "-keystore", p12.toString());
        keytool("-importcert", "-noprompt", "-alias", name, "-file", cert.toString(), "-keystore", p12.toString());
        return new ServerKey(p12, PASSWORD);
    }

    private Path key() {
        return dir.resolve("ca.p12");
    }

    private void keytool(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        CommandResult r = CommandResult.run(cmd, Map.of(), dir, null, KEYTOOL_TIMEOUT);
        if (r.exitCode() != 0)
            throw new AssertionError("keytool failed: " + String.join(" ", cmd) + "\n" + r);
    }

    /**
     * A server's PKCS#12 keystore and its password.
     *
     * @param keystore the PKCS#12 file
     * @param password its password (also the key's)
     */
    public record ServerKey(Path keystore, String password) {
    }
}
