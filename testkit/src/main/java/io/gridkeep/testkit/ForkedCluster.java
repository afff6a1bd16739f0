package io.gridkeep.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ignite server nodes in separate JVMs (the test's class path, {@link TestNodeConfigs#server}),
 * for tests that kill a node with SIGKILL or need servers that cannot see the test's classes.
 *
 * <pre>{@code
 * try (ForkedCluster cluster = ForkedCluster.start(3, logDir)) {
 *     ... thin client on cluster.clientAddresses() ...
 *     cluster.kill(1);
 * }
 * }</pre>
 */
public final class ForkedCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final List<NodeSlot> slots;
    private final Path logDir;
    private final List<String> jvmOptions;
    private final String classPath;
    private final Class<? extends NodeConfigurer> configurer;
    private final Map<Integer, ClockSkew> skews;
    private final List<ExternalProcess> nodes = new ArrayList<>();
    private final List<Integer> runs = new ArrayList<>();

    private ForkedCluster(List<NodeSlot> slots, Path logDir, List<String> jvmOptions, String classPath,
                          Class<? extends NodeConfigurer> configurer, Map<Integer, ClockSkew> skews) {
        this.slots = slots;
        this.logDir = logDir;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.classPath = classPath;
        this.configurer = configurer;
        this.skews = Map.copyOf(skews);
    }

    /** Starts {@code n} server JVMs one after the other, each with {@code -Xmx512m}. */
    public static ForkedCluster start(int n, Path logDir) {
        return start(n, logDir, List.of("-Xmx512m"), null);
    }

    /**
     * Starts {@code n} server JVMs.
     *
     * @param classPath the servers' class path, or null for this JVM's
     */
    public static ForkedCluster start(int n, Path logDir, List<String> jvmOptions, String classPath) {
        return start(n, logDir, jvmOptions, classPath, null);
    }

    /**
     * Starts {@code n} server JVMs whose configuration {@code configurer} (a class with a no-arg
     * constructor, on the servers' class path) completes.
     */
    public static ForkedCluster start(int n, Path logDir, List<String> jvmOptions, String classPath,
                                      Class<? extends NodeConfigurer> configurer) {
        return start(n, logDir, jvmOptions, classPath, configurer, Map.of());
    }

    /** As above, with the wall clocks of some nodes (by index) set off from the machine's. */
    public static ForkedCluster start(int n, Path logDir, List<String> jvmOptions, String classPath,
                                      Class<? extends NodeConfigurer> configurer, Map<Integer, ClockSkew> skews) {
        ForkedCluster c = new ForkedCluster(NodeSlot.forCluster("forked", n), logDir, jvmOptions, classPath, configurer, skews);
        try {
            for (int i = 0; i < n; i++) {
                c.nodes.add(null);
                c.runs.add(0);
                c.restart(i);
            }
        }
        catch (RuntimeException | AssertionError e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Starts node {@code i} again on its slot (same name, consistent id and ports, so that it finds its
     * persisted data again), after it was killed or stopped; waits until it is up. Each run logs to its
     * own file, {@code <name>.log}, then {@code <name>-run2.log} and so on.
     */
    public void restart(int i) {
        ExternalProcess old = nodes.get(i);
        if (old != null && old.isAlive())
            throw new IllegalStateException(slots.get(i).name() + " still runs: stop or kill it first");
        NodeSlot s = slots.get(i);
        int run = runs.get(i) + 1;
        runs.set(i, run);
        Path log = logDir.resolve(run == 1 ? s.name() + ".log" : s.name() + "-run" + run + ".log");
        ExternalProcess p = JavaProcesses.start(s.name(), ForkedServerMain.class.getName(), ForkedServerMain.args(s, configurer),
            jvmOptions, log, classPath, skews.get(i));
        nodes.set(i, p);
        p.awaitOutput("^ready ", START_TIMEOUT);
    }

    /**
     * Stops node {@code i} gracefully (SIGTERM: its shutdown hook stops Ignite, so stores flush and
     * partitions hand over) and returns its exit code, 143 after a clean stop.
     */
    public int stop(int i, Duration timeout) {
        return nodes.get(i).terminate(timeout);
    }

    public List<NodeSlot> slots() {
        return slots;
    }

    public ExternalProcess node(int i) {
        return nodes.get(i);
    }

    /** SIGKILL for node {@code i}. */
    public void kill(int i) {
        nodes.get(i).kill();
    }

    /** Thin-client addresses of the nodes still alive. */
    public String[] clientAddresses() {
        List<String> a = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).isAlive())
                a.add(slots.get(i).clientAddress());
        }
        return a.toArray(String[]::new);
    }

    @Override
    public void close() {
        nodes.stream().filter(Objects::nonNull).forEach(ExternalProcess::close);
    }
}
