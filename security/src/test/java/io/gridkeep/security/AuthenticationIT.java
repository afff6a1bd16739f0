package io.gridkeep.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.client.ClientAuthenticationException;
import org.apache.ignite.client.ClientAuthorizationException;
import org.apache.ignite.client.ClientException;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.ClientConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two in-memory servers with authentication on, and thin clients and JDBC connections from
 * outside them: who gets in, what each role may do, on the node a client is connected to and on
 * the node that holds the key.
 */
@ExtendWith(TestDirs.Extension.class)
class AuthenticationIT {
    private static final String ADMIN_PW = "admin-password-1";
    private static final String READER_PW = "reader-password-1";

    private static InJvmCluster cluster;
    private static UsersFile users;
    private static Path work;

    @BeforeAll
    static void start(TestDirs dirs) {
        work = dirs.work();
        users = UsersFile.at(work.resolve("users"));
        users.add("admin", Role.ADMIN, ADMIN_PW.toCharArray());
        users.add("reader", Role.READONLY, READER_PW.toCharArray());
        cluster = InJvmCluster.start(2, slot -> secured(slot, true));
        cluster.node(0).createCache(new CacheConfiguration<Integer, String>("data").setCacheMode(CacheMode.PARTITIONED).setBackups(0));
    }

    @AfterAll
    static void stop() {
        if (cluster != null)
            cluster.close();
    }

    static IgniteConfiguration secured(NodeSlot slot, boolean authentication) {
        GridKeepSecurity security = new GridKeepSecurity();
        security.setAuthentication(authentication);
        security.setUsersFile(users.path().toString());
        security.setAllowedTasks(List.of(EchoTask.class.getName()));
        return TestNodeConfigs.server(slot).setPluginProviders(security);
    }

    private static IgniteClient client(String user, String password) {
        ClientConfiguration cfg = new ClientConfiguration().setAddresses(cluster.slots().get(0).clientAddress());
        if (user != null)
            cfg.setUserName(user).setUserPassword(password);
        return Ignition.startClient(cfg);
    }

    /** A key whose primary is node {@code i}: a client on node 0 reaches it through node 0. */
    private static int keyOnNode(int i) {
        Ignite n = cluster.node(i);
        for (int k = 0; ; k++) {
            if (n.affinity("data").isPrimary(n.cluster().localNode(), k))
                return k;
        }
    }

    @Test
    void aThinClientWithoutAUserIsRefusedWithAMessageThatSaysHowToLogIn() {
        assertThatThrownBy(() -> client(null, null).close())
            .isInstanceOf(ClientAuthenticationException.class)
            .hasMessageContaining("gridkeep: authentication required")
            .hasMessageContaining("setUserName");
    }

    @Test
    void aWrongPasswordIsRefusedAndNamesTheUserNotThePassword() {
        assertThatThrownBy(() -> client("admin", "not-the-password").close())
            .isInstanceOf(ClientAuthenticationException.class)
            .hasMessageContaining("authentication failed for user 'admin'")
            .hasMessageNotContaining("not-the-password");
    }

    @Test
    void anUnknownUserIsRefusedLikeAWrongPassword() {
        assertThatThrownBy(() -> client("mallory", ADMIN_PW).close())
            .isInstanceOf(ClientAuthenticationException.class)
            .hasMessageContaining("wrong user name or password");
    }

    @Test
    void anAdminWritesAndReadsKeysOnEveryNode() {
        try (IgniteClient c = client("admin", ADMIN_PW)) {
            for (int node = 0; node < 2; node++) {
                int k = keyOnNode(node);
                c.cache("data").put(k, "v" + node);
                assertThat(c.cache("data").get(k)).isEqualTo("v" + node);
            }
        }
    }

    @Test
    void aReadonlyUserReadsKeysHeldByAnotherNodeButCannotWriteThem() {
        int remote = keyOnNode(1);
        cluster.node(1).cache("data").put(remote, "held by node 1");
        try (IgniteClient c = client("reader", READER_PW)) {
            assertThat(c.cache("data").get(remote)).isEqualTo("held by node 1");
            assertThatThrownBy(() -> c.cache("data").put(remote, "overwritten")).isInstanceOf(ClientAuthorizationException.class);
            assertThatThrownBy(() -> c.cache("data").remove(remote)).isInstanceOf(ClientAuthorizationException.class);
        }
        assertThat(cluster.node(1).cache("data").get(remote)).isEqualTo("held by node 1");
    }

