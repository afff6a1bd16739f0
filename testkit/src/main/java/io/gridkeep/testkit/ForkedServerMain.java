package io.gridkeep.testkit;

import java.util.Arrays;
import java.util.List;
import org.apache.ignite.Ignition;

/**
 * Main class of a forked test server: starts {@link TestNodeConfigs#server(NodeSlot)} for the slot
 * given on the command line, prints {@code ready}, and runs until killed.
 *
 * <p>Arguments: name, discovery port, communication port, client port, discovery addresses (comma-separated).
 */
public final class ForkedServerMain {
    private ForkedServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        NodeSlot slot = new NodeSlot(-1, args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), -1,
            List.copyOf(Arrays.asList(args[4].split(","))));
        Ignition.start(TestNodeConfigs.server(slot));
        System.out.println("ready " + slot.name());
        System.out.flush();
        Thread.currentThread().join();
    }

    static List<String> args(NodeSlot slot) {
        return List.of(slot.name(), String.valueOf(slot.discoveryPort()), String.valueOf(slot.communicationPort()),
            String.valueOf(slot.clientPort()), String.join(",", slot.discoveryAddresses()));
    }
}
