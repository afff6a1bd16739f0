package io.gridkeep.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.node.Distribution;
import io.gridkeep.testkit.CommandResult;
import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.FreePorts;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The client commands, run through {@code bin/gridkeep} against a node started from the distribution. */
@ExtendWith(TestDirs.Extension.class)
class CliIT {
    private static final Distribution DIST = Distribution.built();

    private static Path work;
    private static ExternalProcess node;
    private static NodeSlot slot;

    @BeforeAll
    static void startNode(TestDirs dirs) {
        slot = NodeSlot.forCluster("cli", 1).get(0);
        work = dirs.work();
        node = DIST.startNode("cli-node", dirs.logs(), Distribution.nodeStartArgs(slot, work.resolve("node")), Map.of());
    }

    @AfterAll
    static void stopNode() {
        if (node != null)
            node.close();
    }

    /** Runs {@code gridkeep args... --host <node>}. */
    private static CommandResult gridkeep(String... args) {
        return gridkeepWithInput(null, args);
    }

    private static CommandResult gridkeepWithInput(String stdin, String... args) {
        List<String> a = new ArrayList<>(Arrays.asList(args));
        a.add("--host");
        a.add(slot.clientAddress());
        return DIST.runWithInput(stdin, a.toArray(String[]::new));
    }

    private static void assertNodeStillServes() {
        CommandResult r = gridkeep("sql", "--format", "csv", "-e", "SELECT 1 AS ONE");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("ONE\n1\n");
        assertThat(node.isAlive()).isTrue();
    }

    @Test
    void kvPutThenGetPrintsTheValue() {
        CommandResult put = gridkeep("kv", "put", "kv", "user:1", "alice");
        assertThat(put.exitCode()).as(put.toString()).isZero();
        assertThat(put.stdout()).isEqualTo("OK\n");

        CommandResult get = gridkeep("kv", "get", "kv", "user:1");
        assertThat(get.exitCode()).isZero();
        assertThat(get.stdout()).isEqualTo("alice\n");
        assertThat(get.stderr()).isEmpty();
    }

    @Test
    void kvRemoveDeletesTheEntryAndGetThenExitsOne() {
        gridkeep("kv", "put", "kv", "gone", "soon");

        CommandResult remove = gridkeep("kv", "remove", "kv", "gone");
        assertThat(remove.exitCode()).isZero();
        assertThat(remove.stdout()).isEqualTo("removed\n");

        CommandResult get = gridkeep("kv", "get", "kv", "gone");
        assertThat(get.exitCode()).isEqualTo(1);
        assertThat(get.stdout()).isEmpty();
        assertThat(get.stderr()).isEqualTo("gridkeep: kv get: no entry for key 'gone' (cache kv)\n");
    }

    @Test
    void kvTypedKeysAndValuesRoundTrip() {
        assertThat(gridkeep("kv", "put", "kv", "--key-type", "int", "--value-type", "long", "42", "9000000000").exitCode()).isZero();
        assertThat(gridkeep("kv", "get", "kv", "--key-type", "int", "42").stdout()).isEqualTo("9000000000\n");
        // The string "42" is another key than the int 42.
        assertThat(gridkeep("kv", "get", "kv", "42").exitCode()).isEqualTo(1);
    }

    @Test
    void kvOnAnUnknownCacheNamesTheCachesThatExist() {
        CommandResult r = gridkeep("kv", "get", "nosuch", "k");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("gridkeep: kv get: no cache or SQL table named 'nosuch' (caches: ").contains("kv");
        assertNodeStillServes();
    }

    @Test
    void kvAndComputeTakeASqlTableByItsNameAsWellAsItsCache() {
        gridkeep("sql", "-e", "CREATE TABLE bar_pq (id INT PRIMARY KEY, v VARCHAR, n INT) WITH \"CACHE_NAME=bar_cache\"; "
            + "INSERT INTO bar_pq VALUES (7, 'seven', 70), (8, 'eight', 80)");

        for (String name : List.of("bar_pq", "BAR_PQ", "public.bar_pq", "bar_cache")) {
            CommandResult get = gridkeep("kv", "get", name, "7", "--key-type", "int");
            assertThat(get.exitCode()).as(name + ": " + get).isZero();
            assertThat(get.stdout()).as(name).contains("V=seven");
        }
        CommandResult top = gridkeep("compute", "topk", "--cache", "bar_pq", "--field", "n", "--k", "1", "--format", "csv");
        assertThat(top.exitCode()).as(top.toString()).isZero();
        assertThat(top.stdout()).isEqualTo("KEY,VALUE\n8,80\n");
    }

