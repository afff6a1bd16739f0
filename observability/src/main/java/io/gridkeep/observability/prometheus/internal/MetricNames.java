package io.gridkeep.observability.prometheus.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps Ignite's registry and metric names to Prometheus names: the variable part of a registry
 * name (a cache, a data region, a thread pool) becomes a label, so that {@code cache.kv.CachePuts}
 * and {@code cache.orders.CachePuts} are one family, {@code ignite_cache_puts_total}, with
 * {@code cache="kv"} and {@code cache="orders"}.
 */
public final class MetricNames {
    /** How a registry name maps to a family prefix and labels. */
    private record Rule(Pattern registry, String prefix, List<String> labels) {
    }

    private static final List<Rule> RULES = List.of(
        rule("cache\\.([^.]+)", "ignite_cache", "cache"),
        rule("cache\\.([^.]+)\\.near", "ignite_cache_near", "cache"),
        rule("cacheGroups\\.(.+)", "ignite_cache_group", "cache_group"),
        rule("io\\.dataregion\\.(.+)", "ignite_dataregion", "region"),
        rule("threadPools\\.(.+)", "ignite_thread_pool", "pool"),
        rule("io\\.statistics\\.cacheGroups\\.(.+)", "ignite_io_statistics_cache_group", "cache_group"),
        rule("io\\.statistics\\.sortedIndexes\\.([^.]+)\\.(.+)", "ignite_io_statistics_sorted_index", "cache", "index"),
        rule("io\\.statistics\\.hashIndexes\\.([^.]+)\\.(.+)", "ignite_io_statistics_hash_index", "cache", "index"),
        rule("snapshot\\.(.+)", "ignite_snapshot", "snapshot"),
        rule("tx\\.(.+)", "ignite_tx", "scope"),
        rule("ignite", "ignite_node"),
        // GridKeep's own registries (Ignite puts custom ones under "custom.").
        rule("custom\\.gridkeep\\.elasticsearch", "gridkeep_elasticsearch"),
        rule("custom\\.gridkeep\\.store\\.([^.]+)\\.([^.]+)", "gridkeep_store", "store", "cache"));

    private static final Set<String> CLIENT_TYPES = Set.of("jdbc", "odbc", "thin");

    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

    /** Family name prefix and label values of one registry. */
    public record RegistryName(String prefix, Map<String, String> labels) {
    }

    private MetricNames() {
    }

    private static Rule rule(String regex, String prefix, String... labels) {
        return new Rule(Pattern.compile(regex), prefix, List.of(labels));
    }

    /** The family prefix and labels for registry {@code name}. */
    public static RegistryName registry(String name) {
        for (Rule r : RULES) {
            Matcher m = r.registry().matcher(name);
            if (m.matches()) {
                Map<String, String> labels = new LinkedHashMap<>();
                for (int i = 0; i < r.labels().size(); i++)
                    labels.put(r.labels().get(i), m.group(i + 1));
                return new RegistryName(r.prefix(), labels);
            }
        }
        List<String> parts = new ArrayList<>();
        for (String p : name.split("\\."))
            parts.add(snake(p));
        return new RegistryName("ignite_" + String.join("_", parts), Map.of());
    }

    /**
     * The family name of metric {@code metric} (its short name, without the registry) in a
     * registry with {@code prefix}. Counters end in {@code _total}; other metrics never end in
     * {@code _count}, {@code _sum} or {@code _bucket}, which Prometheus keeps for histograms.
     */
    public static String family(String prefix, String metric, boolean counter) {
        String m = snake(metric);
        if (m.endsWith("_histogram"))
            m = m.substring(0, m.length() - "_histogram".length());
        String last = prefix.substring(prefix.lastIndexOf('_') + 1);
        if (m.startsWith(last + "_") && m.length() > last.length() + 1)
            m = m.substring(last.length() + 1);
        String name = sanitize(prefix + "_" + m);
        if (counter)
            return name.endsWith("_total") ? name : name + "_total";
        // A gauge named like a count ("..._entries_count") simply drops the suffix.
        for (String reserved : new String[] {"_count", "_sum", "_bucket", "_total", "_created", "_info"}) {
            if (name.endsWith(reserved) && name.length() > reserved.length() + prefix.length())
                return name.substring(0, name.length() - reserved.length());
        }
        return name;
    }

    /**
     * A metric name with a dot carries a value that belongs in a label: {@code receivedMessagesByType.12}
     * (a message type) or {@code <consistentId>.sentMessagesToNode} (a remote node).
     *
     * @return {name, label, value}, or {name, null, null} when there is nothing to split
     */
    public static String[] splitDotted(String shortName) {
        int dot = shortName.lastIndexOf('.');
        if (dot < 0)
            return new String[] {shortName, null, null};
        String head = shortName.substring(0, dot);
        String tail = shortName.substring(dot + 1);
        if (tail.matches("-?\\d+"))
            return new String[] {head, "message_type", tail};
        if (CLIENT_TYPES.contains(head))
            return new String[] {tail, "client_type", head};
        return new String[] {tail, "remote_node", head};
    }

    /** {@code CachePuts} to {@code cache_puts}, {@code OffHeapUsedSize} to {@code off_heap_used_size}. */
    public static String snake(String camel) {
        return sanitize(CAMEL.matcher(camel).replaceAll("_").toLowerCase(Locale.ROOT));
    }

    /** Anything Prometheus does not allow in a name becomes {@code _}. */
    public static String sanitize(String s) {
        String out = s.replaceAll("[^a-zA-Z0-9_:]", "_").replaceAll("_+", "_");
        return Character.isDigit(out.charAt(0)) ? "_" + out : out;
    }
}