    @Test
    void jdbcNeedsAUserAndAReadonlyUserMaySelectButNotInsert() throws SQLException {
        try (Connection admin = jdbc("admin", ADMIN_PW); Statement st = admin.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS city(id INT PRIMARY KEY, name VARCHAR)");
            st.execute("INSERT INTO city VALUES (1, 'Oslo')");
        }
        assertThatThrownBy(() -> jdbc(null, null).close()).isInstanceOf(SQLException.class)
            .hasMessageContaining("gridkeep: authentication required");
        try (Connection reader = jdbc("reader", READER_PW); Statement st = reader.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT name FROM city WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Oslo");
            }
            assertThatThrownBy(() -> st.execute("INSERT INTO city VALUES (2, 'Bergen')")).isInstanceOf(SQLException.class)
                .hasMessageContaining("user 'reader' (readonly) is not allowed CACHE_PUT");
        }
    }

    private static Connection jdbc(String user, String password) throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
            p.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:ignite:thin://" + cluster.slots().get(0).clientAddress(), p);
    }

    @Test
    void thinClientsRunAllowListedTasksOnlyAndAnotherTaskNeverRuns() throws InterruptedException {
        Path marker = work.resolve("marker-task-ran");
        try (IgniteClient c = client("admin", ADMIN_PW)) {
            assertThat(c.compute().<String, String>execute(EchoTask.class.getName(), "hi")).isEqualTo("echo:hi");
            // The thin-client protocol turns every refusal into one status; the node's log names the task and the user.
            assertThatThrownBy(() -> c.compute().execute(MarkerTask.class.getName(), marker.toString()))
                .isInstanceOf(ClientException.class)
                .hasCauseInstanceOf(ClientAuthorizationException.class);
        }
        assertThat(marker).doesNotExist();
    }

    @Test
    void aReadonlyUserMayNotRunATaskOnlyAdminsMayRun() {
        try (IgniteClient c = client("reader", READER_PW)) {
            assertThatThrownBy(() -> c.compute().execute(EchoTask.class.getName(), "hi"))
                .isInstanceOf(ClientException.class)
                .hasCauseInstanceOf(ClientAuthorizationException.class);
        }
    }

    @Test
    void aChangedPasswordAppliesWithoutARestart() throws InterruptedException {
        users.add("rotating", Role.ADMIN, "first-password".toCharArray());
        Await.until(() -> canLogIn("rotating", "first-password"), Duration.ofSeconds(10), "the new user to be accepted");
        users.passwd("rotating", "second-password".toCharArray());
        Await.until(() -> canLogIn("rotating", "second-password"), Duration.ofSeconds(10), "the new password to be accepted");
        assertThat(canLogIn("rotating", "first-password")).as("the old password").isFalse();
        users.remove("rotating");
        Await.until(() -> !canLogIn("rotating", "second-password"), Duration.ofSeconds(10), "the removed user to be refused");
    }

    private static boolean canLogIn(String user, String password) {
        try (IgniteClient c = client(user, password)) {
            c.cache("data").get(0);
            return true;
        }
        catch (ClientAuthenticationException e) {
            return false;
        }
    }

    @Test
    void aNodeWithoutAuthenticationCannotJoinAClusterThatHasIt() {
        NodeSlot extra = NodeSlot.forCluster("auth-mismatch", 1).get(0);
        IgniteConfiguration open = secured(extra, false);
        open.setDiscoverySpi(TestNodeConfigs.client("unused", cluster.slots()).getDiscoverySpi());
        assertThatThrownBy(() -> Ignition.start(open).close())
            .isInstanceOf(IgniteException.class)
            .hasStackTraceContaining("has authentication off but this cluster has it on");
        assertThat(cluster.node(0).cluster().forServers().nodes()).hasSize(2);
    }

    @Test
    void theUsersFileIsReadableByItsOwnerOnly() throws Exception {
        assertThat(Files.getPosixFilePermissions(users.path())).containsExactlyInAnyOrder(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
}
