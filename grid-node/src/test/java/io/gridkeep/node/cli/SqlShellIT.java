package io.gridkeep.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.node.Distribution;
import io.gridkeep.testkit.CommandResult;
import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestJvmOptions;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code gridkeep sql} on a terminal (a pseudo-terminal driven by {@code sql-shell-on-a-terminal.py}, as keys
 * typed by a user): Ctrl-C during a running statement gives the prompt back and the shell stays open, the Up
 * arrow recalls the last statement, Ctrl-C at the prompt drops the line typed so far, and the history is kept.
 */
@ExtendWith(TestDirs.Extension.class)
class SqlShellIT {
    private static final Distribution DIST = Distribution.built();
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** What the driver types first: still running when Ctrl-C comes 2 s later, and over some seconds after (see below). */
    private static final String LONG_STATEMENT = "SELECT COUNT(*) FROM TABLE(SYSTEM_RANGE(1, 400000000))";

    private static ExternalProcess node;
    private static NodeSlot slot;

    @BeforeAll
    static void startNode(TestDirs dirs) {
        assertThat(PYTHON).as("the pseudo-terminal driver needs Debian's python3 (run-tests installs it)").isExecutable();
        slot = NodeSlot.forCluster("shell", 1).get(0);
        node = DIST.startNode("shell-node", dirs.logs(), Distribution.nodeStartArgs(slot, dirs.work("node")), Map.of());
    }

    @AfterAll
    static void stopNode() {
        if (node != null)
            node.close();
    }

    @Test
    void ctrlCCancelsTheRunningStatementAndTheShellGoesOnWithHistory(TestDirs dirs) throws Exception {
        Path history = dirs.work("home").resolve("sql_history");
        CommandResult r = CommandResult.run(List.of(PYTHON.toString(), driver().toString(), DIST.script().toString(), "sql",
                "--host", slot.clientAddress()),
            Map.of("GRIDKEEP_SQL_HISTORY", history.toString(), "GRIDKEEP_JAVA_OPTS", TestJvmOptions.quickStartLine()), null, null,
            Duration.ofSeconds(240));
        String session = r.stdout();

        assertThat(r.exitCode()).as(r.toString()).isZero();
        // Calcite does not act on the driver's cancel request: the shell stops waiting and reconnects, and says so.
        assertThat(session).contains("gridkeep: sql: stopped waiting: the statement did not stop on cancel")
            .contains("(statement: " + LONG_STATEMENT + ")");
        Matcher took = Pattern.compile("cancel-took-ms (\\d+)").matcher(session);
        assertThat(took.find()).isTrue();
        System.out.println("sql shell: Ctrl-C gave the prompt back " + took.group(1) + " ms into a running statement");
        // Run once as typed and once more from the Up arrow.
        assertThat(Pattern.compile("\\| 42 \\|").matcher(session).results().count()).isEqualTo(2);
        assertThat(session).doesNotContain("| half-typed |");
        // The shell ended on 'quit' with 1: one statement of the session failed (the cancelled one).
        assertThat(session).contains("exit 1");
        assertThat(Files.readString(history))
            .contains(LONG_STATEMENT + ";").contains("SELECT 40 + 2 AS X;");
    }

    private static Path driver() throws URISyntaxException {
        return Path.of(SqlShellIT.class.getResource("/sql-shell-on-a-terminal.py").toURI());
    }
}
