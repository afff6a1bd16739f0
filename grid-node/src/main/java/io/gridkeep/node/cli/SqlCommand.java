package io.gridkeep.node.cli;

import io.gridkeep.node.GridKeepException;
import io.gridkeep.node.internal.ResultFormat;
import io.gridkeep.node.internal.SqlScript;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridkeep sql}: one statement, a script file, or an interactive shell, over JDBC thin. */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run SQL through the JDBC thin driver: one statement (-e), a file of statements (-f),",
        "or, with neither, an interactive shell (statements end with ';'; 'quit' leaves).",
        "Statements piped on standard input run as a script that stops at the first error."},
    footer = {"", "Examples:", "  gridkeep sql -e \"SELECT * FROM city\"", "  gridkeep sql -f schema.sql",
        "  gridkeep sql --format csv -e \"SELECT name, population FROM city\" > cities.csv"})
final class SqlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions conn;

    @ArgGroup(exclusive = true)
    Source source;

    static final class Source {
        @Option(names = {"-e", "--execute"}, paramLabel = "STATEMENT", description = "Run STATEMENT (or several separated by ';').")
        String statement;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Run every statement in FILE.")
        Path file;
    }

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
        description = "Result format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ResultFormat format;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "SQL engine: calcite or h2 (default: the node's, Calcite).")
    String engine;

    @Option(names = {"-i", "--interactive"}, description = "Show the prompt even when standard input is not a terminal.")
    boolean interactive;

    @Override
    public Integer call() throws IOException {
        if (engine != null && !engine.equalsIgnoreCase("calcite") && !engine.equalsIgnoreCase("h2"))
            throw new UsageException("sql", "unknown engine '" + engine + "'", "--engine calcite|h2");
        PrintWriter out = spec.commandLine().getOut();
        try (Connection c = conn.jdbc("sql", engine == null ? null : engine.toLowerCase(Locale.ROOT))) {
            if (source != null && source.statement != null)
                return runScript(c, source.statement, "-e", out);
            if (source != null && source.file != null)
                return runScript(c, readFile(source.file), source.file.toString(), out);
            if (System.console() != null || interactive)
                return shell(c, out);
            return runScript(c, new String(System.in.readAllBytes(), StandardCharsets.UTF_8), "stdin", out);
        }
        catch (SQLException e) {
            throw new GridKeepException("sql", Errors.describe(e), conn.jdbcUrl(engine), e);
        }
    }

    private static String readFile(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException e) {
            throw new GridKeepException("sql", "file not found", f.toString(), e);
        }
        catch (IOException e) {
            throw new GridKeepException("sql", "cannot read file: " + e.getMessage(), f.toString(), e);
        }
    }

    /** Runs statements in order and stops at the first failure, naming it and where it starts. */
    private int runScript(Connection c, String text, String origin, PrintWriter out) {
        SqlScript.Split split = SqlScript.split(text);
        var stmts = new ArrayList<>(split.statements());
        var lines = new ArrayList<>(split.lines());
        if (split.restHasSql()) {
            stmts.add(split.rest().trim());
            lines.add(split.lines().isEmpty() ? 1 : -1);
        }
        if (stmts.isEmpty())
            throw new UsageException("sql", "no statement to run", origin);
        for (int i = 0; i < stmts.size(); i++) {
            String where = origin.equals("-e") ? "statement: " + abbreviate(stmts.get(i))
                : origin + (lines.get(i) > 0 ? ":" + lines.get(i) : "") + ", statement: " + abbreviate(stmts.get(i));
            try {
                execute(c, stmts.get(i), out);
            }
            catch (SQLException e) {
                out.flush();
                throw new GridKeepException("sql", Errors.describe(e), where, e);
            }
        }
        return 0;
    }

    private int shell(Connection c, PrintWriter out) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        out.println("Connected to " + conn.jdbcUrl(engine) + ". End statements with ';'. Type 'help' or 'quit'.");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder pending = new StringBuilder();
        int failures = 0;
        while (true) {
            out.print(pending.length() == 0 ? "gridkeep> " : "       -> ");
            out.flush();
            String line = in.readLine();
            if (line == null)
                break;
            String cmd = line.trim().toLowerCase(Locale.ROOT);
            if (pending.length() == 0 && (cmd.equals("quit") || cmd.equals("exit") || cmd.equals("\\q")))
                break;
            if (pending.length() == 0 && cmd.equals("help")) {
                out.println("Type SQL ending with ';' (it may span lines). 'quit' leaves. Tables: SELECT * FROM SYS.TABLES;");
                continue;
            }
            pending.append(line).append('\n');
            SqlScript.Split split = SqlScript.split(pending.toString());
            for (String stmt : split.statements()) {
                try {
                    execute(c, stmt, out);
                }
                catch (SQLException e) {
                    failures++;
                    out.flush();
                    err.println("gridkeep: sql: " + Errors.describe(e) + " (statement: " + abbreviate(stmt) + ")");
                    err.flush();
                }
            }
            pending.setLength(0);
            if (split.restHasSql())
                pending.append(split.rest());
        }
        out.println();
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    private void execute(Connection c, String sql, PrintWriter out) throws SQLException {
        try (Statement st = c.createStatement()) {
            long t0 = System.nanoTime();
            boolean hasRs = st.execute(sql);
            if (hasRs) {
                format.print(st.getResultSet(), out);
            }
            else if (format == ResultFormat.TABLE) {
                long n = st.getUpdateCount();
                out.println(n > 0 ? n + (n == 1 ? " row" : " rows") + " affected" : "OK");
            }
            if (format == ResultFormat.TABLE && System.console() != null)
                out.printf("(%.3f s)%n", (System.nanoTime() - t0) / 1e9);
            out.flush();
        }
    }

    static String abbreviate(String sql) {
        String one = sql.replaceAll("\\s+", " ").trim();
        return one.length() <= 120 ? one : one.substring(0, 117) + "...";
    }
}
