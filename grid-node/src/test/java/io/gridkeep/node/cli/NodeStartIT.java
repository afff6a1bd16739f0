package io.gridkeep.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.node.Distribution;
import io.gridkeep.testkit.CommandResult;
import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.FreePorts;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestDirs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code bin/gridkeep node start} from the built distribution, run as an operator would. */
@ExtendWith(TestDirs.Extension.class)
class NodeStartIT {
    private final Distribution dist = Distribution.built();

    @Test
    void nodePrintsWhatItListensOnAndStopsCleanlyOnSigterm(TestDirs dirs) {
        NodeSlot slot = NodeSlot.forCluster("start", 1).get(0);
        List<String> args = Distribution.nodeStartArgs(slot, dirs.work("sigterm"));
        try (ExternalProcess node = dist.startNode("sigterm", dirs.logs(), args, Map.of())) {
            assertThat(node.output())
                .contains("thin client/JDBC : 127.0.0.1:" + slot.clientPort() + "   jdbc:ignite:thin://127.0.0.1:" + slot.clientPort())
                .contains("discovery        : 127.0.0.1:" + slot.discoveryPort())
                .contains("persistence      : off (data in memory)")
                .contains("metrics / health : http://127.0.0.1:" + slot.metricsPort() + "/metrics   /health")
                .doesNotContain("ver. 2.17.0#"); // Ignite's ASCII banner

            CommandResult put = dist.run("kv", "put", "kv", "k", "v", "--host", slot.clientAddress());
            assertThat(put.exitCode()).as(put.toString()).isZero();

            int exit = node.terminate(Duration.ofSeconds(60));
            // 143 = 128 + SIGTERM: the JVM's exit status after its shutdown hooks ran.
            assertThat(exit).isIn(0, 143);
            assertThat(node.output()).contains("gridkeep: node stopped");
        }
    }

