package io.gridkeep.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.node.Distribution;
import io.gridkeep.testkit.CommandResult;
import io.gridkeep.testkit.ElasticsearchServer;
import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.NodeSlot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node from the distribution started with {@code --elasticsearch}: its log and its events reach a
 * real Elasticsearch, and {@code gridkeep events} lists them.
 */
class EventsCommandIT {
    private static final Distribution DIST = Distribution.built();

    @TempDir
    static Path work;

    private static ElasticsearchServer es;
    private static ExternalProcess node;
    private static NodeSlot slot;

    @BeforeAll
    static void startElasticsearchAndNode() {
        es = ElasticsearchServer.start(work.resolve("es"));
        slot = NodeSlot.forCluster("events", 1).get(0);
        node = DIST.startNode("events-node", Path.of("target", "it-logs", "EventsCommandIT").toAbsolutePath(), List.of("node", "start",
            "--client-port", String.valueOf(slot.clientPort()),
            "--discovery-port", String.valueOf(slot.discoveryPort()),
            "--communication-port", String.valueOf(slot.communicationPort()),
            "--metrics-port", String.valueOf(slot.metricsPort()),
            "--discovery-addresses", String.join(",", slot.discoveryAddresses()),
            "--elasticsearch", es.url(),
            "--work-dir", work.resolve("node").toString()), Map.of());
    }

    @AfterAll
    static void stop() {
        if (node != null)
            node.close();
        if (es != null)
            es.close();
    }

    private static CommandResult events(String... args) {
        String[] a = new String[args.length + 3];
        a[0] = "events";
        a[1] = "--elasticsearch";
        a[2] = es.url();
        System.arraycopy(args, 0, a, 3, args.length);
        return DIST.run(a);
    }

    @Test
    void eventsListsACacheCreatedOnTheNodeAsATable() throws Exception {
        CommandResult create = DIST.run("sql", "--host", slot.clientAddress(), "-e", "CREATE TABLE audit (id INT PRIMARY KEY, who VARCHAR)");
        assertThat(create.exitCode()).as(create.toString()).isZero();

        CommandResult r = null;
        for (int i = 0; i < 120; i++) {
            r = events("--type", "cache-created");
            if (r.exitCode() == 0 && r.stdout().contains("SQL_PUBLIC_AUDIT"))
                break;
            Thread.sleep(500);
        }
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("| TIME").contains("TYPE").contains("NODE").contains("CACHE").contains("MESSAGE")
            .contains("cache-created").contains("SQL_PUBLIC_AUDIT");

        CommandResult json = events("--type", "cache-created", "--format", "json", "--since", "2h");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.stdout()).contains("\"TYPE\": \"cache-created\"").contains("\"CACHE\": \"SQL_PUBLIC_AUDIT\"");
    }

    @Test
    void theNodesOwnLogIsSearchableInElasticsearch() throws Exception {
        String body = "";
        for (int i = 0; i < 120; i++) {
            es.request("POST", "/gridkeep-logs-*/_refresh?allow_no_indices=true", null);
            body = es.request("GET", "/gridkeep-logs-*/_search?allow_no_indices=true&q=log.logger:org.apache.ignite*", null).body();
            if (body.contains("\"log.logger\":\"org.apache.ignite"))
                break;
            Thread.sleep(500);
        }
        assertThat(body).contains("\"log.logger\":\"org.apache.ignite").contains("\"service.name\":\"gridkeep\"");
    }

    @Test
    void noMatchingEventsSaysSo() {
        CommandResult r = events("--type", "node-failed", "--since", "30s");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).startsWith("no events in the last 30s of type node-failed");
    }

    @Test
    void badArgumentsAreUsageErrorsThatNameTheOption() {
        CommandResult badAge = events("--since", "yesterday");
        assertThat(badAge.exitCode()).isEqualTo(2);
        assertThat(badAge.stderr()).contains("'yesterday' is not an age").contains("--since");

        CommandResult badType = events("--type", "node-exploded");
        assertThat(badType.exitCode()).isEqualTo(2);
        assertThat(badType.stderr()).contains("unknown event type 'node-exploded'").contains("node-failed");
    }

    @Test
    void unreachableElasticsearchIsAOneLineErrorNamingIt() {
        CommandResult r = DIST.run("events", "--elasticsearch", "http://127.0.0.1:1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("gridkeep: events: cannot read events from Elasticsearch").contains("http://127.0.0.1:1");
    }

    @Test
    void helpDescribesTheCommand() {
        CommandResult r = DIST.run("events", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("--since").contains("--type").contains("--elasticsearch").contains("GRIDKEEP_ELASTICSEARCH_API_KEY");
    }
}
