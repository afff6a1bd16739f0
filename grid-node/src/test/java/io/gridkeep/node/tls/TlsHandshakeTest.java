package io.gridkeep.node.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridkeep.testkit.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.apache.ignite.ssl.SslContextFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS handshakes on loopback with the issued files, through Ignite's own SslContextFactory: what a node's
 * discovery, communication and client connector do with them.
 */
class TlsHandshakeTest {
    private static final char[] CA_PW = "ca-secret".toCharArray();
    private static final char[] TRUST_PW = "trust-secret".toCharArray();
    private static final char[] KS_PW = "keystore-secret".toCharArray();
    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    static Path dir;

    private static CertificateAuthority ca;
    private static IssuedCertificate node1;
    private static IssuedCertificate node2;
    private static IssuedCertificate app;
    private static IssuedCertificate stranger;

    @BeforeAll
    static void issue() {
        ca = CertificateAuthority.create(dir.resolve("ca")).password(CA_PW).truststorePassword(TRUST_PW).write();
        node1 = ca.issue("node1").password(KS_PW).write();
        node2 = ca.issue("node2").password(KS_PW).write();
        app = ca.issue("app").clientOnly().password(KS_PW).write();
        CertificateAuthority other = CertificateAuthority.create(dir.resolve("other")).commonName("Other CA")
            .password(CA_PW).truststorePassword(TRUST_PW).write();
        stranger = other.issue("stranger").password(KS_PW).write();
    }

    /** The SSLContext Ignite makes of a keystore and GridKeep's trust store, as configured in a node's XML. */
    private static SSLContext igniteContext(IssuedCertificate identity) {
        SslContextFactory f = new SslContextFactory();
        f.setKeyStoreType("PKCS12");
        f.setKeyStoreFilePath(identity.keystore().toString());
        f.setKeyStorePassword(KS_PW);
        f.setTrustStoreType("PKCS12");
        f.setTrustStoreFilePath(ca.truststore().toString());
        f.setTrustStorePassword(TRUST_PW);
        return f.create();
    }

    /** A server that requires a client certificate, accepts one connection, and answers with the client's name. */
    private static final class Server implements AutoCloseable {
        final SSLServerSocket socket;
        final CompletableFuture<String> peer = new CompletableFuture<>();

        Server(IssuedCertificate identity) throws IOException {
            socket = (SSLServerSocket)igniteContext(identity).getServerSocketFactory()
                .createServerSocket(FreePorts.one(), 1, InetAddress.getByName("127.0.0.1"));
            socket.setNeedClientAuth(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            Thread t = new Thread(this::serveOne, "tls-test-server");
            t.setDaemon(true);
            t.start();
        }

        private void serveOne() {
            try (SSLSocket s = (SSLSocket)socket.accept()) {
                s.setSoTimeout(TIMEOUT_MILLIS);
                s.startHandshake();
                String name = s.getSession().getPeerPrincipal().getName();
                s.getInputStream().read();
                OutputStream out = s.getOutputStream();
                out.write((name + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                peer.complete(name);
            }
            catch (Throwable e) {
                peer.completeExceptionally(e);
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Connects as {@code identity}, checking the server's name as HTTPS clients do, and returns the server's answer. */
    private static String connect(IssuedCertificate identity, String host, int port) throws IOException {
        try (SSLSocket s = (SSLSocket)igniteContext(identity).getSocketFactory().createSocket(host, port)) {
            s.setSoTimeout(TIMEOUT_MILLIS);
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.startHandshake();
            s.getOutputStream().write(1);
            s.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    @Test
    void aNodeAcceptsAnotherNodeOfItsCa() throws Exception {
        try (Server server = new Server(node1)) {
            assertThat(connect(node2, "127.0.0.1", server.port())).isEqualTo("CN=node2");
            assertThat(server.peer.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("CN=node2");
        }
    }

    @Test
    void aNodeAcceptsAClientCertificateOfItsCaByHostName() throws Exception {
        try (Server server = new Server(node1)) {
            assertThat(connect(app, "localhost", server.port())).isEqualTo("CN=app");
        }
    }

    @Test
    void aNodeRefusesAClientWithACertificateOfAnotherCa() throws Exception {
        try (Server server = new Server(node1)) {
            assertThatThrownBy(() -> connect(stranger, "127.0.0.1", server.port()))
                .isInstanceOfAny(SSLException.class, SocketException.class);
            assertThatThrownBy(() -> server.peer.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aClientCertificateCannotServe() throws Exception {
        try (Server server = new Server(app)) {
            assertThatThrownBy(() -> connect(node2, "127.0.0.1", server.port())).isInstanceOf(SSLHandshakeException.class);
        }
    }
}
