package io.gridkeep.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process a test started (a node JVM, a script, a server), with its standard output and error
 * written to a log file that a test can wait on for a line. Every one still alive when the test JVM
 * exits is killed, so a failing test leaves nothing behind.
 */
public final class ExternalProcess implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "testkit-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path logFile;

    private ExternalProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        LIVE.add(process);
    }

    /**
     * Starts {@code command}, its standard output and error merged into {@code logFile}.
     *
     * @param env variables added to this JVM's environment
     */
    public static ExternalProcess start(String name, List<String> command, Map<String, String> env, Path logFile) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            // Straight to a file, not a pipe: nothing is lost when the process dies, however it dies.
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            return new ExternalProcess(name, pb.start(), logFile);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /**
     * Waits until the output has a line matching {@code regex}.
     *
     * @throws AssertionError naming the process and its last output when the line does not
     *     come in time or the process exits first
     */
    public Matcher awaitOutput(String regex, Duration timeout) {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        // A process that exits stops the wait at once: its last output says why.
        record Look(Matcher match, boolean exited) {
        }
        Look look;
        try {
            look = Await.every(Duration.ofMillis(50)).until(() -> {
                // Whether it lives is asked before reading: a process found dead has printed all it will.
                boolean exited = !process.isAlive();
                Matcher m = p.matcher(output());
                return new Look(m.find() ? m : null, exited);
            }, l -> l.match() != null || l.exited(), timeout, name + " to print /" + regex + "/");
        }
        catch (AssertionError timedOut) {
            throw new AssertionError(name + " did not print /" + regex + "/ within " + timeout + ":\n" + tail());
        }
        if (look.match() != null)
            return look.match();
        throw new AssertionError(name + " exited with " + process.exitValue() + " before printing /" + regex + "/:\n" + tail());
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of " + name + " in " + logFile, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /**
     * SIGSTOP: the process keeps its sockets open and answers nothing, as a node in a long GC pause or on a
     * hung host does. {@link #thaw} lets it go on.
     */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze}. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        CommandResult r = CommandResult.run(List.of("kill", "-" + name, Long.toString(process.pid())), Map.of(), null, null,
            Duration.ofSeconds(10));
        if (r.exitCode() != 0)
            throw new AssertionError("kill -" + name + " " + process.pid() + " (" + this.name + "): " + r);
    }

    /** SIGTERM, then waits for the exit; returns the exit code. */
    public int terminate(Duration timeout) {
        sigterm();
        return waitFor(timeout);
    }

    /** SIGTERM, without waiting: to stop several processes at once, then {@link #waitFor} each. */
    public void sigterm() {
        process.destroy();
    }

    /** Waits for the process to exit and returns its exit code. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                throw new AssertionError(name + " still running after " + timeout + ":\n" + tail());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + name, e);
        }
        LIVE.remove(process);
        return process.exitValue();
    }

    private String tail() {
        String all = output();
        return all.length() <= 4000 ? all : "..." + all.substring(all.length() - 4000);
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LIVE.remove(process);
    }
}