    @Test
    void kvKeyOfTheWrongTypeIsBadUsage() {
        CommandResult r = gridkeep("kv", "put", "kv", "--key-type", "int", "abc", "v");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("gridkeep: kv put: key 'abc' is not a valid int (--key-type int)\n");
    }

    @Test
    void sqlExecutePrintsAnAlignedTable() {
        gridkeep("sql", "-e", "CREATE TABLE city (id INT PRIMARY KEY, name VARCHAR, population BIGINT)");
        gridkeep("sql", "-e", "INSERT INTO city VALUES (1, 'Oslo', 709000), (2, 'Bergen', 291000)");

        CommandResult r = gridkeep("sql", "-e", "SELECT id, name, population FROM city ORDER BY id");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("""
            +----+--------+------------+
            | ID | NAME   | POPULATION |
            +----+--------+------------+
            |  1 | Oslo   |     709000 |
            |  2 | Bergen |     291000 |
            +----+--------+------------+
            2 rows
            """);
    }

    @Test
    void sqlPrintsCsvAndJsonOnRequest() {
        gridkeep("sql", "-e", "CREATE TABLE fmt (id INT PRIMARY KEY, label VARCHAR); INSERT INTO fmt VALUES (1, 'a,b'), (2, NULL)");

        assertThat(gridkeep("sql", "--format", "csv", "-e", "SELECT id, label FROM fmt ORDER BY id").stdout())
            .isEqualTo("ID,LABEL\n1,\"a,b\"\n2,\n");
        assertThat(gridkeep("sql", "--format", "json", "-e", "SELECT id, label FROM fmt ORDER BY id").stdout())
            .isEqualTo("[\n  {\"ID\": 1, \"LABEL\": \"a,b\"},\n  {\"ID\": 2, \"LABEL\": null}\n]\n");
    }

    @Test
    void sqlFileRunsEveryStatementInOrder() throws IOException {
        Path f = work.resolve("script.sql");
        Files.writeString(f, """
            -- a comment; with a semicolon
            CREATE TABLE script_t (id INT PRIMARY KEY, note VARCHAR);
            INSERT INTO script_t VALUES (1, 'semi;colon');
            SELECT note FROM script_t;
            """);

        CommandResult r = gridkeep("sql", "--format", "csv", "-f", f.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("NOTE\nsemi;colon\n");
    }

    @Test
    void sqlFileStopsAtTheFirstBadStatementAndNamesItsLine() throws IOException {
        Path f = work.resolve("bad.sql");
        Files.writeString(f, "CREATE TABLE stop_t (id INT PRIMARY KEY);\n\nSELEC * FROM stop_t;\nINSERT INTO stop_t VALUES (1);\n");

        CommandResult r = gridkeep("sql", "-f", f.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("gridkeep: sql: ").contains("(" + f + ":3, statement: SELEC * FROM stop_t)");
        // The statement after the bad one did not run.
        assertThat(gridkeep("sql", "--format", "csv", "-e", "SELECT COUNT(*) AS N FROM stop_t").stdout()).isEqualTo("N\n0\n");
    }

    @Test
    void invalidStatementExitsOneWithOneLineAndTheNodeKeepsServing() {
        CommandResult r = gridkeep("sql", "-e", "SELEC * FROM nowhere");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr().lines().toList()).hasSize(1);
        assertThat(r.stderr()).startsWith("gridkeep: sql: ").endsWith("(statement: SELEC * FROM nowhere)\n");
        assertNodeStillServes();
    }

    @Test
    void valueOfTheWrongTypeInSqlNamesTheStatementAndTheNodeKeepsServing() {
        gridkeep("sql", "-e", "CREATE TABLE typed (id INT PRIMARY KEY, n INT)");

        CommandResult r = gridkeep("sql", "-e", "INSERT INTO typed VALUES (1, 'not a number')");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("gridkeep: sql: ").endsWith("(statement: INSERT INTO typed VALUES (1, 'not a number'))\n");
        assertNodeStillServes();
    }

    @Test
    void interactiveShellRunsStatementsAcrossLinesAndSurvivesErrors() {
        CommandResult r = gridkeepWithInput("CREATE TABLE shell_t (id INT PRIMARY KEY, v INT);\nINSERT INTO shell_t\n VALUES (7, 8);\n"
            + "SELEC oops;\nSELECT id, v FROM shell_t;\nquit\n", "sql", "-i");

        assertThat(r.stdout()).contains("gridkeep> ").contains("       -> ").contains("1 row affected").contains("|  7 | 8 |");
        assertThat(r.stderr()).contains("gridkeep: sql: ").contains("(statement: SELEC oops)");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void statementsPipedOnStandardInputRunAsAScript() {
        CommandResult r = gridkeepWithInput("SELECT 40 + 2 AS ANSWER;", "sql", "--format", "csv");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("ANSWER\n42\n");
    }

    @Test
    void clusterStatusShowsStateNodesAndCachesWithSizes() {
        gridkeep("kv", "put", "kv", "status-key", "x");

        CommandResult r = gridkeep("cluster", "status");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("state      ACTIVE").contains("servers    1")
            .contains("server, coordinator").contains("127.0.0.1").contains(String.valueOf(slot.clientPort()));
        String kvRow = r.stdout().lines().filter(l -> l.startsWith("kv ")).findFirst().orElseThrow();
        assertThat(kvRow).contains("REPLICATED").contains("ATOMIC");
    }

    @Test
    void clusterStatusWithMetricsReadsEachNodesEndpoint() {
        gridkeep("kv", "put", "kv", "metrics-key", "x");

        CommandResult r = gridkeep("cluster", "status", "--metrics");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("HEALTH").contains("CACHE PUTS").contains("HEAP USED")
            .contains("http://127.0.0.1:" + slot.metricsPort() + "/metrics");
        String row = r.stdout().lines().filter(l -> l.contains("/metrics")).findFirst().orElseThrow();
        assertThat(row).contains(" UP ").doesNotContain("unreachable");
    }

    @Test
    void clusterActivateOnAnActiveClusterSaysSo() {
        CommandResult r = gridkeep("cluster", "activate");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("cluster is already ACTIVE\n");
    }

    @Test
    void loadInsertsEveryCsvRowWithItsTypes() throws IOException {
        gridkeep("sql", "-e", "CREATE TABLE trip (id BIGINT PRIMARY KEY, city VARCHAR, km DOUBLE, day DATE)");
        Path csv = work.resolve("trips.csv");
        StringBuilder sb = new StringBuilder("ID,CITY,KM,DAY\n");
        double km = 0;
        int rows = 20_000;
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(",\"City, ").append(i % 10).append("\",").append(i % 100).append(".5,2026-01-")
                .append(String.format("%02d", 1 + i % 28)).append('\n');
            km += (i % 100) + 0.5;
        }
        Files.writeString(csv, sb);

        CommandResult r = gridkeep("load", csv.toString(), "--table", "trip");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).startsWith("loaded 20,000 rows into TRIP in ");
        CommandResult check = gridkeep("sql", "--format", "csv", "-e",
            "SELECT COUNT(*) AS N, SUM(km) AS KM, COUNT(DISTINCT city) AS CITIES, MAX(day) AS LAST FROM trip");
        assertThat(check.stdout()).isEqualTo("N,KM,CITIES,LAST\n" + rows + "," + km + ",10,2026-01-28\n");
    }

