package io.gridkeep.benchmarks;

import java.util.List;

/** What the benchmarks report of repeated rounds and samples. */
final class Stats {
    private Stats() {
    }

    /** The median (the mean of the middle two for an even count). */
    static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** The {@code p}-th percentile by nearest rank: the smallest sample that at least {@code p}% of the samples do not exceed. */
    static double percentile(List<Double> v, double p) {
        List<Double> s = v.stream().sorted().toList();
        return s.get(Math.max(0, Math.min(s.size() - 1, (int)Math.ceil(p / 100.0 * s.size()) - 1)));
    }

    /** {@code amount} per second since {@code startNanos} (a {@link System#nanoTime()}), taken now. */
    static double perSecond(double amount, long startNanos) {
        return amount / ((System.nanoTime() - startNanos) / 1e9);
    }
}
