package io.gridkeep.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.node.Distribution;
import io.gridkeep.testkit.CommandResult;
import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.Http;
import io.gridkeep.testkit.ListeningPorts;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code node start --auth} from the built distribution, and the CLI against it as an operator and
 * an application would use them: who gets in, what a readonly user may do, and what a node shows
 * the world (its ports, its attributes, its metrics).
 */
@ExtendWith(TestDirs.Extension.class)
class SecureNodeIT {
    private static final String CANARY = "canary-123";
    private static final String ADMIN_PW = "admin-password-1";
    private static final String READER_PW = "reader-password-1";

    private static final Distribution DIST = Distribution.built();
    private static NodeSlot slot;
    private static Path users;
    private static Path readerPasswordFile;
    private static ExternalProcess node;

    @BeforeAll
    static void start(TestDirs dirs) throws Exception {
        slot = NodeSlot.forCluster("secure", 1).get(0);
        users = dirs.work("users").resolve("users");
        assertThat(DIST.runWithInput(ADMIN_PW + "\n", "user", "add", "admin", "--role", "admin", "--password-stdin",
            "--users-file", users.toString()).exitCode()).isZero();
        assertThat(DIST.run(Map.of("GRIDKEEP_NEW_PASSWORD", READER_PW), null, "user", "add", "reader", "--role", "readonly",
            "--users-file", users.toString()).exitCode()).isZero();
        readerPasswordFile = dirs.work("users").resolve("reader.pw");
        Files.writeString(readerPasswordFile, READER_PW + "\n");
        node = DIST.startNode("secure", dirs.logs(),
            Distribution.nodeStartArgs(slot, dirs.work("node"), "--auth", "--users-file", users.toString()),
            Map.of("GRIDKEEP_ELASTICSEARCH_PASSWORD", CANARY));
    }

    @AfterAll
    static void stop() {
        if (node != null)
            node.close();
    }

    private static CommandResult cli(Map<String, String> env, String... args) {
        return DIST.run(env, null, args);
    }

    @Test
    void theBannerSaysAuthenticationIsOnAndWhichUsersFile() {
        assertThat(node.output()).contains("authentication   : on (users file " + users + ")");
    }

    @Test
    void aClientWithoutAUserIsRefusedAndToldHowToLogIn() {
        CommandResult r = cli(Map.of(), "kv", "put", "kv", "k", "v", "--host", slot.clientAddress());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("gridkeep: kv put: login refused: gridkeep: authentication required")
            .contains("pass --user NAME (or env GRIDKEEP_USER) and a password");
    }

    @Test
    void aWrongPasswordIsRefusedForTheThinClientAndForJdbc() {
        Map<String, String> wrong = Map.of("GRIDKEEP_USER", "admin", "GRIDKEEP_PASSWORD", "wrong-password");
        CommandResult kv = cli(wrong, "kv", "get", "kv", "k", "--host", slot.clientAddress());
        assertThat(kv.exitCode()).as(kv.toString()).isEqualTo(1);
        assertThat(kv.stderr()).contains("login refused: gridkeep: authentication failed for user 'admin': wrong user name or password");
        CommandResult sql = cli(wrong, "sql", "-e", "SELECT 1", "--host", slot.clientAddress());
        assertThat(sql.exitCode()).as(sql.toString()).isEqualTo(1);
        assertThat(sql.stderr()).contains("gridkeep: sql: login refused: gridkeep: authentication failed for user 'admin'");
    }

    @Test
    void anAdminWritesAndAReadonlyUserReadsButCannotWrite() {
        Map<String, String> admin = Map.of("GRIDKEEP_USER", "admin", "GRIDKEEP_PASSWORD", ADMIN_PW);
        assertThat(cli(admin, "kv", "put", "kv", "shared", "by-admin", "--host", slot.clientAddress()).exitCode()).isZero();
        String[] reader = {"--user", "reader", "--password-file", readerPasswordFile.toString(), "--host", slot.clientAddress()};
        CommandResult get = cli(Map.of(), concat(new String[] {"kv", "get", "kv", "shared"}, reader));
        assertThat(get.stdout()).as(get.toString()).isEqualTo("by-admin\n");
        CommandResult put = cli(Map.of(), concat(new String[] {"kv", "put", "kv", "shared", "by-reader"}, reader));
        assertThat(put.exitCode()).as(put.toString()).isEqualTo(1);
        assertThat(put.stderr()).contains("gridkeep: kv put: not allowed: the user's role does not permit this operation");
        assertThat(cli(admin, "kv", "get", "kv", "shared", "--host", slot.clientAddress()).stdout()).isEqualTo("by-admin\n");
    }

