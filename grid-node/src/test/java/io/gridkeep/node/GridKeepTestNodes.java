package io.gridkeep.node;

import io.gridkeep.testkit.NodeSlot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.ignite.configuration.IgniteConfiguration;

/** GridKeep's embedded default configuration, pointed at a test node's free ports. */
public final class GridKeepTestNodes {
    private GridKeepTestNodes() {
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
        m.put("gridkeep.memory.max.bytes", String.valueOf(256L << 20));
        m.put("gridkeep.memory.initial.bytes", String.valueOf(64L << 20));
        return m;
    }

    /** The embedded default configuration for {@code slot}, as {@code gridkeep node start} loads it. */
    public static IgniteConfiguration defaultConfig(NodeSlot slot, Path workDir) {
        return NodeConfigLoader.loadDefault(placeholders(slot, workDir));
    }

    /** The same placeholders as {@code node start} flags and {@code -D} options. */
    public static List<String> startArgs(NodeSlot slot, Path workDir) {
        List<String> args = new java.util.ArrayList<>(List.of("node", "start"));
        placeholders(slot, workDir).forEach((k, v) -> {
            args.add("-D");
            args.add(k + "=" + v);
        });
        return args;
    }
}
