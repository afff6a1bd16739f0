package io.gridkeep.node.internal;

import java.io.PrintWriter;

/**
 * A progress line for long work: percent done, rows, rows/s and ETA. It stays silent for the
 * first {@code quietMillis} so that short work prints nothing; on a terminal it redraws one
 * line, elsewhere it prints a line every few seconds.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final long total;
    private final boolean terminal;
    private final long quietMillis;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    public ProgressBar(PrintWriter out, long total, boolean terminal, long quietMillis) {
        this.out = out;
        this.total = total;
        this.terminal = terminal;
        this.quietMillis = quietMillis;
    }

    /** Reports progress; cheap to call often. */
    public void update(long done, long rows) {
        long now = System.nanoTime();
        long elapsedMs = (now - start) / 1_000_000;
        if (elapsedMs < quietMillis)
            return;
        long every = terminal ? 200 : 5000;
        if (drawn && (now - lastDraw) / 1_000_000 < every)
            return;
        lastDraw = now;
        drawn = true;
        String line = render(done, rows, elapsedMs);
        if (terminal)
            out.print("\r" + line);
        else
            out.println(line);
        out.flush();
    }

    /** Ends the progress line, if one was drawn. */
    public void finish() {
        if (drawn && terminal) {
            out.println();
            out.flush();
        }
    }

    String render(long done, long rows, long elapsedMs) {
        double frac = total <= 0 ? 0 : Math.min(1.0, (double)done / total);
        int filled = (int)(frac * WIDTH);
        double secs = Math.max(elapsedMs, 1) / 1000.0;
        long rate = Math.round(rows / secs);
        String eta = frac <= 0 ? "?" : formatSeconds(secs / frac - secs);
        return String.format("[%s%s] %3d%%  %,d rows  %,d rows/s  ETA %s",
            "=".repeat(filled), " ".repeat(WIDTH - filled), Math.round(frac * 100), rows, rate, eta);
    }

    static String formatSeconds(double s) {
        long t = Math.round(s);
        return t >= 60 ? String.format("%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
