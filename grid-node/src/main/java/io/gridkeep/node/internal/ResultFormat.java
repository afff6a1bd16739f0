package io.gridkeep.node.internal;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/** Prints a JDBC result set as an aligned table, CSV (RFC 4180) or JSON. */
public enum ResultFormat {
    TABLE, CSV, JSON;

    /** A cursor over rows, whether they come from JDBC or from a compute result. */
    private interface Rows {
        boolean next() throws SQLException;

        /** Column {@code c}, 0-based, of the current row. */
        Object get(int c) throws SQLException;
    }

    /** Writes every row of {@code rs}; returns the row count. */
    public long print(ResultSet rs, PrintWriter out) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int cols = md.getColumnCount();
        List<String> names = new ArrayList<>(cols);
        boolean[] numeric = new boolean[cols];
        int[] types = new int[cols];
        for (int c = 1; c <= cols; c++) {
            names.add(md.getColumnLabel(c));
            types[c - 1] = md.getColumnType(c);
            numeric[c - 1] = isNumeric(types[c - 1]);
        }
        return print(names, numeric, new Rows() {
            @Override
            public boolean next() throws SQLException {
                return rs.next();
            }

            @Override
            public Object get(int c) throws SQLException {
                return value(rs, c + 1, types[c]);
            }
        }, out);
    }

    /** Writes rows held in memory; a column is numeric when every non-null value in it is a number. */
    public long print(List<String> names, List<Object[]> rows, PrintWriter out) {
        boolean[] numeric = new boolean[names.size()];
        for (int c = 0; c < names.size(); c++) {
            int col = c;
            numeric[c] = rows.stream().allMatch(r -> r[col] == null || r[col] instanceof Number);
        }
        Iterator<Object[]> it = rows.iterator();
        Object[][] current = new Object[1][];
        try {
            return print(names, numeric, new Rows() {
                @Override
                public boolean next() {
                    current[0] = it.hasNext() ? it.next() : null;
                    return current[0] != null;
                }

                @Override
                public Object get(int c) {
                    return current[0][c];
                }
            }, out);
        }
        catch (SQLException e) {
            throw new IllegalStateException("in-memory rows cannot fail", e);
        }
    }

    private long print(List<String> names, boolean[] numeric, Rows rs, PrintWriter out) throws SQLException {
        return switch (this) {
            case TABLE -> table(rs, names, numeric, out);
            case CSV -> csv(rs, names, out);
            case JSON -> json(rs, names, numeric, out);
        };
    }

    private static long table(Rows rs, List<String> names, boolean[] numeric, PrintWriter out) throws SQLException {
        int cols = names.size();
        List<String[]> rows = new ArrayList<>();
        int[] width = new int[cols];
        for (int c = 0; c < cols; c++)
            width[c] = names.get(c).length();
        while (rs.next()) {
            String[] row = new String[cols];
            for (int c = 0; c < cols; c++) {
                Object v = rs.get(c);
                row[c] = v == null ? "NULL" : text(v);
                width[c] = Math.max(width[c], row[c].length());
            }
            rows.add(row);
        }
        String border = border(width);
        out.println(border);
        out.println(line(names.toArray(String[]::new), width, new boolean[cols]));
        out.println(border);
        for (String[] row : rows)
            out.println(line(row, width, numeric));
        out.println(border);
        out.println(rows.size() + (rows.size() == 1 ? " row" : " rows"));
        return rows.size();
    }

    private static String border(int[] width) {
        StringBuilder sb = new StringBuilder("+");
        for (int w : width)
            sb.append("-".repeat(w + 2)).append('+');
        return sb.toString();
    }

    private static String line(String[] cells, int[] width, boolean[] right) {
        StringBuilder sb = new StringBuilder("|");
        for (int c = 0; c < cells.length; c++) {
            String pad = " ".repeat(width[c] - cells[c].length());
            sb.append(' ').append(right[c] ? pad + cells[c] : cells[c] + pad).append(" |");
        }
        return sb.toString();
    }

    private static long csv(Rows rs, List<String> names, PrintWriter out) throws SQLException {
        out.println(String.join(",", names.stream().map(ResultFormat::csvField).toList()));
        long n = 0;
        while (rs.next()) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < names.size(); c++) {
                if (c > 0)
                    sb.append(',');
                Object v = rs.get(c);
                if (v != null)
                    sb.append(csvField(text(v)));
            }
            out.println(sb);
            n++;
        }
        return n;
    }

    /** Dates and times by their SQL type: an engine may hand back a java.util.Date whose toString is not ISO. */
    private static Object value(ResultSet rs, int col, int sqlType) throws SQLException {
        return switch (sqlType) {
            case Types.DATE -> rs.getDate(col);
            case Types.TIME -> rs.getTime(col);
            case Types.TIMESTAMP -> rs.getTimestamp(col);
            default -> rs.getObject(col);
        };
    }

    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0)
            return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static long json(Rows rs, List<String> names, boolean[] numeric, PrintWriter out) throws SQLException {
        out.print('[');
        long n = 0;
        while (rs.next()) {
            out.print(n == 0 ? "\n  {" : ",\n  {");
            for (int c = 0; c < names.size(); c++) {
                if (c > 0)
                    out.print(", ");
                out.print(jsonString(names.get(c)));
                out.print(": ");
                Object v = rs.get(c);
                if (v == null)
                    out.print("null");
                else if (v instanceof Boolean || (numeric[c] && v instanceof Number && isFinite((Number)v)))
                    out.print(text(v));
                else
                    out.print(jsonString(text(v)));
            }
            out.print('}');
            n++;
        }
        out.println(n == 0 ? "]" : "\n]");
        return n;
    }

    private static boolean isFinite(Number v) {
        return !(v instanceof Double d && !Double.isFinite(d)) && !(v instanceof Float f && !Float.isFinite(f));
    }

    static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20)
                        sb.append(String.format("\\u%04x", (int)ch));
                    else
                        sb.append(ch);
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String text(Object v) {
        if (v instanceof BigDecimal bd)
            return bd.toPlainString();
        if (v instanceof byte[] b)
            return HexFormat.of().formatHex(b);
        return v.toString();
    }

    private static boolean isNumeric(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT,
                Types.FLOAT, Types.REAL, Types.DOUBLE, Types.DECIMAL,
                Types.NUMERIC -> true;
            default -> false;
        };
    }
}
