package io.gridkeep.node.cli;

import io.gridkeep.node.internal.PasswordFiles;
import io.gridkeep.node.internal.PrivateFiles;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a password comes from: a file, standard input, an environment variable, or the terminal.
 * Never a command-line argument, which every user of the host can read in the process list.
 */
final class PasswordSource {
    private PasswordSource() {
    }

    /** The first line of {@code file} ({@link PasswordFiles#firstLine}). */
    static char[] fromFile(String what, Path file) {
        try {
            return PasswordFiles.firstLine(file);
        }
        catch (IOException e) {
            throw new UsageException(what, "cannot read the password file: " + PrivateFiles.reason(e), file.toString());
        }
    }

    /** One line of standard input. */
    static char[] fromStdin(String what) {
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null)
                throw new UsageException(what, "no password on standard input", null);
            return line.toCharArray();
        }
        catch (IOException e) {
            throw new UsageException(what, "cannot read standard input: " + e.getMessage(), null);
        }
    }

    /** Asks on the terminal, twice when {@code confirm}; fails when there is no terminal. */
    static char[] prompt(String what, String prompt, boolean confirm, String hint) {
        Console console = System.console();
        if (console == null)
            throw new UsageException(what, "no password given and no terminal to ask on; " + hint, null);
        char[] first = console.readPassword("%s", prompt);
        if (first == null)
            throw new UsageException(what, "no password given", null);
        if (confirm) {
            char[] again = console.readPassword("%s", "Again: ");
            if (again == null || !Arrays.equals(first, again))
                throw new UsageException(what, "the passwords differ", null);
        }
        return first;
    }
}
