package io.gridkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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

    @Test
    void timedWaitsUnderSkewStillWaitTheirTime() throws Exception {
        Path src = dir.resolve("Waits.java");
        Files.writeString(src, "public class Waits { public static void main(String[] a) throws Exception {"
            + " Object o = new Object(); long t = System.nanoTime();"
            + " for (int i = 0; i < 5; i++) synchronized (o) { o.wait(100); }"
            + " System.out.println((System.nanoTime() - t) / 1000000); } }");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (ExternalProcess p = ExternalProcess.start("waits", List.of(java, src.toString()),
            ClockSkew.of(Duration.ofMinutes(-5)).environment(), dir.resolve("waits.log"))) {
            assertThat(p.waitFor(Duration.ofSeconds(60))).isZero();
            assertThat(Long.parseLong(p.output().trim())).as("ms that 5 waits of 100 ms took").isBetween(450L, 5000L);
        }
    }
}
