package io.gridkeep.node.cli;

import io.gridkeep.node.GridKeepException;
import io.gridkeep.node.internal.NodeLogging;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code gridkeep} command: starts nodes and talks to running ones.
 *
 * <p>Exit codes: 0 success, 1 a failed operation, 2 bad usage. Failures print one line,
 * {@code gridkeep: <what failed>: <why> (<where>)}; {@code -v} adds the stack trace.
 */
@Command(name = "gridkeep",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "GridKeep: run and operate an Apache Ignite data grid.",
    subcommands = {NodeCommand.class, KvCommand.class, SqlCommand.class, ClusterCommand.class, LoadCommand.class, ComputeCommand.class,
        EventsCommand.class, StoreCommand.class, UserCommand.class, CertsCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 success, 1 failed operation, 2 bad usage.",
        "Run 'gridkeep COMMAND --help' for a command's options."})
public final class GridKeepCli implements Runnable {
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
        description = "Print stack traces on failure and Ignite's INFO log on the console.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment that commands read their secrets from (a test passes its own). */
    Map<String, String> env = System.getenv();

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Entry point of {@code bin/gridkeep}. */
    public static void main(String[] args) {
        int code = execute(args);
        // Node start returns only once the node stopped; client commands may leave non-daemon
        // threads of the thin client behind, so exit explicitly.
        System.exit(code);
    }

    /** Runs the CLI and returns its exit code, without exiting the JVM. */
    public static int execute(String... args) {
        return execute(null, null, System.getenv(), args);
    }

    /**
     * Runs the CLI with standard output, standard error ({@code null}: the process's) and environment of its own,
     * and returns its exit code.
     */
    static int execute(PrintWriter stdout, PrintWriter stderr, Map<String, String> env, String... args) {
        if (args.length == 0 || !args[0].equals("node"))
            NodeLogging.configureClient();
        GridKeepCli root = new GridKeepCli();
        root.env = env;
        CommandLine cl = new CommandLine(root).setCaseInsensitiveEnumValuesAllowed(true);
        if (stdout != null)
            cl.setOut(stdout);
        if (stderr != null)
            cl.setErr(stderr);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof GridKeepException gk)
                err.println("gridkeep: " + gk.getMessage());
            else
                err.println("gridkeep: " + qualifiedName(cmd) + ": " + Errors.describe(ex));
            if (root.verbose)
                ex.printStackTrace(err);
            err.flush();
            return ex instanceof UsageException ? 2 : 1;
        });
        cl.setParameterExceptionHandler((ex, args1) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            String name = qualifiedName(cmd);
            err.println("gridkeep: " + name + ": " + ex.getMessage()
                + " (see 'gridkeep " + (name.equals("usage") ? "" : name + " ") + "--help')");
            err.flush();
            return 2;
        });
        return cl.execute(args);
    }

    private static String qualifiedName(CommandLine cmd) {
        String q = cmd.getCommandSpec().qualifiedName(" ");
        return q.startsWith("gridkeep ") ? q.substring("gridkeep ".length()) : "usage";
    }
}
