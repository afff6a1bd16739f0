package io.gridkeep.node.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads Prometheus text format, enough to pick a few figures out of a node's {@code /metrics}. */
public final class MetricsText {
    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private MetricsText(List<Sample> samples) {
        this.samples = samples;
    }

    /** Every sample, in the order of the text. */
    public List<Sample> samples() {
        return samples;
    }

    public static MetricsText parse(String body) {
        List<Sample> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty() || line.startsWith("#"))
                continue;
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0)
                continue;
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                int close = line.lastIndexOf('}', space);
                parseLabels(line.substring(brace + 1, close), labels);
            }
            else
                name = line.substring(0, space).trim();
            try {
                out.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1).trim())));
            }
            catch (NumberFormatException e) {
                // A timestamp or a value we do not need: skip the line.
            }
        }
        return new MetricsText(out);
    }

    private static void parseLabels(String s, Map<String, String> labels) {
        int i = 0;
        while (i < s.length()) {
            int eq = s.indexOf('=', i);
            if (eq < 0 || eq + 1 >= s.length() || s.charAt(eq + 1) != '"')
                return;
            StringBuilder v = new StringBuilder();
            int j = eq + 2;
            while (j < s.length() && s.charAt(j) != '"') {
                if (s.charAt(j) == '\\' && j + 1 < s.length())
                    j++;
                v.append(s.charAt(j++));
            }
            labels.put(s.substring(i, eq).trim(), v.toString());
            i = j + 1;
            while (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == ' '))
                i++;
        }
    }

    /** The sum of every sample named {@code name} whose labels pass {@code filter}; NaN when there is none. */
    public double sum(String name, Predicate<Map<String, String>> filter) {
        double sum = 0;
        boolean any = false;
        for (Sample s : samples) {
            if (s.name().equals(name) && filter.test(s.labels())) {
                sum += s.value();
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }

    /** The sum of every sample named {@code name}. */
    public double sum(String name) {
        return sum(name, l -> true);
    }

    /** The value of label {@code label} on the first sample named {@code name} whose value is 1, or null. */
    public String labelWhereOne(String name, String label) {
        for (Sample s : samples) {
            if (s.name().equals(name) && s.value() == 1.0)
                return s.labels().get(label);
        }
        return null;
    }
}
