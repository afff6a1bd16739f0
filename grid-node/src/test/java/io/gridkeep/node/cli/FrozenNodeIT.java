package io.gridkeep.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.node.Distribution;
import io.gridkeep.testkit.CommandResult;
import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A node that accepts connections but answers nothing (SIGSTOP, as in a long GC pause or a hung host): every
 * command that connects gives up after {@code --timeout-ms} with exit 1 and one line, instead of hanging.
 */
@ExtendWith(TestDirs.Extension.class)
class FrozenNodeIT {
    private static final Distribution DIST = Distribution.built();
    private static final int TIMEOUT_MS = 2000;

    private static ExternalProcess node;
    private static NodeSlot slot;
    private static Path csv;

    @BeforeAll
    static void startNode(TestDirs dirs) throws IOException {
        slot = NodeSlot.forCluster("frozen", 1).get(0);
        node = DIST.startNode("frozen-node", dirs.logs(), Distribution.nodeStartArgs(slot, dirs.work("node")), Map.of());
        CommandResult table = DIST.run("sql", "--host", slot.clientAddress(), "-e", "CREATE TABLE frozen (id INT PRIMARY KEY, v VARCHAR)");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        csv = Files.writeString(dirs.work("csv").resolve("rows.csv"), "id,v\n1,one\n");
    }

    @AfterEach
    void thaw() {
        node.thaw();
    }

    @AfterAll
    static void stopNode() {
        if (node != null)
            node.close();
    }

    static Stream<List<String>> commandsThatConnect() {
        return Stream.of(
            List.of("sql", "-e", "SELECT 1"),
            List.of("kv", "get", "kv", "k"),
            List.of("cluster", "status"),
            List.of("store", "status"),
            List.of("load", "CSV", "--table", "frozen"));
    }

    @ParameterizedTest(name = "gridkeep {0}")
    @MethodSource("commandsThatConnect")
    void aCommandAgainstAFrozenNodeEndsAfterItsTimeoutWithOneLine(List<String> command) {
        node.freeze();
        List<String> args = new ArrayList<>();
        for (String a : command)
            args.add(a.equals("CSV") ? csv.toString() : a);
        args.addAll(List.of("--host", slot.clientAddress(), "--timeout-ms", Integer.toString(TIMEOUT_MS)));

        long t0 = System.nanoTime();
        CommandResult r = DIST.run(args.toArray(String[]::new));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        System.out.println("gridkeep " + String.join(" ", command) + " against a frozen node: exit " + r.exitCode() + " after "
            + took.toMillis() + " ms: " + r.stderr().strip());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.stderr()).startsWith("gridkeep: " + command.get(0))
            .contains("no answer within " + TIMEOUT_MS + " ms (--timeout-ms)").contains(slot.clientAddress());
        // The JVM start and the command's own connection attempts come on top of the timeout; a hang would take 120 s.
        assertThat(took).isLessThan(Duration.ofSeconds(45));
    }
}
