package io.gridkeep.node.cli;

import io.gridkeep.node.GridKeepException;
import io.gridkeep.node.internal.ColumnParser;
import io.gridkeep.node.internal.CsvReader;
import io.gridkeep.node.internal.ProgressBar;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gridkeep load FILE --table T}: bulk-loads a CSV file into a SQL table with batched JDBC inserts. */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Load a CSV file into an existing SQL table, in batches, with a progress bar for long loads.",
        "The first line names the columns (any order, any case) unless --columns is given.",
        "Empty fields load as NULL. Rows already sent stay loaded if a later row is bad."},
    footer = {"", "Example:", "  gridkeep sql -e \"CREATE TABLE city (id INT PRIMARY KEY, name VARCHAR, population BIGINT)\"",
        "  gridkeep load cities.csv --table city"})
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions conn;

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV file (RFC 4180, UTF-8).")
    Path file;

    @Option(names = {"-t", "--table"}, required = true, paramLabel = "TABLE",
        description = "Target table, optionally SCHEMA.TABLE (default schema PUBLIC).")
    String table;

    @Option(names = "--columns", paramLabel = "A,B,...", split = ",", description = "Column names, when FILE has no header line.")
    List<String> columns;

    @Option(names = "--delimiter", defaultValue = ",", paramLabel = "CHAR", description = "Field delimiter (default: '${DEFAULT-VALUE}').")
    char delimiter;

    @Option(names = "--batch-size", defaultValue = "2000", paramLabel = "N",
        description = "Rows per JDBC batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Show progress on standard error for loads over 2 s (default: on).")
    boolean progress;

    @Override
    public Integer call() throws IOException {
        if (batchSize < 1)
            throw new UsageException("load", "--batch-size must be at least 1", "--batch-size " + batchSize);
        if (!Files.isRegularFile(file))
            throw new GridKeepException("load", "file not found", file.toString());
        PrintWriter out = spec.commandLine().getOut();
        long size = Files.size(file);
        long t0 = System.nanoTime();
        long rows;
        // H2 plans a batched INSERT once; Calcite adds planning work per batch for no gain here.
        try (Connection c = conn.jdbc("load", "h2");
             CountingStream counted = new CountingStream(Files.newInputStream(file));
             CsvReader csv = new CsvReader(new InputStreamReader(counted, StandardCharsets.UTF_8), delimiter)) {
            String[] schemaTable = schemaAndTable(table);
            Map<String, Integer> tableCols = tableColumns(c, schemaTable[0], schemaTable[1]);
            List<String> header = columns != null ? columns : csv.next();
            if (header == null)
                throw new GridKeepException("load", "file is empty", file.toString());
            List<ColumnParser> parsers = new ArrayList<>();
            for (String h : header) {
                String col = h.trim().toUpperCase(Locale.ROOT);
                Integer type = tableCols.get(col);
                if (type == null)
                    throw new GridKeepException("load", "column '" + h.trim() + "' is not in table " + schemaTable[1]
                        + " (columns: " + String.join(", ", tableCols.keySet()) + ")", file + ":1");
                parsers.add(new ColumnParser(col, type));
            }
            String sql = "INSERT INTO " + schemaTable[0] + "." + schemaTable[1] + " ("
                + String.join(", ", parsers.stream().map(ColumnParser::column).toList()) + ") VALUES ("
                + String.join(", ", parsers.stream().map(p -> "?").toList()) + ")";
            ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), size, System.console() != null,
                progress ? 2000 : Long.MAX_VALUE);
            rows = copy(c, sql, csv, parsers, counted, bar);
            bar.finish();
        }
        catch (SQLException e) {
            throw new GridKeepException("load", Errors.describe(e), "table " + table, e);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "loaded %,d rows into %s in %.1f s (%,d rows/s)%n", rows, table.toUpperCase(Locale.ROOT), secs,
            Math.round(rows / Math.max(secs, 1e-3)));
        out.flush();
        return 0;
    }

    private long copy(Connection c, String sql, CsvReader csv, List<ColumnParser> parsers, CountingStream counted,
                      ProgressBar bar) throws IOException, SQLException {
        long rows = 0;
        int inBatch = 0;
        int batchFirstLine = -1;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            List<String> rec;
            while ((rec = csv.next()) != null) {
                int line = csv.recordLine();
                if (rec.size() != parsers.size())
                    throw new GridKeepException("load", "expected " + parsers.size() + " fields, found " + rec.size(), file + ":" + line);
                for (int i = 0; i < parsers.size(); i++) {
                    ColumnParser p = parsers.get(i);
                    try {
                        ps.setObject(i + 1, p.parse(rec.get(i)));
                    }
                    catch (IllegalArgumentException e) {
                        throw new GridKeepException("load", "column " + p.column() + ": " + e.getMessage()
                            + (rows > 0 ? "; " + rows + " rows before it were loaded" : ""), file + ":" + line);
                    }
                }
                ps.addBatch();
                if (inBatch++ == 0)
                    batchFirstLine = line;
                if (inBatch == batchSize) {
                    rows += flush(ps, inBatch, batchFirstLine, line, rows);
                    inBatch = 0;
                    bar.update(counted.count, rows);
                }
            }
            if (inBatch > 0)
                rows += flush(ps, inBatch, batchFirstLine, csv.recordLine(), rows);
        }
        return rows;
    }

    private int flush(PreparedStatement ps, int count, int firstLine, int lastLine, long loaded) {
        try {
            ps.executeBatch();
            return count;
        }
        catch (BatchUpdateException e) {
            throw new GridKeepException("load", Errors.describe(e) + "; " + loaded + " rows before this batch were loaded",
                file + ":" + firstLine + "-" + lastLine, e);
        }
        catch (SQLException e) {
            throw new GridKeepException("load", Errors.describe(e), file + ":" + firstLine + "-" + lastLine, e);
        }
    }

    private static String[] schemaAndTable(String t) {
        int dot = t.indexOf('.');
        return dot < 0 ? new String[] {"PUBLIC", t.toUpperCase(Locale.ROOT)}
            : new String[] {t.substring(0, dot).toUpperCase(Locale.ROOT), t.substring(dot + 1).toUpperCase(Locale.ROOT)};
    }

    private Map<String, Integer> tableColumns(Connection c, String schema, String tbl) throws SQLException {
        Map<String, Integer> cols = new LinkedHashMap<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, schema, tbl, null)) {
            while (rs.next())
                cols.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
        }
        // _KEY and _VAL are Ignite's hidden key/value columns, not something a CSV should fill.
        cols.remove("_KEY");
        cols.remove("_VAL");
        if (cols.isEmpty())
            throw new GridKeepException("load", "unknown table " + schema + "." + tbl,
                "create it first with 'gridkeep sql -e \"CREATE TABLE ...\"'");
        return cols;
    }

    /** Counts bytes read, for the progress bar. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0)
                count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0)
                count += n;
            return n;
        }
    }
}
