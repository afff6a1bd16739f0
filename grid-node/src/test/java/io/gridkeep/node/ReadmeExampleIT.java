package io.gridkeep.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.testkit.CommandResult;
import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.JavaProcesses;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestDirs;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Java example of "Compute next to your data" ({@code docs/compute.md}, linked from the README), compiled and run
 * as a user would paste it.
 */
@ExtendWith(TestDirs.Extension.class)
class ReadmeExampleIT {
    // The node only has to run while the body talks to it: it is a resource for its close, never referenced.
    @SuppressWarnings("try")
    @Test
    void theComputeExampleCompilesRunsAndPrintsWhatTheDocsSay(TestDirs dirs) throws Exception {
        Path dir = dirs.work();
        Path doc = Path.of(System.getProperty("gridkeep.root", ".."), "docs", "compute.md").toAbsolutePath().normalize();
        assertThat(doc).as("the compute page, whose example this test runs").isRegularFile();
        String page = Files.readString(doc);
        // The first java block after the page's title: the example the page says this test compiles and runs.
        Matcher m = Pattern.compile("^# Compute next to your data$.*?^```java\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE)
            .matcher(page);
        assertThat(m.find()).as("a java block after '# Compute next to your data' in " + doc).isTrue();
        Path src = dir.resolve("CitiesByCountry.java");
        Files.writeString(src, m.group(1));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null,
            "-cp", System.getProperty("java.class.path"), "-d", classes.toString(), src.toString());
        assertThat(rc).as("javac exit code for the example of " + doc).isZero();

        Distribution dist = Distribution.built();
        NodeSlot slot = NodeSlot.forCluster("readme", 1).get(0);
        try (ExternalProcess node = dist.startNode("readme-node", dirs.logs(), Distribution.nodeStartArgs(slot, dir.resolve("work")),
            Map.of())) {
            CommandResult ddl = dist.run("sql", "--host", slot.clientAddress(), "-e",
                "CREATE TABLE city (id INT PRIMARY KEY, name VARCHAR, country VARCHAR, population BIGINT); "
                    + "INSERT INTO city VALUES (1, 'Oslo', 'NO', 709000), (2, 'Bergen', 'NO', 291000), (3, 'Lyon', 'FR', 522000)");
            assertThat(ddl.exitCode()).as(ddl.toString()).isZero();

            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + JavaProcesses.addOpensFile(), "-Djava.net.preferIPv4Stack=true", "-DIGNITE_QUIET=true", "-DIGNITE_NO_ASCII=true",
                "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"), "CitiesByCountry");
            CommandResult run = CommandResult.run(cmd, Map.of("GRIDKEEP_DISCOVERY_ADDRESSES", "127.0.0.1:" + slot.discoveryPort()),
                dir, null, Duration.ofMinutes(2));

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.stdout()).containsPattern("(?m)^key 1: Oslo, servers: 1, least loaded: \\S+$")
                .contains("people by country: {FR=522000, NO=1000000}\n").contains("\n42\n");
        }
    }
}
