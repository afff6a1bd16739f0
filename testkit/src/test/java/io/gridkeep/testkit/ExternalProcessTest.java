package io.gridkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalProcessTest {
    @TempDir
    Path dir;

    private ExternalProcess shell(String script) {
        return ExternalProcess.start("sh", List.of("sh", "-c", script), Map.of("GREETING", "hello"), dir.resolve("out.log"));
    }

    @Test
    void awaitsALineAndKeepsTheOutputInItsLogFile() {
        try (ExternalProcess p = shell("echo \"$GREETING port=4242\"; sleep 30")) {
            assertThat(p.awaitOutput("port=(\\d+)", Duration.ofSeconds(10)).group(1)).isEqualTo("4242");
            assertThat(p.output()).isEqualTo("hello port=4242\n");
        }
    }

    @Test
    void killEndsTheProcessAtOnce() {
        try (ExternalProcess p = shell("trap '' TERM; echo up; sleep 30")) {
            p.awaitOutput("up", Duration.ofSeconds(10));
            p.kill();
            assertThat(p.isAlive()).isFalse();
        }
    }

    @Test
    void terminateLetsTheProcessCleanUpAndReturnsItsExitCode() {
        try (ExternalProcess p = shell("trap 'echo cleaned; exit 3' TERM; echo up; while true; do sleep 0.1; done")) {
            p.awaitOutput("up", Duration.ofSeconds(10));
            assertThat(p.terminate(Duration.ofSeconds(10))).isEqualTo(3);
            assertThat(p.output()).contains("cleaned");
        }
    }

    @Test
    void aProcessThatExitsBeforeTheLineFailsWithItsOutput() {
        try (ExternalProcess p = shell("echo broken config; exit 1")) {
            assertThatThrownBy(() -> p.awaitOutput("ready", Duration.ofSeconds(10)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("exited with 1").hasMessageContaining("broken config");
        }
    }

    @Test
    void aLinePrintedJustBeforeExitingIsFound() {
        try (ExternalProcess p = shell("echo ready now; exit 0")) {
            assertThat(p.awaitOutput("ready (\\w+)", Duration.ofSeconds(10)).group(1)).isEqualTo("now");
        }
    }

    @Test
    void aLineThatNeverComesFailsAfterTheTimeoutWithTheOutput() {
        try (ExternalProcess p = shell("echo still starting; sleep 30")) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> p.awaitOutput("ready", Duration.ofMillis(500)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not print /ready/ within PT0.5S").hasMessageContaining("still starting");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            assertThat(p.isAlive()).isTrue();
        }
    }
}
