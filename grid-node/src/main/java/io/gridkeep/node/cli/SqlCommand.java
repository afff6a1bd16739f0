package io.gridkeep.node.cli;

import io.gridkeep.node.GridKeepException;
import io.gridkeep.node.internal.ResultFormat;
import io.gridkeep.node.internal.SqlScript;
import java.io.IOException;
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
import java.util.concurrent.atomic.AtomicReference;
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

    /**
     * The interactive shell. On a terminal: line editing and history, and Ctrl-C cancels the running statement
     * (the node stops it) or drops the line being typed, and the shell stays open; Ctrl-D or 'quit' leaves.
     */
    private int shell(Connection c, PrintWriter out) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = System.console() != null;
        out.println("Connected to " + conn.jdbcUrl(engine) + ". End statements with ';'. Type 'help' or 'quit'."
            + (terminal ? " Ctrl-C interrupts a running statement." : ""));
        out.flush();
        StringBuilder pending = new StringBuilder();
        int failures = 0;
        shellConnection = c;
        try (ShellInput in = ShellInput.of(terminal, out)) {
            in.onInterrupt(this::cancelRunning);
            while (true) {
                String line = in.readLine(pending.length() == 0 ? "gridkeep> " : "       -> ");
                if (line == null)
                    break;
                if (line.equals(ShellInput.INTERRUPTED)) {
                    pending.setLength(0);
                    continue;
                }
                String cmd = line.trim().toLowerCase(Locale.ROOT);
                if (pending.length() == 0 && (cmd.equals("quit") || cmd.equals("exit") || cmd.equals("\\q")))
                    break;
                if (pending.length() == 0 && cmd.equals("help")) {
                    out.println("Type SQL ending with ';' (it may span lines). 'quit' leaves. Tables: SELECT * FROM SYS.TABLES;");
                    if (terminal)
                        out.println("Up/Down: history. Ctrl-C: drop the line, or interrupt a running statement (H2 stops it; "
                            + "for Calcite the shell reconnects and the node may finish it).");
                    out.flush();
                    continue;
                }
                pending.append(line).append('\n');
                SqlScript.Split split = SqlScript.split(pending.toString());
                for (String stmt : split.statements()) {
                    try {
                        execute(shellConnection, stmt, out);
                    }
                    catch (SQLException e) {
                        failures++;
                        out.flush();
                        String why = abandoned ? "stopped waiting: the statement did not stop on cancel, so its connection was "
                            + "closed and the shell goes on with a new one (the node may still finish it)"
                            : cancelled ? "cancelled" : Errors.describe(e);
                        err.println("gridkeep: sql: " + why + " (statement: " + abbreviate(stmt) + ")");
                        err.flush();
                        if (cancelled && isClosed(shellConnection))
                            shellConnection = conn.jdbc("sql", engine == null ? null : engine.toLowerCase(Locale.ROOT));
                    }
                    finally {
                        cancelled = false;
                        abandoned = false;
                    }
                }
                pending.setLength(0);
                if (split.restHasSql())
                    pending.append(split.rest());
            }
        }
        finally {
            if (shellConnection != c)
                closeQuietly(shellConnection);
        }
        out.println();
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    /** The statement the shell runs now, for Ctrl-C to cancel; null at the prompt. */
    private final AtomicReference<Statement> running = new AtomicReference<>();
    private volatile boolean cancelled;
    private volatile boolean abandoned;

    /** The shell's connection: a new one after a cancel that had to close the old one. */
    private volatile Connection shellConnection;

    /**
     * Ctrl-C while a statement runs. The driver's cancel request stops an H2 statement at once; Calcite, the
     * default engine, does not act on it (Ignite 2.17). So a statement still running after {@link #CANCEL_GRACE_MS}
     * has its connection closed, and the shell goes on with a new one; the node may still run it to its end.
     */
    private void cancelRunning() {
        Statement st = running.get();
        if (st == null)
            return;
        cancelled = true;
        try {
            st.cancel();
        }
        catch (SQLException e) {
            spec.commandLine().getErr().println("gridkeep: sql: cannot cancel the statement: " + Errors.describe(e));
        }
        Connection c = shellConnection;
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(CANCEL_GRACE_MS);
            }
            catch (InterruptedException e) {
                return;
            }
            if (running.get() == st) {
                abandoned = true;
                closeQuietly(c);
            }
        }, "gridkeep-sql-cancel");
        closer.setDaemon(true);
        closer.start();
    }

    private static final long CANCEL_GRACE_MS = 1000;

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        }
        catch (SQLException e) {
            return true;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        }
        catch (SQLException e) {
            // Closing is all that is left to do with it.
        }
    }

    private void execute(Connection c, String sql, PrintWriter out) throws SQLException {
        try (Statement st = c.createStatement()) {
            long t0 = System.nanoTime();
            running.set(st);
            boolean hasRs;
            try {
                hasRs = st.execute(sql);
            }
            finally {
                running.set(null);
            }
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
