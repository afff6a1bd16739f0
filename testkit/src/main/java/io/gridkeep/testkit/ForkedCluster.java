package io.gridkeep.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    private final List<NodeSlot> slots;
    private final List<ExternalProcess> nodes = new ArrayList<>();

    private ForkedCluster(List<NodeSlot> slots) {
        this.slots = slots;
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
        ForkedCluster c = new ForkedCluster(NodeSlot.forCluster("forked", n));
        try {
            for (NodeSlot s : c.slots) {
                ExternalProcess p = JavaProcesses.start(s.name(), ForkedServerMain.class.getName(), ForkedServerMain.args(s, configurer),
                    jvmOptions, logDir.resolve(s.name() + ".log"), classPath, skews.get(c.slots.indexOf(s)));
                c.nodes.add(p);
                p.awaitOutput("^ready ", Duration.ofSeconds(90));
            }
        }
        catch (RuntimeException | AssertionError e) {
            c.close();
            throw e;
        }
        return c;
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
        nodes.forEach(ExternalProcess::close);
    }
}
