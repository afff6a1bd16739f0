package io.gridkeep.observability.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.testkit.CommandResult;
import io.gridkeep.testkit.DebianTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped alert rules, checked and unit-tested by Prometheus's own promtool. */
class AlertRulesTest {
    private static final Path RULES_DIR = Path.of("prometheus").toAbsolutePath();

    private static CommandResult promtool(String... args) {
        List<String> cmd = new ArrayList<>(List.of(DebianTools.require("promtool", "prometheus").toString()));
        cmd.addAll(List.of(args));
        return CommandResult.run(cmd, Map.of(), RULES_DIR, null, Duration.ofMinutes(2));
    }

    @Test
    void rulesAreValid() {
        CommandResult r = promtool("check", "rules", "alerts.yml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("SUCCESS: 8 rules found");
    }

    @Test
    void everyAlertPassesItsUnitTest() {
        CommandResult r = promtool("test", "rules", "alerts_test.yml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasAUnitTest() throws Exception {
        String rules = Files.readString(RULES_DIR.resolve("alerts.yml"));
        String tests = Files.readString(RULES_DIR.resolve("alerts_test.yml"));
        var m = Pattern.compile("(?m)^\\s+- alert: (\\S+)").matcher(rules);
        int n = 0;
        while (m.find()) {
            n++;
            assertThat(tests).as("a test for %s", m.group(1)).contains("alertname: " + m.group(1));
        }
        assertThat(n).isEqualTo(8);
    }
}
