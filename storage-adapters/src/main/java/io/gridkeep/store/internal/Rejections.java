package io.gridkeep.store.internal;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.ignite.IgniteLogger;

/**
 * What a store does with a stored value its allow-list rejected while loading: counts it (the
 * {@code RejectedValues} metric), logs it at WARN with the cache, where it was and the class, and
 * lets the load go on. One instance per {@code loadCache}: past {@link #DETAILED} warnings it logs
 * only a summary at the end, so that a table full of rejected values cannot flood the log.
 */
public final class Rejections {
    /** Warnings logged one by one per load; the rest are counted and summed up by {@link #finish}. */
    public static final int DETAILED = 100;

    private static final int MAX_PRINTED = 200;

    private final String source;
    private final LongAdder metric;
    private final IgniteLogger log;
    private final AtomicLong count = new AtomicLong();

    /**
     * @param source {@code "cassandra store of cache orders"}
     * @param metric the store's {@code RejectedValues} counter
     */
    public Rejections(String source, LongAdder metric, IgniteLogger log) {
        this.source = source;
        this.metric = metric;
        this.log = log;
    }

    /** Counts and logs one skipped entry; {@code what} says which ({@code "the value of key 7"}, {@code "a record at ..."}). */
    public void skipped(String what, RejectedClassException e) {
        metric.increment();
        long n = count.incrementAndGet();
        if (n <= DETAILED)
            log.warning("gridkeep: " + source + ": skipped " + what + ": " + e.getMessage() + "; the rest loads"
                + (n == DETAILED ? " (further rejections are only counted, see the metric RejectedValues)" : ""));
    }

    /** Entries skipped so far by this load. */
    public long count() {
        return count.get();
    }

    /** Logs how many were skipped in all, when more than were logged one by one. */
    public void finish() {
        long n = count.get();
        if (n > DETAILED)
            log.warning("gridkeep: " + source + ": skipped " + n + " entries in all whose stored bytes the allow-list rejected");
    }

    /**
     * {@code o} as text fit for one log line: control characters escaped, at most 200 characters (a
     * key or a class name read from a backend is whatever its writer put there).
     */
    public static String printable(Object o) {
        String s = String.valueOf(o);
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_PRINTED) + 8);
        int i = 0;
        for (; i < s.length() && b.length() < MAX_PRINTED; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f)
                b.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
            else
                b.append(c);
        }
        if (i < s.length())
            b.append("...");
        return b.toString();
    }
}
