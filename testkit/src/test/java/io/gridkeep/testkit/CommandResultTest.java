package io.gridkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandResultTest {
    @Test
    void keepsExitCodeStdoutAndStderrApartAndFeedsStdin() {
        CommandResult r = CommandResult.run(List.of("sh", "-c", "read x; echo out:$x; echo err >&2; exit 4"),
            Map.of(), null, "in\n", Duration.ofSeconds(10));
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.stdout()).isEqualTo("out:in\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }
}