    @Test
    void aReadonlyUserSelectsButCannotInsert() {
        Map<String, String> admin = Map.of("GRIDKEEP_USER", "admin", "GRIDKEEP_PASSWORD", ADMIN_PW);
        Map<String, String> reader = Map.of("GRIDKEEP_USER", "reader", "GRIDKEEP_PASSWORD", READER_PW);
        CommandResult ddl = cli(admin, "sql", "--host", slot.clientAddress(), "-e",
            "CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR); INSERT INTO person VALUES (1, 'Ada')");
        assertThat(ddl.exitCode()).as(ddl.toString()).isZero();
        CommandResult select = cli(reader, "sql", "--host", slot.clientAddress(), "--format", "csv", "-e", "SELECT name FROM person");
        assertThat(select.stdout()).as(select.toString()).isEqualTo("NAME\nAda\n");
        CommandResult insert = cli(reader, "sql", "--host", slot.clientAddress(), "-e", "INSERT INTO person VALUES (2, 'Bob')");
        assertThat(insert.exitCode()).as(insert.toString()).isEqualTo(1);
        assertThat(insert.stderr()).contains("user 'reader' (readonly) is not allowed CACHE_PUT on SQL_PUBLIC_PERSON");
    }

    @Test
    void theNodeListensOnlyOnThePortsItPrinted() {
        assertThat(ListeningPorts.of(node.pid()))
            .containsExactlyInAnyOrder(slot.clientPort(), slot.discoveryPort(), slot.communicationPort(), slot.metricsPort());
    }

    @Test
    void aSecretInTheNodesEnvironmentIsInNoNodeAttributeMetricOrLogLine() throws Exception {
        try (IgniteClient c = Ignition.startClient(new ClientConfiguration().setAddresses(slot.clientAddress())
            .setUserName("reader").setUserPassword(READER_PW))) {
            List<ClusterNode> nodes = List.copyOf(c.cluster().nodes());
            assertThat(nodes).isNotEmpty();
            for (ClusterNode n : nodes) {
                assertThat(n.attributes().keySet()).noneMatch(k -> k.startsWith("GRIDKEEP_"));
                assertThat(n.attributes().values()).noneMatch(v -> String.valueOf(v).contains(CANARY));
            }
        }
        assertThat(Http.get(slot.metricsPort(), "/metrics").body()).doesNotContain(CANARY);
        assertThat(node.output()).doesNotContain(CANARY);
        Path log = DIST.home().resolve("log/gridkeep.log");
        if (Files.exists(log))
            assertThat(Files.readString(log)).doesNotContain(CANARY);
    }

    @Test
    void authWithNoUserToLogInWithRefusesToStartAndSaysHowToAddOne(TestDirs dirs) {
        Path empty = dirs.work("empty").resolve("users");
        NodeSlot other = NodeSlot.forCluster("no-users", 1).get(0);
        List<String> args = Distribution.nodeStartArgs(other, dirs.work("no-users"), "--auth", "--users-file", empty.toString());
        CommandResult r = DIST.run(Map.of("GRIDKEEP_HEAP", "256m"), null, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("gridkeep: cannot start node: --auth needs a user to log in with; add one with "
            + "'gridkeep user add NAME --role admin --users-file " + empty + "'");
    }

    @Test
    void aPersistentNodeWithAuthRefusesAnonymousClientsToo(TestDirs dirs) {
        NodeSlot p = NodeSlot.forCluster("secure-persistent", 1).get(0);
        List<String> args = p.nodeStartArgs("--persistence", dirs.work("persistent").toString(), "--auth",
            "--users-file", users.toString());
        try (ExternalProcess persistent = DIST.startNode("secure-persistent", dirs.logs(), args, Map.of())) {
            assertThat(persistent.output()).contains("persistence      : on").contains("authentication   : on");
            CommandResult anonymous = cli(Map.of(), "kv", "put", "kv", "k", "v", "--host", p.clientAddress());
            assertThat(anonymous.exitCode()).as(anonymous.toString()).isEqualTo(1);
            assertThat(anonymous.stderr()).contains("authentication required");
            CommandResult admin = cli(Map.of("GRIDKEEP_USER", "admin", "GRIDKEEP_PASSWORD", ADMIN_PW), "kv", "put", "kv", "k", "v",
                "--host", p.clientAddress());
            assertThat(admin.exitCode()).as(admin.toString()).isZero();
            assertThat(persistent.terminate(Duration.ofSeconds(60))).isIn(0, 143);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
