package io.gridkeep.node.cli;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Where the SQL shell reads its lines: a terminal with line editing, history and Ctrl-C (JLine), or plain
 * standard input when there is none (a pipe, {@code -i}).
 */
abstract class ShellInput implements Closeable {
    /** What Ctrl-C at the prompt means: the line typed so far is dropped, and the shell stays. */
    static final String INTERRUPTED = "\u0003";

    /**
     * The next line; {@link #INTERRUPTED} after Ctrl-C at the prompt; null at the end of input (Ctrl-D).
     */
    abstract String readLine(String prompt) throws IOException;

    /** Runs {@code onInterrupt} on Ctrl-C while a statement runs (not at the prompt), until {@link #close}. */
    abstract void onInterrupt(Runnable onInterrupt);

    static ShellInput of(boolean terminal, PrintWriter out) throws IOException {
        return terminal ? new Jline() : new Plain(out);
    }

    /** Standard input line by line; the prompt goes to {@code out}. */
    private static final class Plain extends ShellInput {
        private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        private final PrintWriter out;

        Plain(PrintWriter out) {
            this.out = out;
        }

        @Override
        String readLine(String prompt) throws IOException {
            out.print(prompt);
            out.flush();
            return in.readLine();
        }

        @Override
        void onInterrupt(Runnable onInterrupt) {
            // No terminal: Ctrl-C is the shell's, and ends it, as for any command reading a pipe.
        }

        @Override
        public void close() {
        }
    }

    /** The terminal through JLine, with history in env GRIDKEEP_SQL_HISTORY, else ~/.gridkeep_sql_history. */
    private static final class Jline extends ShellInput {
        private final Terminal terminal;
        private final LineReader reader;

        Jline() throws IOException {
            terminal = TerminalBuilder.builder().system(true).build();
            reader = LineReaderBuilder.builder().terminal(terminal).appName("gridkeep-sql")
                .variable(LineReader.HISTORY_FILE, historyFile())
                .variable(LineReader.HISTORY_SIZE, 1000)
                .build();
        }

        private static Path historyFile() {
            String env = System.getenv("GRIDKEEP_SQL_HISTORY");
            return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".gridkeep_sql_history");
        }

        @Override
        String readLine(String prompt) {
            try {
                return reader.readLine(prompt);
            }
            catch (UserInterruptException e) {
                return INTERRUPTED;
            }
            catch (EndOfFileException e) {
                return null;
            }
        }

        @Override
        void onInterrupt(Runnable onInterrupt) {
            // Outside readLine (which handles Ctrl-C itself), SIGINT comes here instead of ending the JVM.
            terminal.handle(Terminal.Signal.INT, signal -> onInterrupt.run());
        }

        @Override
        public void close() throws IOException {
            reader.getHistory().save();
            terminal.close();
        }
    }
}
