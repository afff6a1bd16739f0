package io.gridkeep.benchmarks;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lines every benchmark prints: {@code name value unit} as measured, ratios after them, the named ratio last. */
class FiguresTest {
    private final StringWriter buf = new StringWriter();

    private final Figures figures = new Figures(new PrintWriter(buf), "gridkeep_vs_plain_ignite_ratio");

    @Test
    void figuresArePrintedAsMeasuredAndRatiosLastWithTheNamedOneLast() {
        figures.figure("kv_put_sync_t1_gridkeep", 6970.4, "ops/s");
        figures.ratio("gridkeep_vs_plain_ignite_ratio", 0.9921);
        figures.ratio("kv_put_sync_t1_gridkeep_vs_plain_ratio", 0.955);
        assertThat(lines()).containsExactly("kv_put_sync_t1_gridkeep 6970 ops/s");

        figures.count("kv_entries", 100_000, "entries");
        figures.ratio("kv_get_sync_t1_gridkeep_vs_plain_ratio", 1.18349);
        figures.printRatios();

        assertThat(lines()).containsExactly(
            "kv_put_sync_t1_gridkeep 6970 ops/s",
            "kv_entries 100000 entries",
            "kv_put_sync_t1_gridkeep_vs_plain_ratio 0.955",
            "kv_get_sync_t1_gridkeep_vs_plain_ratio 1.183",
            "gridkeep_vs_plain_ignite_ratio 0.992");
    }

    @Test
    void valuesHaveThreeSignificantDigitsAndNoDecimalsFromOneHundredOn() {
        assertThat(Figures.format(163016.4)).isEqualTo("163016");
        assertThat(Figures.format(100)).isEqualTo("100");
        assertThat(Figures.format(45.34)).isEqualTo("45.3");
        assertThat(Figures.format(4.567)).isEqualTo("4.57");
        assertThat(Figures.format(0.5123)).isEqualTo("0.512");
        assertThat(Figures.format(0)).isEqualTo("0");
        assertThat(Figures.formatRatio(5.35)).isEqualTo("5.350");
        // Locale.ROOT: a decimal point on every machine.
        assertThat(Figures.formatRatio(1.0 / 3)).isEqualTo("0.333");
    }

    @Test
    void aBenchmarkThatDidNotMeasureItsRatioFails() {
        figures.ratio("kv_put_sync_t1_gridkeep_vs_plain_ratio", 0.955);

        assertThatThrownBy(figures::printRatios).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("gridkeep_vs_plain_ignite_ratio");
        assertThat(lines()).isEmpty();
    }

    @Test
    void ratiosAndFiguresAreNamedApart() {
        assertThatThrownBy(() -> figures.figure("scrape_ratio", 1, "ms")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> figures.ratio("scrape_ms", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Figures(new PrintWriter(buf), "overhead")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> figures.figure("Scrape ms", 1, "ms")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> figures.figure("scrape_ms", 1, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> figures.figure("scrape_ms", 1, "m s")).isInstanceOf(IllegalArgumentException.class);
        figures.ratio("a_ratio", 1);
        assertThatThrownBy(() -> figures.ratio("a_ratio", 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(lines()).isEmpty();
    }

    @Test
    void noRatioAfterTheRatiosWerePrinted() {
        figures.ratio("gridkeep_vs_plain_ignite_ratio", 1);
        figures.printRatios();

        assertThatThrownBy(() -> figures.ratio("late_ratio", 1)).isInstanceOf(IllegalStateException.class);
        assertThat(lines()).containsExactly("gridkeep_vs_plain_ignite_ratio 1.000");
    }

    private List<String> lines() {
        return buf.toString().lines().toList();
    }

    @Test
    void aBenchmarkWithAVerdictPrintsItLastAfterItsRatios() {
        Figures soak = new Figures(new PrintWriter(buf), null);
        soak.count("soak_updates", 12, "updates");
        soak.ratio("soak_replayed_per_update_ratio", 0.25);
        soak.verdict("soak_missing 0 soak_stale 0 soak_resurrected 0");
        soak.printRatios();
        assertThat(lines()).containsExactly("soak_updates 12 updates", "soak_replayed_per_update_ratio 0.250",
            "soak_missing 0 soak_stale 0 soak_resurrected 0");
    }

    @Test
    void aBenchmarkThatNeverGaveItsVerdictFails() {
        Figures soak = new Figures(new PrintWriter(buf), null);
        assertThatThrownBy(soak::printRatios).hasMessageContaining("verdict");
    }
}
