package io.gridkeep.node.cli;

import io.gridkeep.node.GridKeepException;
import io.gridkeep.node.internal.ResultFormat;
import io.gridkeep.observability.elasticsearch.ClusterEvent;
import io.gridkeep.observability.elasticsearch.ClusterEvents;
import io.gridkeep.observability.elasticsearch.ElasticsearchConnection;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridkeep events}: recent cluster events, read from Elasticsearch. */
@Command(name = "events", mixinStandardHelpOptions = true,
    description = {"List recent cluster events (nodes joined, left or failed, activation, baseline, caches, "
        + "rebalancing, lost partitions, store backends) that the nodes shipped to Elasticsearch, oldest first."},
    footer = {"", "Credentials come from the environment, never from flags: GRIDKEEP_ELASTICSEARCH_API_KEY, or",
        "GRIDKEEP_ELASTICSEARCH_USERNAME and GRIDKEEP_ELASTICSEARCH_PASSWORD.",
        "", "Examples:", "  gridkeep events", "  gridkeep events --since 1d --type node-failed",
        "  gridkeep events --elasticsearch https://es1:9200 --format json"})
final class EventsCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Option(names = "--since", defaultValue = "1h", paramLabel = "AGE",
        description = "How far back: a number and s, m, h or d (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only this type: node-joined, node-left, node-failed, "
        + "cluster-activated, cluster-deactivated, baseline-changed, cache-created, cache-destroyed, rebalance-started, "
        + "rebalance-finished, partition-lost, store-down, store-up.")
    String type;

    @Option(names = "--limit", defaultValue = "100", paramLabel = "N",
        description = "At most the N latest events (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = {"--elasticsearch", "-e"}, paramLabel = "URLS",
        defaultValue = "${env:GRIDKEEP_ELASTICSEARCH_URLS:-http://127.0.0.1:9200}",
        description = "Elasticsearch URL(s), comma-separated (default: $GRIDKEEP_ELASTICSEARCH_URLS, else http://127.0.0.1:9200).")
    String urls;

    @Option(names = "--index-prefix", paramLabel = "PREFIX", defaultValue = "${env:GRIDKEEP_ELASTICSEARCH_INDEX_PREFIX:-gridkeep}",
        description = "The nodes' index prefix (default: $GRIDKEEP_ELASTICSEARCH_INDEX_PREFIX, else gridkeep).")
    String prefix;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ResultFormat format;

    @Override
    public Integer call() {
        Duration age = age(since);
        if (limit < 1 || limit > 10_000)
            throw new UsageException("events", "--limit must be between 1 and 10000, was " + limit, "--limit");
        if (type != null && !ClusterEvents.types().contains(type))
            throw new UsageException("events", "unknown event type '" + type + "'",
                "--type; one of " + String.join(", ", ClusterEvents.types()));
        ElasticsearchConnection es;
        try {
            es = ElasticsearchConnection.of(urls).apiKey(System.getenv("GRIDKEEP_ELASTICSEARCH_API_KEY"))
                .basicAuth(System.getenv("GRIDKEEP_ELASTICSEARCH_USERNAME"), System.getenv("GRIDKEEP_ELASTICSEARCH_PASSWORD"));
        }
        catch (IllegalArgumentException e) {
            throw new UsageException("events", e.getMessage(), "--elasticsearch");
        }
        List<ClusterEvent> events;
        try {
            events = ClusterEvents.search(es, prefix, age, type, limit);
        }
        catch (IOException | RuntimeException e) {
            throw new GridKeepException("events", "cannot read events from Elasticsearch: " + e.getMessage(), es.urls());
        }
        List<Object[]> rows = new ArrayList<>();
        for (ClusterEvent e : events)
            rows.add(new Object[] {TIME.format(e.timestamp().atZone(ZoneId.systemDefault())), e.type(), e.node(), e.cache(), e.message()});
        PrintWriter out = spec.commandLine().getOut();
        if (rows.isEmpty() && format == ResultFormat.TABLE)
            out.println("no events in the last " + since + (type == null ? "" : " of type " + type) + " (indices " + prefix + "-events-*)");
        else
            format.print(List.of("TIME", "TYPE", "NODE", "CACHE", "MESSAGE"), rows, out);
        out.flush();
        return 0;
    }

    static Duration age(String s) {
        Matcher m = DURATION.matcher(s.trim().toLowerCase(Locale.ROOT));
        if (!m.matches())
            throw new UsageException("events", "'" + s + "' is not an age such as 30m, 1h or 7d", "--since");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
