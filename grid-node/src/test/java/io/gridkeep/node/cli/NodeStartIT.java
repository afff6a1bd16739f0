package io.gridkeep.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.node.Distribution;
import io.gridkeep.testkit.CommandResult;
import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.FreePorts;
import io.gridkeep.testkit.NodeSlot;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/gridkeep node start} from the built distribution, run as an operator would. */
class NodeStartIT {
    private static final Path LOGS = Path.of("target", "it-logs", "NodeStartIT").toAbsolutePath();

    @TempDir
    Path work;

    private final Distribution dist = Distribution.built();

    /** Flags that put a node on free ports, as an operator would on a shared host. */
    private static List<String> startArgs(NodeSlot slot, String... extra) {
        List<String> a = new ArrayList<>(List.of("node", "start",
            "--client-port", String.valueOf(slot.clientPort()),
            "--discovery-port", String.valueOf(slot.discoveryPort()),
            "--communication-port", String.valueOf(slot.communicationPort()),
            "--metrics-port", String.valueOf(slot.metricsPort()),
            "--discovery-addresses", String.join(",", slot.discoveryAddresses())));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void nodePrintsWhatItListensOnAndStopsCleanlyOnSigterm() {
        NodeSlot slot = NodeSlot.forCluster("start", 1).get(0);
        try (ExternalProcess node = dist.startNode("sigterm", LOGS, startArgs(slot, "--work-dir", work.toString()), Map.of())) {
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
    void occupiedClientPortGivesOneClearMessageAndExitCodeOne() throws Exception {
        NodeSlot slot = NodeSlot.forCluster("busy", 1).get(0);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), slot.clientPort()));
            List<String> cmd = new ArrayList<>(List.of(dist.script().toString()));
            cmd.addAll(startArgs(slot, "--work-dir", work.toString()));
            CommandResult r = CommandResult.run(cmd, Map.of("GRIDKEEP_HEAP", "256m"), null, null, Duration.ofSeconds(90));

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.stderr()).contains("gridkeep: cannot start node: thin client/JDBC port " + slot.clientPort()
                + " already in use; stop the process using it or pass --client-port (127.0.0.1:" + slot.clientPort() + ")");
            assertThat(r.stderr().lines().filter(l -> l.startsWith("gridkeep:")).count()).isEqualTo(1);
        }
    }

    @Test
    void missingConfigFileIsNamedWithExitCodeOne() {
        Path missing = work.resolve("nope.xml");
        CommandResult r = dist.run("node", "start", "--config", missing.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("gridkeep: cannot load config: file not found (" + missing + ")");
    }

    @Test
    void unknownBeanPropertyNamesTheFileLineAndKey() throws Exception {
        Path cfg = work.resolve("bad.xml");
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
    void persistentNodeKeepsItsDataAcrossARestart() {
        NodeSlot slot = NodeSlot.forCluster("persist", 1).get(0);
        Path data = work.resolve("data");
        try (ExternalProcess first = dist.startNode("persist-1", LOGS, startArgs(slot, "--persistence", data.toString()), Map.of())) {
            assertThat(first.output()).contains("ACTIVE (activated by this node)");
            assertThat(dist.run("kv", "put", "kv", "survivor", "still-here", "--host", slot.clientAddress()).exitCode()).isZero();
            CommandResult ddl = dist.run("sql", "--host", slot.clientAddress(), "-e",
                "CREATE TABLE kept (id INT PRIMARY KEY, name VARCHAR); INSERT INTO kept VALUES (1, 'one'), (2, 'two')");
            assertThat(ddl.exitCode()).as(ddl.toString()).isZero();
            assertThat(first.terminate(Duration.ofSeconds(60))).isIn(0, 143);
        }
        try (ExternalProcess second = dist.startNode("persist-2", LOGS, startArgs(slot, "--persistence", data.toString()), Map.of())) {
            // The baseline from the first start brings the cluster back to ACTIVE by itself.
            assertThat(second.output()).contains("cluster          : ACTIVE,");
            CommandResult get = dist.run("kv", "get", "kv", "survivor", "--host", slot.clientAddress());
            assertThat(get.stdout()).isEqualTo("still-here\n");
            CommandResult rows = dist.run("sql", "--host", slot.clientAddress(), "--format", "csv", "-e", "SELECT id, name FROM kept ORDER BY id");
            assertThat(rows.stdout()).isEqualTo("ID,NAME\n1,one\n2,two\n");
        }
    }

    @Test
    void clusterActivateActivatesAnInactivePersistentCluster() {
        NodeSlot slot = NodeSlot.forCluster("activate", 1).get(0);
        Path data = work.resolve("data");
        try (ExternalProcess node = dist.startNode("activate", LOGS, startArgs(slot, "--persistence", data.toString()), Map.of())) {
            try (var client = org.apache.ignite.Ignition.startClient(new org.apache.ignite.configuration.ClientConfiguration()
                .setAddresses(slot.clientAddress()))) {
                client.cluster().state(org.apache.ignite.cluster.ClusterState.INACTIVE);
            }
            CommandResult status = dist.run("cluster", "status", "--host", slot.clientAddress());
            assertThat(status.stdout()).contains("state      INACTIVE").contains("run 'gridkeep cluster activate'");

            CommandResult activate = dist.run("cluster", "activate", "--host", slot.clientAddress());

            assertThat(activate.exitCode()).as(activate.toString()).isZero();
            assertThat(activate.stdout()).isEqualTo("cluster activated (was INACTIVE)\n");
            assertThat(dist.run("cluster", "status", "--host", slot.clientAddress()).stdout()).contains("state      ACTIVE");
        }
    }

    @Test
    void nodesStartedWithTheExampleConfigFormOneCluster() {
        int disco = FreePorts.consecutive(10);
        int comm = FreePorts.consecutive(10);
        int client = FreePorts.consecutive(10);
        int metrics = FreePorts.consecutive(10);
        List<String> args = List.of("node", "start", "--config", dist.home().resolve("config/example-cluster.xml").toString(),
            "-D", "gridkeep.discovery.port=" + disco,
            "-D", "gridkeep.discovery.addresses=127.0.0.1:" + disco + ".." + (disco + 9),
            "-D", "gridkeep.communication.port=" + comm,
            "-D", "gridkeep.client.port=" + client,
            "-D", "gridkeep.metrics.port=" + metrics);
        try (ExternalProcess a = dist.startNode("example-a", LOGS, args, Map.of());
             ExternalProcess b = dist.startNode("example-b", LOGS, args, Map.of())) {
            Matcher second = b.awaitOutput("thin client/JDBC : 127\\.0\\.0\\.1:(\\d+)", Duration.ofSeconds(5));
            assertThat(Integer.parseInt(second.group(1))).isEqualTo(client + 1);
            assertThat(b.output()).contains("2 server node(s)");

            CommandResult status = dist.run("cluster", "status", "--host", "127.0.0.1:" + client);
            assertThat(status.stdout()).contains("servers    2");
            assertThat(status.stdout().lines().filter(l -> l.contains("  server")).count()).isEqualTo(2);
        }
    }
}
