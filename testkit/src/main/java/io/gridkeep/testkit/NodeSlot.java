package io.gridkeep.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * The ports and name of one test node: every node of a test cluster gets its own free ports and
 * knows the discovery addresses of all of them.
 *
 * @param index 0-based position in the cluster
 * @param name instance name and consistent id, {@code node-<index>}
 * @param discoveryPort TCP discovery port
 * @param communicationPort TCP communication port
 * @param clientPort thin-client / JDBC port
 * @param metricsPort metrics / health HTTP port, for nodes that export metrics
 * @param discoveryAddresses {@code 127.0.0.1:port} of every node's discovery port
 */
public record NodeSlot(int index, String name, int discoveryPort, int communicationPort, int clientPort, int metricsPort,
                       List<String> discoveryAddresses) {
    /** {@code 127.0.0.1:<metricsPort>}, a Prometheus scrape target. */
    public String metricsAddress() {
        return "127.0.0.1:" + metricsPort;
    }

    /** {@code 127.0.0.1:<clientPort>}. */
    public String clientAddress() {
        return "127.0.0.1:" + clientPort;
    }

    /**
     * The arguments of {@code gridkeep node start} for a node on this slot: its ports and every node's
     * discovery address, then {@code extra} (a config, {@code --work-dir} or {@code --persistence}, {@code -D}
     * settings). The one place that spells these flags for tests and benchmarks.
     *
     * <pre>{@code
     * List<String> args = slot.nodeStartArgs("--work-dir", dir.toString());
     * }</pre>
     */
    public List<String> nodeStartArgs(String... extra) {
        List<String> args = new ArrayList<>(List.of("node", "start",
            "--client-port", String.valueOf(clientPort),
            "--discovery-port", String.valueOf(discoveryPort),
            "--communication-port", String.valueOf(communicationPort),
            "--metrics-port", String.valueOf(metricsPort),
            "--discovery-addresses", String.join(",", discoveryAddresses)));
        args.addAll(List.of(extra));
        return args;
    }

    /** Slots for an {@code n}-node cluster, each with fresh free ports. */
    public static List<NodeSlot> forCluster(String prefix, int n) {
        int[] ports = FreePorts.allocate(4 * n);
        List<String> disco = new ArrayList<>();
        for (int i = 0; i < n; i++)
            disco.add("127.0.0.1:" + ports[4 * i]);
        List<NodeSlot> slots = new ArrayList<>();
        for (int i = 0; i < n; i++)
            slots.add(new NodeSlot(i, prefix + "-" + i, ports[4 * i], ports[4 * i + 1], ports[4 * i + 2], ports[4 * i + 3],
                List.copyOf(disco)));
        return slots;
    }
}
