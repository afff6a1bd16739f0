package io.gridkeep.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command run to completion, as a user would run it from a shell: exit code, standard output
 * and standard error kept apart.
 *
 * @param exitCode the process exit code
 * @param stdout everything printed on standard output
 * @param stderr everything printed on standard error
 */
public record CommandResult(int exitCode, String stdout, String stderr) {
    /** Runs {@code command} in {@code dir} with {@code stdin} as its input (may be null). */
    public static CommandResult run(List<String> command, Map<String, String> env, Path dir, String stdin, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        if (dir != null)
            pb.directory(dir.toFile());
        try {
            Process p = pb.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread to = copier(p.getInputStream(), out);
            Thread te = copier(p.getErrorStream(), err);
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null)
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("command timed out after " + timeout + ": " + command);
            }
            to.join();
            te.join();
            return new CommandResult(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    private static Thread copier(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(out);
            }
            catch (IOException ignored) {
                // The process is gone; what was read is kept.
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }
}
