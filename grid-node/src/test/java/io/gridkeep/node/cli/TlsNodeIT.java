package io.gridkeep.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridkeep.node.Distribution;
import io.gridkeep.node.tls.TlsStores;
import io.gridkeep.security.GridKeepSecurity;
import io.gridkeep.testkit.CommandResult;
import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.ListeningPorts;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientConnectionException;
import org.apache.ignite.client.SslMode;
import org.apache.ignite.configuration.ClientConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.lang.IgniteRunnable;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node started from the distribution with TLS on every port, client certificates required and
 * authentication on, with certificates made by {@code gridkeep certs}; clients and nodes from the
 * outside, with and without the cluster's certificate.
 */
@ExtendWith(TestDirs.Extension.class)
class TlsNodeIT {
    private static final String ADMIN_PW = "admin-password-1";
    private static final Distribution DIST = Distribution.built();

    private static NodeSlot slot;
    private static Path ca;
    private static Path otherCa;
    private static Path users;
    private static ExternalProcess node;

    @BeforeAll
    static void start(TestDirs dirs) {
        ca = dirs.work("ca");
        otherCa = dirs.work("other-ca");
        run("certs", "create-ca", "--dir", ca.toString(), "--force");
        run("certs", "issue", "--ca", ca.toString(), "--name", "node1", "--force");
        run("certs", "issue", "--ca", ca.toString(), "--name", "thick", "--force");
        run("certs", "issue", "--ca", ca.toString(), "--name", "app", "--client", "--force");
        run("certs", "create-ca", "--dir", otherCa.toString(), "--force");
        run("certs", "issue", "--ca", otherCa.toString(), "--name", "intruder", "--force");
        users = dirs.work("users").resolve("users");
        assertThat(DIST.runWithInput(ADMIN_PW + "\n", "user", "add", "admin", "--password-stdin", "--users-file", users.toString())
            .exitCode()).isZero();
        slot = NodeSlot.forCluster("tls", 1).get(0);
        node = DIST.startNode("tls", dirs.logs(), Distribution.nodeStartArgs(slot, dirs.work("node"), "--auth", "--users-file",
            users.toString(), "--tls-keystore", ca.resolve("node1.p12").toString(), "--tls-client-certificates", "required"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (node != null)
            node.close();
    }

    private static void run(String... args) {
        CommandResult r = DIST.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    private static CommandResult cli(String... args) {
        return DIST.run(Map.of("GRIDKEEP_USER", "admin", "GRIDKEEP_PASSWORD", ADMIN_PW), null, args);
    }

    @Test
    void theBannerSaysTlsIsOnWithClientCertificatesAndMetricsOnHttps() {
        assertThat(node.output()).contains("tls              : on (discovery, communication, thin client/JDBC with client certificates)")
            .contains("metrics / health : https://127.0.0.1:" + slot.metricsPort() + "/metrics");
    }

    @Test
    void theCliWithTheTrustStoreAndAClientCertificateWritesAndQueries() {
        String[] tls = {"--host", slot.clientAddress(), "--tls-truststore", ca.resolve("truststore.p12").toString(),
            "--tls-keystore", ca.resolve("app.p12").toString()};
        CommandResult put = cli(concat(new String[] {"kv", "put", "kv", "k", "over-tls"}, tls));
        assertThat(put.exitCode()).as(put.toString()).isZero();
        CommandResult sql = cli(concat(new String[] {"sql", "--format", "csv", "-e", "SELECT 1 AS one"}, tls));
        assertThat(sql.stdout()).as(sql.toString()).isEqualTo("ONE\n1\n");
    }

    @Test
    void aPlainTcpClientIsRefusedAndToldAboutTls() {
        CommandResult r = cli("kv", "get", "kv", "k", "--host", slot.clientAddress());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("gridkeep: kv get: cannot connect: ").contains("if it has TLS on, pass --tls-truststore FILE");
    }

    @Test
    void aTlsClientWithoutACertificateIsRefused() {
        ClientConfiguration cfg = new ClientConfiguration().setAddresses(slot.clientAddress()).setTimeout(5_000)
            .setUserName("admin").setUserPassword(ADMIN_PW)
            .setSslMode(SslMode.REQUIRED).setSslContextFactory(TlsStores.client(null, ca.resolve("truststore.p12")));
        assertThatThrownBy(() -> Ignition.startClient(cfg).close()).isInstanceOf(ClientConnectionException.class);
        CommandResult r = cli("kv", "get", "kv", "k", "--host", slot.clientAddress(), "--tls-truststore",
            ca.resolve("truststore.p12").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("gridkeep: kv get: cannot connect:");
    }

    @Test
    void aTlsClientWithACertificateButAWrongPasswordIsRefused() {
        ClientConfiguration cfg = new ClientConfiguration().setAddresses(slot.clientAddress()).setTimeout(5_000)
            .setUserName("admin").setUserPassword("wrong-password")
            .setSslMode(SslMode.REQUIRED).setSslContextFactory(TlsStores.client(ca.resolve("app.p12"), ca.resolve("truststore.p12")));
        assertThatThrownBy(() -> Ignition.startClient(cfg).close())
            .hasMessageContaining("authentication failed for user 'admin': wrong user name or password");
    }

    @Test
    void aThickNodeWithTheClustersCertificateJoinsAndRunsAClosureThere(TestDirs dirs) throws Exception {
        Path marker = dirs.work("joined").resolve("closure-ran");
        try (Ignite thick = Ignition.start(thickNode("thick-ok", ca.resolve("thick.p12")))) {
            String path = marker.toString();
            thick.compute(thick.cluster().forServers()).run(new MarkerFile(path));
        }
        assertThat(marker).as("the closure shipped by an authenticated node ran on the server").exists();
    }

    @Test
    void aThickNodeWithoutTheClustersCertificateCannotJoinSoItsClassNeverRuns(TestDirs dirs) {
        Path marker = dirs.work("intruder").resolve("closure-ran");
        String path = marker.toString();
        assertThatThrownBy(() -> {
            // It trusts the cluster's CA, so only the node's demand for a certificate the CA signed keeps it out.
            try (Ignite thick = Ignition.start(thickNode("intruder", otherCa.resolve("intruder.p12")))) {
                thick.compute(thick.cluster().forServers()).run(new MarkerFile(path));
            }
        }).isInstanceOf(Exception.class);
        assertThat(marker).doesNotExist();
        assertThat(node.isAlive()).isTrue();
    }

    private static IgniteConfiguration thickNode(String name, Path keystore) {
        GridKeepSecurity security = new GridKeepSecurity();
        security.setAuthentication(true);
        security.setUsersFile(users.toString());
        IgniteConfiguration cfg = TestNodeConfigs.client(name, List.of(slot))
            .setPluginProviders(security)
            .setSslContextFactory(TlsStores.node(keystore.toString(), "", ca.resolve("truststore.p12").toString(), ""));
        ((TcpDiscoverySpi)cfg.getDiscoverySpi()).setJoinTimeout(15_000);
        return cfg;
    }

    @Test
    void metricsAreServedOverHttpsWithTheNodesKey() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(TlsStores.client(null, ca.resolve("truststore.p12")).create()).build();
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + slot.metricsPort() + "/health"))
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"UP\"");
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + slot.metricsPort() + "/health")).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString())).isInstanceOf(Exception.class);
    }

    @Test
    void theNodeListensOnlyOnThePortsItPrinted() {
        assertThat(ListeningPorts.of(node.pid()))
            .containsExactlyInAnyOrder(slot.clientPort(), slot.discoveryPort(), slot.communicationPort(), slot.metricsPort());
    }

    @Test
    void aNonLoopbackBindWithoutTlsAndAuthRefusesToStartAndSaysHow() {
        CommandResult r = DIST.run(Map.of("GRIDKEEP_HEAP", "256m"), null, "node", "start", "--bind", "192.0.2.10");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).contains("gridkeep: node start: --bind 192.0.2.10 is reachable from other hosts, and TLS and "
            + "authentication is off: create certificates with 'gridkeep certs create-ca");
        CommandResult tlsOnly = DIST.run(Map.of("GRIDKEEP_HEAP", "256m"), null, "node", "start", "--bind", "192.0.2.10",
            "--tls-keystore", ca.resolve("node1.p12").toString());
        assertThat(tlsOnly.stderr()).contains("and authentication is off");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** A closure the servers do not have (peer class loading ships it): leaves a file behind, so that the test sees whether it ran. */
    static final class MarkerFile implements IgniteRunnable {
        private static final long serialVersionUID = 1L;

        // Not final: Ignite's binary format, which carries closures to the nodes, cannot set final fields.
        private String path;

        MarkerFile(String path) {
            this.path = path;
        }

        @Override
        public void run() {
            try {
                Files.writeString(Path.of(path), "ran");
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
