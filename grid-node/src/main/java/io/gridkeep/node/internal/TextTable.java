package io.gridkeep.node.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain left-aligned text table for status output. */
public final class TextTable {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = header;
    }

    public TextTable row(String... cells) {
        if (cells.length != header.length)
            throw new IllegalArgumentException("expected " + header.length + " cells, got " + cells.length);
        rows.add(cells);
        return this;
    }

    public void print(PrintWriter out) {
        int[] w = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            w[c] = header[c].length();
            for (String[] r : rows)
                w[c] = Math.max(w[c], r[c].length());
        }
        printRow(out, header, w);
        for (String[] r : rows)
            printRow(out, r, w);
    }

    private static void printRow(PrintWriter out, String[] cells, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            sb.append(cells[c]);
            if (c < cells.length - 1)
                sb.append(" ".repeat(w[c] - cells[c].length() + 2));
        }
        out.println(sb.toString().stripTrailing());
    }
}
