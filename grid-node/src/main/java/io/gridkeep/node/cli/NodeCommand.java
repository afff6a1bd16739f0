package io.gridkeep.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gridkeep node ...}: commands that run a node in this process. */
@Command(name = "node", description = "Run a grid node.", mixinStandardHelpOptions = true,
    subcommands = NodeStartCommand.class)
final class NodeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
