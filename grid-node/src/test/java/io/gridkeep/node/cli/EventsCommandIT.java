package io.gridkeep.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.node.Distribution;
import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.CommandResult;
import io.gridkeep.testkit.ElasticsearchServer;
import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node from the distribution started with {@code --elasticsearch}: its log and its events reach a
 * real Elasticsearch, and {@code gridkeep events} lists them. The node's Elasticsearch password is a canary: it is in
 * the node's environment, and must be in nothing it ships.
 */
@ExtendWith(TestDirs.Extension.class)
class EventsCommandIT {
    private static final Distribution DIST = Distribution.built();
    private static final String CANARY = "canary-es-" + Long.toHexString(System.nanoTime());
    private static final Pattern TOTAL_HITS = Pattern.compile("\"total\":\\{\"value\":(\\d+)");

    private static ElasticsearchServer es;
    private static ExternalProcess node;
    private static NodeSlot slot;

    @BeforeAll
    static void startElasticsearchAndNode(TestDirs dirs) {
        es = ElasticsearchServer.start(dirs.work("es"));
        slot = NodeSlot.forCluster("events", 1).get(0);
        node = DIST.startNode("events-node", dirs.logs(), Distribution.nodeStartArgs(slot, dirs.work("node"), "--elasticsearch", es.url()),
            Map.of("GRIDKEEP_ELASTICSEARCH_USERNAME", "shipper", "GRIDKEEP_ELASTICSEARCH_PASSWORD", CANARY));
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
    void eventsListsACacheCreatedOnTheNodeAsATable() {
        CommandResult create = DIST.run("sql", "--host", slot.clientAddress(), "-e",
            "CREATE TABLE audit (id INT PRIMARY KEY, who VARCHAR)");
        assertThat(create.exitCode()).as(create.toString()).isZero();

        // Each check runs the CLI (a JVM start): every 500 ms is often enough.
        CommandResult r = Await.every(Duration.ofMillis(500)).until(() -> events("--type", "cache-created"),
            c -> c.exitCode() == 0 && c.stdout().contains("SQL_PUBLIC_AUDIT"), Duration.ofSeconds(240),
            "the cache-created event of SQL_PUBLIC_AUDIT");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("| TIME").contains("TYPE").contains("NODE").contains("CACHE").contains("MESSAGE")
            .contains("cache-created").contains("SQL_PUBLIC_AUDIT");

        CommandResult json = events("--type", "cache-created", "--format", "json", "--since", "2h");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.stdout()).contains("\"TYPE\": \"cache-created\"").contains("\"CACHE\": \"SQL_PUBLIC_AUDIT\"");
    }

    @Test
    void theNodesOwnLogIsSearchableInElasticsearch() {
        String body = Await.every(Duration.ofMillis(500)).until(() -> {
            es.request("POST", "/gridkeep-logs-*/_refresh?allow_no_indices=true", null);
            return es.request("GET", "/gridkeep-logs-*/_search?allow_no_indices=true&q=log.logger:org.apache.ignite*", null).body();
        }, b -> b.contains("\"log.logger\":\"org.apache.ignite"), Duration.ofSeconds(90), "a log line of Ignite's in Elasticsearch");
        assertThat(body).contains("\"log.logger\":\"org.apache.ignite").contains("\"service.name\":\"gridkeep\"");
    }

    @Test
    void thePasswordInTheNodesEnvironmentIsInNoShippedLogLineOrEvent() throws Exception {
        // bin/gridkeep execs java: the process started is the node's JVM, and it must hold the canary, or this proves nothing.
        assertThat(Files.readString(Path.of("/proc/" + node.pid() + "/environ"))).contains("GRIDKEEP_ELASTICSEARCH_PASSWORD=" + CANARY);
        // Ignite's start-up lines, where an echoed environment would be, are the first the node ships: wait for
        // the bulk of them (a start logs some 60 lines at INFO), not only the first to arrive.
        String all = Await.every(Duration.ofMillis(500)).until(() -> {
            es.request("POST", "/gridkeep-*/_refresh?allow_no_indices=true", null);
            return es.request("GET", "/gridkeep-*/_search?allow_no_indices=true&size=10000", null).body();
        }, b -> shipped(b) >= MIN_SHIPPED, Duration.ofSeconds(90), MIN_SHIPPED + " shipped log lines and events");
        int shipped = shipped(all);
        System.out.println("canary: " + (all.contains(CANARY) ? "FOUND in" : "in none of") + " the " + shipped + " shipped documents");
        assertThat(shipped).isPositive();
        assertThat(all).doesNotContain(CANARY);
    }

    private static final int MIN_SHIPPED = 30;

    private static int shipped(String searchBody) {
        Matcher total = TOTAL_HITS.matcher(searchBody);
        return total.find() ? Integer.parseInt(total.group(1)) : 0;
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
        assertThat(r.stdout()).contains("--since").contains("--type").contains("--elasticsearch")
            .contains("GRIDKEEP_ELASTICSEARCH_API_KEY");
    }
}
