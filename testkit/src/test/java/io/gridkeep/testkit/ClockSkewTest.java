package io.gridkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClockSkewTest {
    @TempDir
    Path dir;

    private long wallClockOf(ClockSkew skew) {
        try (ExternalProcess p = ExternalProcess.start("date", List.of("date", "+%s"), skew.environment(), dir.resolve("date.log"))) {
            assertThat(p.waitFor(Duration.ofSeconds(10))).isZero();
            return Long.parseLong(p.output().trim());
        }
    }

    @Test
    void aProcessUnderSkewSeesItsWallClockOffByTheSkew() {
        long now = System.currentTimeMillis() / 1000;
        assertThat(wallClockOf(ClockSkew.of(Duration.ofMinutes(-5))) - now).isBetween(-305L, -295L);
        assertThat(wallClockOf(ClockSkew.of(Duration.ofMinutes(5))) - now).isBetween(295L, 305L);
    }
}
