package io.gridkeep.node;

import io.gridkeep.testkit.CommandResult;
import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestJvmOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The built distribution ({@code grid-node/target/gridkeep-<version>/}), run through {@code bin/gridkeep} as a user would. */
public final class Distribution {
    private final Path home;

    private Distribution(Path home) {
        this.home = home;
    }

    /** The distribution Maven built in the package phase; fails loudly when it is missing. */
    public static Distribution built() {
        String dir = System.getProperty("gridkeep.distDir");
        if (dir == null || !Files.isExecutable(Path.of(dir, "bin", "gridkeep")))
            throw new IllegalStateException("no distribution at " + dir + ": run the integration tests with 'mvn verify', "
                + "which builds it in the package phase");
        return new Distribution(Path.of(dir));
    }

    public Path home() {
        return home;
    }

    public Path script() {
        return home.resolve("bin/gridkeep");
    }

    /** Runs {@code bin/gridkeep args...} to completion. */
    public CommandResult run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs {@code bin/gridkeep args...} with {@code stdin} piped in. */
    public CommandResult runWithInput(String stdin, String... args) {
        return run(Map.of(), stdin, args);
    }

    /** Runs {@code bin/gridkeep args...} with {@code env} added to the environment and {@code stdin} (or null) piped in. */
    public CommandResult run(Map<String, String> env, String stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(script().toString());
        cmd.addAll(List.of(args));
        return CommandResult.run(cmd, withTestJvmOptions(env), null, stdin, Duration.ofSeconds(120));
    }

    /**
     * {@code node start} with a slot's ports and discovery addresses ({@link NodeSlot#nodeStartArgs}), a work
     * directory, and then {@code extra} (a config, {@code -D} settings): the flags of every test node started
     * from the distribution, so that it never takes a default port and can run beside a node started by hand.
     */
    public static List<String> nodeStartArgs(NodeSlot slot, Path workDir, String... extra) {
        List<String> args = slot.nodeStartArgs("--work-dir", workDir.toString());
        args.addAll(List.of(extra));
        return args;
    }

    /** Starts {@code bin/gridkeep node start ...} and waits until it says it is ready. */
    public ExternalProcess startNode(String name, Path logDir, List<String> args, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(script().toString());
        cmd.addAll(args);
        Map<String, String> e = withTestJvmOptions(env);
        e.putIfAbsent("GRIDKEEP_HEAP", "512m");
        ExternalProcess p = ExternalProcess.start(name, cmd, e, logDir.resolve(name + ".log"));
        try {
            p.awaitOutput("^Press Ctrl-C to stop\\.", Duration.ofSeconds(90));
        }
        catch (AssertionError err) {
            p.close();
            throw err;
        }
        return p;
    }

    /** {@code env} with {@link TestJvmOptions#QUICK_START} in {@code GRIDKEEP_JAVA_OPTS}, unless the test set that itself. */
    private static Map<String, String> withTestJvmOptions(Map<String, String> env) {
        Map<String, String> e = new HashMap<>(env);
        if (!TestJvmOptions.QUICK_START.isEmpty())
            e.putIfAbsent("GRIDKEEP_JAVA_OPTS", TestJvmOptions.quickStartLine());
        return e;
    }
}
