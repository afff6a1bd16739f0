package io.gridkeep.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.ignite.Ignition;

/**
 * Main class of a forked test server: starts {@link TestNodeConfigs#server(NodeSlot)} for the slot
 * given on the command line, prints {@code ready}, and runs until killed.
 *
 * <p>Arguments: name, discovery port, communication port, client port, metrics port, discovery
 * addresses (comma-separated), and optionally the name of a {@link NodeConfigurer} class that
 * adds to the configuration (for example a metrics exporter the testkit does not know).
 */
public final class ForkedServerMain {
    private ForkedServerMain() {
    }

    public static void main(String[] args) throws Exception {
        NodeSlot slot = new NodeSlot(-1, args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
            Integer.parseInt(args[4]), List.copyOf(Arrays.asList(args[5].split(","))));
        var cfg = TestNodeConfigs.server(slot);
        if (args.length > 6)
            cfg = ((NodeConfigurer)Class.forName(args[6]).getDeclaredConstructor().newInstance()).configure(slot, cfg);
        Ignition.start(cfg);
        // SIGTERM stops the node gracefully (cache stores flush, partitions hand over), as a real node does.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Ignition.stopAll(false), "forked-server-stop"));
        System.out.println("ready " + slot.name());
        System.out.flush();
        Thread.currentThread().join();
    }

    static List<String> args(NodeSlot slot, Class<? extends NodeConfigurer> configurer) {
        List<String> a = new ArrayList<>(List.of(slot.name(), String.valueOf(slot.discoveryPort()),
            String.valueOf(slot.communicationPort()), String.valueOf(slot.clientPort()), String.valueOf(slot.metricsPort()),
            String.join(",", slot.discoveryAddresses())));
        if (configurer != null)
            a.add(configurer.getName());
        return a;
    }
}
