package io.gridkeep.benchmarks;

import java.util.List;

/** What the benchmarks report of repeated rounds. */
final class Stats {
    private Stats() {
    }

    /** The median (the mean of the middle two for an even count). */
    static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
