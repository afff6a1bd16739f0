package io.gridkeep.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void rendersPercentRowsRateAndEta() {
        ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), 1000, true, 0);
        // Half the bytes in 10 s: 10 s to go.
        assertThat(bar.render(500, 20_000, 10_000))
            .isEqualTo("[===============               ]  50%  20,000 rows  2,000 rows/s  ETA 10s");
    }

    @Test
    void staysQuietDuringTheQuietPeriod() {
        StringWriter sw = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(sw), 1000, false, 60_000);
        bar.update(999, 10);
        bar.finish();
        assertThat(sw.toString()).isEmpty();
    }

    @Test
    void printsWholeLinesWhenNotOnATerminal() {
        StringWriter sw = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(sw), 1000, false, 0);
        bar.update(250, 10);
        assertThat(sw.toString()).startsWith("[=======").endsWith("\n").doesNotContain("\r");
    }

    @Test
    void formatsLongEtasInMinutes() {
        assertThat(ProgressBar.formatSeconds(125)).isEqualTo("2m05s");
    }
}
