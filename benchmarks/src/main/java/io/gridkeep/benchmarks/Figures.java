package io.gridkeep.benchmarks;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a benchmark prints, and the only place that prints it: one {@code name value unit} line per figure as
 * it is measured, then the ratios ({@code name value}) in the order they were registered, the benchmark's own
 * ratio, the one its issue named, last. Scripts and the docs read the last line, so it is always that ratio; a
 * benchmark whose issue named a verdict instead (counts that must be 0, say) prints that line last
 * ({@link #verdict}).
 *
 * <p>Numbers: ratios with three decimals; counts as integers; other values with three significant digits
 * and no decimals from 100 on ({@code 163016 ops/s}, {@code 45.3 MB/s}, {@code 0.512 ms}).
 */
final class Figures {
    /** Names are what a script greps for: lower case, digits and underscores. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** The suffix every ratio has and no other figure has. */
    static final String RATIO_SUFFIX = "_ratio";

    private final PrintWriter out;

    private final String lastRatio;

    private final Map<String, Double> ratios = new LinkedHashMap<>();

    private boolean finished;

    private String verdict;

    /**
     * @param out where the lines go: the real standard output
     * @param lastRatio the ratio printed last, the one the benchmark's issue named; null for a benchmark that
     *     ends with a {@link #verdict}
     */
    Figures(PrintWriter out, String lastRatio) {
        this.out = out;
        this.lastRatio = lastRatio == null ? null : checkRatioName(lastRatio);
    }

    /**
     * The last line, for a benchmark built without a last ratio: its issue's verdict, {@code name value} pairs
     * ({@code soak_missing 0 soak_stale 0}).
     */
    void verdict(String line) {
        if (lastRatio != null)
            throw new IllegalStateException("this benchmark ends with ratio " + lastRatio + ", not a verdict");
        String[] words = line.split(" ");
        if (words.length % 2 != 0)
            throw new IllegalArgumentException("verdict '" + line + "' is not name value pairs");
        for (int i = 0; i < words.length; i += 2)
            checkName(words[i]);
        verdict = line;
    }

    /** Prints {@code name value unit} now. */
    void figure(String name, double value, String unit) {
        line(checkFigureName(name) + " " + format(value) + " " + checkUnit(unit));
    }

    /** Prints {@code name count unit} now, the count as an integer (entries, bytes, settings). */
    void count(String name, long value, String unit) {
        line(checkFigureName(name) + " " + value + " " + checkUnit(unit));
    }

    /** Registers a ratio, printed by {@link #printRatios()}. */
    void ratio(String name, double value) {
        checkRatioName(name);
        if (finished)
            throw new IllegalStateException("ratio " + name + " registered after the ratios were printed");
        if (ratios.putIfAbsent(name, value) != null)
            throw new IllegalArgumentException("ratio " + name + " registered twice");
    }

    /** Prints the ratios in the order registered, the named one last; fails when it was not registered. */
    void printRatios() {
        if (lastRatio == null) {
            if (verdict == null)
                throw new IllegalStateException("the benchmark did not give its verdict");
            finished = true;
            ratios.forEach((name, value) -> line(name + " " + formatRatio(value)));
            line(verdict);
            return;
        }
        if (!ratios.containsKey(lastRatio))
            throw new IllegalStateException("the benchmark did not measure its ratio " + lastRatio + " (it has: " + ratios.keySet() + ")");
        finished = true;
        ratios.forEach((name, value) -> {
            if (!name.equals(lastRatio))
                line(name + " " + formatRatio(value));
        });
        line(lastRatio + " " + formatRatio(ratios.get(lastRatio)));
    }

    /** A value other than a ratio or a count: three significant digits, whole numbers from 100 on. */
    static String format(double v) {
        double a = Math.abs(v);
        String f = a >= 100 || a == 0 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, f, v);
    }

    static String formatRatio(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private void line(String s) {
        out.println(s);
        // Figures are read while a benchmark still runs (and a later failure must not swallow them).
        out.flush();
    }

    private static String checkFigureName(String name) {
        checkName(name);
        if (name.endsWith(RATIO_SUFFIX))
            throw new IllegalArgumentException("figure " + name + " is named as a ratio; register it with ratio()");
        return name;
    }

    private static String checkRatioName(String name) {
        checkName(name);
        if (!name.endsWith(RATIO_SUFFIX))
            throw new IllegalArgumentException("ratio " + name + " does not end in " + RATIO_SUFFIX);
        return name;
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches())
            throw new IllegalArgumentException("figure name '" + name + "' is not lower case letters, digits and underscores");
    }

    private static String checkUnit(String unit) {
        if (unit == null || unit.isBlank() || unit.chars().anyMatch(Character::isWhitespace))
            throw new IllegalArgumentException("unit '" + unit + "' is empty or has white space");
        return unit;
    }
}