    @Test
    void occupiedClientPortGivesOneClearMessageAndExitCodeOne(TestDirs dirs) throws Exception {
        NodeSlot slot = NodeSlot.forCluster("busy", 1).get(0);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), slot.clientPort()));
            List<String> cmd = new ArrayList<>(List.of(dist.script().toString()));
            cmd.addAll(Distribution.nodeStartArgs(slot, dirs.work("busy")));
            CommandResult r = CommandResult.run(cmd, Map.of("GRIDKEEP_HEAP", "256m"), null, null, Duration.ofSeconds(90));

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.stderr()).contains("gridkeep: cannot start node: thin client/JDBC port " + slot.clientPort()
                + " already in use; stop the process using it or pass --client-port (127.0.0.1:" + slot.clientPort() + ")");
            assertThat(r.stderr().lines().filter(l -> l.startsWith("gridkeep:")).count()).isEqualTo(1);
        }
    }

    @Test
    void missingConfigFileIsNamedWithExitCodeOne(TestDirs dirs) {
        Path missing = dirs.work("missing").resolve("nope.xml");
        CommandResult r = dist.run("node", "start", "--config", missing.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("gridkeep: cannot load config: file not found (" + missing + ")");
    }

    @Test
    void unknownBeanPropertyNamesTheFileLineAndKey(TestDirs dirs) throws Exception {
        Path cfg = dirs.work("bad-property").resolve("bad.xml");
        String xml = Files.readString(dist.home().resolve("config/default-config.xml"))
            .replace("<property name=\"metricsLogFrequency\" value=\"0\"/>", "<property name=\"metricsLogFrequencyy\" value=\"0\"/>");
        Files.writeString(cfg, xml);
        int line = xml.lines().toList().indexOf(xml.lines().filter(l -> l.contains("metricsLogFrequencyy")).findFirst().orElseThrow()) + 1;

        CommandResult r = dist.run("node", "start", "--config", cfg.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("gridkeep: cannot load config: unknown property 'metricsLogFrequencyy' of IgniteConfiguration ("
            + cfg + ":" + line + ", key 'metricsLogFrequencyy')");
    }

    @Test
    void persistentNodeKeepsItsDataAcrossARestart(TestDirs dirs) {
        NodeSlot slot = NodeSlot.forCluster("persist", 1).get(0);
        Path data = dirs.work("persist").resolve("data");
        List<String> args = slot.nodeStartArgs("--persistence", data.toString());
        try (ExternalProcess first = dist.startNode("persist-1", dirs.logs(), args, Map.of())) {
            assertThat(first.output()).contains("ACTIVE (activated by this node)");
            assertThat(dist.run("kv", "put", "kv", "survivor", "still-here", "--host", slot.clientAddress()).exitCode()).isZero();
            CommandResult ddl = dist.run("sql", "--host", slot.clientAddress(), "-e",
                "CREATE TABLE kept (id INT PRIMARY KEY, name VARCHAR); INSERT INTO kept VALUES (1, 'one'), (2, 'two')");
            assertThat(ddl.exitCode()).as(ddl.toString()).isZero();
            assertThat(first.terminate(Duration.ofSeconds(60))).isIn(0, 143);
        }
        try (ExternalProcess second = dist.startNode("persist-2", dirs.logs(), args, Map.of())) {
            // The baseline from the first start brings the cluster back to ACTIVE by itself.
            assertThat(second.output()).contains("cluster          : ACTIVE,");
            CommandResult get = dist.run("kv", "get", "kv", "survivor", "--host", slot.clientAddress());
            assertThat(get.stdout()).isEqualTo("still-here\n");
            CommandResult rows = dist.run("sql", "--host", slot.clientAddress(), "--format", "csv", "-e",
                "SELECT id, name FROM kept ORDER BY id");
            assertThat(rows.stdout()).isEqualTo("ID,NAME\n1,one\n2,two\n");
        }
    }

    // The node only has to run while the body talks to it: it is a resource for its close, never referenced.
    @SuppressWarnings("try")
    @Test
    void clusterActivateActivatesAnInactivePersistentCluster(TestDirs dirs) {
        NodeSlot slot = NodeSlot.forCluster("activate", 1).get(0);
        Path data = dirs.work("activate").resolve("data");
        List<String> args = slot.nodeStartArgs("--persistence", data.toString());
        try (ExternalProcess node = dist.startNode("activate", dirs.logs(), args, Map.of())) {
            try (var client = Ignition.startClient(new ClientConfiguration()
                .setAddresses(slot.clientAddress()))) {
                client.cluster().state(ClusterState.INACTIVE);
            }
            CommandResult status = dist.run("cluster", "status", "--host", slot.clientAddress());
            assertThat(status.stdout()).contains("state      INACTIVE").contains("run 'gridkeep cluster activate'");

            CommandResult activate = dist.run("cluster", "activate", "--host", slot.clientAddress());

            assertThat(activate.exitCode()).as(activate.toString()).isZero();
            assertThat(activate.stdout()).isEqualTo("cluster activated (was INACTIVE)\n");
            assertThat(dist.run("cluster", "status", "--host", slot.clientAddress()).stdout()).contains("state      ACTIVE");
        }
    }

    // The node only has to run while the body talks to it: it is a resource for its close, never referenced.
    @SuppressWarnings("try")
    @Test
    void nodesStartedWithTheExampleConfigFormOneCluster(TestDirs dirs) {
        int disco = FreePorts.consecutive(10);
        int comm = FreePorts.consecutive(10);
        int client = FreePorts.consecutive(10);
        int metrics = FreePorts.consecutive(10);
        // The example's own port ranges, not a test slot's ports: what an operator of the example runs.
        List<String> args = List.of("node", "start", "--config", dist.home().resolve("config/example-cluster.xml").toString(),
            "-D", "gridkeep.discovery.port=" + disco,
            "-D", "gridkeep.discovery.addresses=127.0.0.1:" + disco + ".." + (disco + 9),
            "-D", "gridkeep.communication.port=" + comm,
            "-D", "gridkeep.client.port=" + client,
            "-D", "gridkeep.metrics.port=" + metrics);
        try (ExternalProcess a = dist.startNode("example-a", dirs.logs(), args, Map.of());
             ExternalProcess b = dist.startNode("example-b", dirs.logs(), args, Map.of())) {
            Matcher second = b.awaitOutput("thin client/JDBC : 127\\.0\\.0\\.1:(\\d+)", Duration.ofSeconds(5));
            assertThat(Integer.parseInt(second.group(1))).isEqualTo(client + 1);
            assertThat(b.output()).contains("2 server node(s)");

            CommandResult status = dist.run("cluster", "status", "--host", "127.0.0.1:" + client);
            assertThat(status.stdout()).contains("servers    2");
            assertThat(status.stdout().lines().filter(l -> l.contains("  server")).count()).isEqualTo(2);
        }
    }
}
