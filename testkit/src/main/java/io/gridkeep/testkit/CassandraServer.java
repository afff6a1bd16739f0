package io.gridkeep.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Cassandra 5.0 node for tests, in its own JVM ({@code CassandraDaemon} on the server's
 * Maven-resolved class path, with Cassandra's Java 17 flags), on free loopback ports, its data,
 * commit log and logs under a directory of the test's. Start it once per test class: it takes
 * 6-15 s to accept CQL, and schema changes take about a second each.
 *
 * <pre>{@code
 * try (CassandraServer cassandra = CassandraServer.start(tempDir)) {
 *     CqlSession session = CqlSession.builder().addContactPoint(cassandra.contactPoint())
 *         .withLocalDatacenter(CassandraServer.DATACENTER).build();
 * }
 * }</pre>
 */
public final class CassandraServer extends TestServer {
    /** The datacenter name SimpleSnitch reports, for the driver's local datacenter. */
    public static final String DATACENTER = "datacenter1";

    private static final String CLASSPATH_RESOURCE = "io/gridkeep/testkit/cassandra/server.classpath";
    private static final String ARGS_RESOURCE = "io/gridkeep/testkit/cassandra/jvm17-server.args";

    private final int nativePort;
    private final int storagePort;
    private final int jmxPort;
    private final TestCa.ServerKey tls;

    private CassandraServer(Path dir, int nativePort, int storagePort, int jmxPort, TestCa.ServerKey tls) {
        super("cassandra", dir, Duration.ofSeconds(90));
        this.nativePort = nativePort;
        this.storagePort = storagePort;
        this.jmxPort = jmxPort;
        this.tls = tls;
    }

    /** Writes a one-node configuration under {@code dir}, starts the node and waits until it accepts CQL. */
    public static CassandraServer start(Path dir) {
        return start(dir, null);
    }

    /**
     * Like {@link #start(Path)}, with TLS alone on the CQL port: the node presents {@code key}
     * (from a {@link TestCa}), asks no client certificate and refuses plain connections.
     */
    public static CassandraServer startWithTls(Path dir, TestCa.ServerKey key) {
        return start(dir, key);
    }

    private static CassandraServer start(Path dir, TestCa.ServerKey tls) {
        int[] ports = FreePorts.allocate(3);
        CassandraServer s = new CassandraServer(dir, ports[0], ports[1], ports[2], tls);
        s.writeConfig();
        s.launch();
        return s;
    }

    /** Where the driver connects: 127.0.0.1 and the CQL port. */
    public InetSocketAddress contactPoint() {
        return new InetSocketAddress("127.0.0.1", nativePort);
    }

    public int nativePort() {
        return nativePort;
    }

    @Override
    public void restart() {
        stop();
        launch();
    }

    private void writeConfig() {
        String d = dir.toAbsolutePath().toString();
        String yaml = """
            cluster_name: gridkeep-test
            num_tokens: 1
            initial_token: 0
            partitioner: org.apache.cassandra.dht.Murmur3Partitioner
            endpoint_snitch: SimpleSnitch
            listen_address: 127.0.0.1
            rpc_address: 127.0.0.1
            storage_port: %d
            native_transport_port: %d
            start_native_transport: true
            seed_provider:
              - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                parameters:
                  - seeds: "127.0.0.1:%d"
            data_file_directories:
              - %s/data
            commitlog_directory: %s/commitlog
            saved_caches_directory: %s/saved_caches
            hints_directory: %s/hints
            cdc_raw_directory: %s/cdc_raw
            commitlog_sync: periodic
            commitlog_sync_period: 10000ms
            auto_snapshot: false
            """.formatted(storagePort, nativePort, storagePort, d, d, d, d, d);
        if (tls != null)
            yaml += """
                client_encryption_options:
                  enabled: true
                  optional: false
                  keystore: %s
                  keystore_password: %s
                  store_type: PKCS12
                  require_client_auth: false
                """.formatted(tls.keystore().toAbsolutePath(), tls.password());
        try {
            Files.createDirectories(dir.resolve("logs"));
            Files.writeString(dir.resolve("cassandra.yaml"), yaml);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the Cassandra configuration in " + dir, e);
        }
    }

    private void launch() {
        List<String> cmd = javaCommand("-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-Djava.net.preferIPv4Stack=true");
        cmd.addAll(ServerArtifacts.lines(ARGS_RESOURCE));
        cmd.addAll(List.of(
            "-Dcassandra.config=" + dir.toAbsolutePath().resolve("cassandra.yaml").toUri(),
            "-Dcassandra.storagedir=" + dir.toAbsolutePath(),
            "-Dcassandra.logdir=" + dir.toAbsolutePath().resolve("logs"),
            "-Dcassandra-foreground=yes",
            "-Dcassandra.jmx.local.port=" + jmxPort,
            "-cp", String.join(File.pathSeparator, ServerArtifacts.jars(CLASSPATH_RESOURCE)),
            "org.apache.cassandra.service.CassandraDaemon"));
        run(cmd, "Starting listening for CQL clients on /127\\.0\\.0\\.1:" + nativePort, Duration.ofSeconds(120));
    }
}