    @Test
    void loadNamesTheFileLineAndColumnOfABadValue() throws IOException {
        gridkeep("sql", "-e", "CREATE TABLE badload (id INT PRIMARY KEY, n INT)");
        Path csv = work.resolve("bad.csv");
        Files.writeString(csv, "id,n\n1,10\n2,twenty\n3,30\n");

        CommandResult r = gridkeep("load", csv.toString(), "--table", "badload");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("gridkeep: load: column N: 'twenty' is not a valid INTEGER (" + csv + ":3)\n");
    }

    @Test
    void loadReadsAnExcelCsvWithAByteOrderMarkAndIsoTimestamps() throws IOException {
        gridkeep("sql", "-e", "CREATE TABLE visit (id INT PRIMARY KEY, at TIMESTAMP)");
        Path csv = work.resolve("excel.csv");
        Files.write(csv, ("\uFEFFid,at\r\n1,2024-01-01T10:00:00Z\r\n2,2024-01-01T12:30:00+02:00\r\n3,2024-01-01 11:00:00\r\n")
            .getBytes(StandardCharsets.UTF_8));
        // One zone for the load and the read: a TIMESTAMP column holds no zone, the JDBC client's applies.
        Map<String, String> utc = Map.of("TZ", "UTC");

        CommandResult r = DIST.run(utc, null, "load", csv.toString(), "--table", "visit", "--host", slot.clientAddress());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).startsWith("loaded 3 rows into VISIT in ");
        CommandResult check = DIST.run(utc, null, "sql", "--format", "csv", "--host", slot.clientAddress(), "-e",
            "SELECT id, CAST(at AS VARCHAR) AS AT FROM visit ORDER BY id");
        assertThat(check.stdout()).isEqualTo("ID,AT\n1,2024-01-01 10:00:00\n2,2024-01-01 10:30:00\n3,2024-01-01 11:00:00\n");
    }

    @Test
    void loadIntoAnUnknownTableSaysSo() throws IOException {
        Path csv = work.resolve("any.csv");
        Files.writeString(csv, "a\n1\n");
        CommandResult r = gridkeep("load", csv.toString(), "--table", "missing_table");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("gridkeep: load: unknown table PUBLIC.MISSING_TABLE");
    }

    @Test
    void anUnreachableNodeFailsWithOneLineAndExitCodeOne() {
        CommandResult r = DIST.run("kv", "get", "kv", "k", "--host", "127.0.0.1:" + FreePorts.one());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr().lines().toList()).hasSize(1);
        assertThat(r.stderr()).contains("gridkeep: kv get: cannot connect: ").contains("is a node running (start one with");
    }

    @Test
    void ignitesControlUtilityIsShippedAndReachesTheNodeThroughItsClientPort() {
        String control = DIST.home().resolve("bin/control.sh").toString();
        List<String> to = List.of("--host", "127.0.0.1", "--port", Integer.toString(slot.clientPort()));

        CommandResult state = CommandResult.run(concat(List.of(control, "--state"), to), Map.of(), null, null, Duration.ofSeconds(120));
        CommandResult verify = CommandResult.run(concat(List.of(control, "--cache", "idle_verify"), to), Map.of(), null, null,
            Duration.ofSeconds(120));

        assertThat(state.exitCode()).as(state.toString()).isZero();
        assertThat(state.stdout()).contains("Cluster state: ACTIVE");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.stdout()).contains("no conflicts have been found");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void anUnknownOptionIsBadUsageWithExitCodeTwo() {
        CommandResult r = DIST.run("kv", "get", "--frobnicate", "kv", "k");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("gridkeep: kv get: Unknown option: '--frobnicate'").contains("gridkeep kv get --help");
    }

    @Test
    void computeAggregateOverATableEqualsSqlGroupBy() {
        gridkeep("sql", "-e", "CREATE TABLE town (id INT PRIMARY KEY, country VARCHAR, population BIGINT); "
            + "INSERT INTO town VALUES (1, 'NO', 709000), (2, 'NO', 291000), (3, 'FR', 522000), (4, 'FR', 2102000), (5, 'SE', 984000)");

        CommandResult r = gridkeep("compute", "aggregate", "--table", "town", "--group-by", "country", "--field", "population",
            "--format", "csv");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("GROUP,COUNT,SUM,MIN,MAX,AVG\nFR,2,2624000,522000,2102000,1312000\n"
            + "NO,2,1000000,291000,709000,500000\nSE,1,984000,984000,984000,984000\n");
        CommandResult sql = gridkeep("sql", "--format", "csv", "-e",
            "SELECT country, COUNT(*), SUM(population), MIN(population), MAX(population) FROM town GROUP BY country ORDER BY country");
        assertThat(sql.stdout().lines().skip(1).toList())
            .isEqualTo(r.stdout().lines().skip(1).map(l -> l.substring(0, l.lastIndexOf(','))).toList());
    }

    @Test
    void computeWordcountAndTopkPrintTables() {
        gridkeep("sql", "-e", "CREATE TABLE doc (id INT PRIMARY KEY, body VARCHAR, score INT); "
            + "INSERT INTO doc VALUES (1, 'the grid keeps the data', 5), (2, 'The data stays in the grid', 9), (3, 'grid', 7)");

        CommandResult words = gridkeep("compute", "wordcount", "--table", "doc", "--field", "body", "--top", "3");
        assertThat(words.exitCode()).as(words.toString()).isZero();
        assertThat(words.stdout()).startsWith("""
            +------+-------+
            | WORD | COUNT |
            +------+-------+
            | the  |     4 |
            | grid |     3 |
            | data |     2 |
            +------+-------+
            3 rows
            """);

        CommandResult top = gridkeep("compute", "topk", "--table", "doc", "--field", "score", "--k", "2", "--format", "csv");
        assertThat(top.stdout()).isEqualTo("KEY,VALUE\n2,9\n3,7\n");
    }

    @Test
    void computeOnAnUnknownCacheExitsOneNamingTheCaches() {
        CommandResult r = gridkeep("compute", "topk", "--cache", "nosuch", "--field", "x");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("gridkeep: compute topk: no cache or SQL table named 'nosuch' (caches: ");
        assertNodeStillServes();
    }

    static Stream<String> commands() {
        return Stream.of("", "node", "node start", "kv", "kv put", "kv get", "kv remove", "sql", "cluster", "cluster status",
            "cluster activate", "load", "compute", "compute wordcount", "compute aggregate", "compute topk");
    }

    @ParameterizedTest(name = "gridkeep {0} --help")
    @MethodSource("commands")
    void everyCommandHasHelp(String command) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : Arrays.asList(command.split(" ")));
        args.add("--help");
        CommandResult r = DIST.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).startsWith("Usage: gridkeep" + (command.isEmpty() ? "" : " " + command));
    }
}
