package io.gridkeep.node;

import io.gridkeep.testkit.NodeSlot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.ignite.configuration.IgniteConfiguration;

/** GridKeep's embedded default configuration, pointed at a test node's free ports. */
public final class GridKeepTestNodes {
    /** The memory region of a test node: small, so that three nodes and their test fit on a CI machine. */
    private static final long MEMORY_MAX = 256L << 20;
    private static final long MEMORY_INITIAL = 64L << 20;

    private GridKeepTestNodes() {
    }

    /** {@code -D} flags for {@code node start} that give a node the small memory region of {@link #placeholders}. */
    public static String[] smallMemoryArgs() {
        return new String[] {"-D", "gridkeep.memory.max.bytes=" + MEMORY_MAX, "-D", "gridkeep.memory.initial.bytes=" + MEMORY_INITIAL};
    }

    /** Placeholder overrides that put a node of the shipped configs on {@code slot}'s ports. */
    public static Map<String, String> placeholders(NodeSlot slot, Path workDir) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("gridkeep.instance.name", slot.name());
        m.put("gridkeep.consistent.id", slot.name());
        m.put("gridkeep.work.dir", workDir.toString());
        m.put("gridkeep.discovery.port", String.valueOf(slot.discoveryPort()));
        m.put("gridkeep.discovery.port.range", "0");
        m.put("gridkeep.discovery.addresses", String.join(",", slot.discoveryAddresses()));
        m.put("gridkeep.communication.port", String.valueOf(slot.communicationPort()));
        m.put("gridkeep.communication.port.range", "0");
        m.put("gridkeep.client.port", String.valueOf(slot.clientPort()));
        m.put("gridkeep.metrics.port", String.valueOf(slot.metricsPort()));
        m.put("gridkeep.memory.max.bytes", String.valueOf(MEMORY_MAX));
        m.put("gridkeep.memory.initial.bytes", String.valueOf(MEMORY_INITIAL));
        return m;
    }

    /** The embedded default configuration for {@code slot}, as {@code gridkeep node start} loads it. */
    public static IgniteConfiguration defaultConfig(NodeSlot slot, Path workDir) {
        return NodeConfigLoader.loadDefault(placeholders(slot, workDir));
    }
}
