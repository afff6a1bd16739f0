package io.gridkeep.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every test server in its own process shares: one process at a time, its output in
 * {@code dir/NAME-N.log} (N counts the starts, so a restart keeps the first log), SIGTERM to stop,
 * SIGKILL to crash, and a start that waits for the server's ready line.
 */
public abstract class TestServer implements AutoCloseable {
    private final String name;
    private final Duration stopTimeout;
    protected final Path dir;
    private ExternalProcess process;
    private int starts;

    protected TestServer(String name, Path dir, Duration stopTimeout) {
        this.name = name;
        this.dir = dir;
        this.stopTimeout = stopTimeout;
    }

    /** Starts {@code cmd} and waits for a line matching {@code readyRegex}; kills it if that never comes. */
    protected final void run(List<String> cmd, String readyRegex, Duration timeout) {
        starts++;
        process = ExternalProcess.start(name, cmd, Map.of(), dir.resolve(name + "-" + starts + ".log"));
        try {
            process.awaitOutput(readyRegex, timeout);
        }
        catch (AssertionError e) {
            process.close();
            throw e;
        }
    }

    /** The running server process. */
    public ExternalProcess process() {
        return process;
    }

    /** SIGTERM: the server shuts down cleanly, keeping its data. */
    public void stop() {
        if (process != null && process.isAlive())
            process.terminate(stopTimeout);
    }

    /** SIGKILL, as in a crash. */
    public void kill() {
        if (process != null && process.isAlive())
            process.kill();
    }

    /** Starts the stopped server again, same ports, same data. */
    public abstract void restart();

    /** The java binary of this JVM, for servers that run on Java. */
    protected static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The start of a server's command line: {@link #java()}, {@link TestJvmOptions#QUICK_START}, then {@code options}. */
    protected static List<String> javaCommand(String... options) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(TestJvmOptions.QUICK_START);
        cmd.addAll(List.of(options));
        return cmd;
    }

    @Override
    public void close() {
        stop();
    }
}
