package io.gridkeep.observability.prometheus.internal;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.ignite.spi.metric.BooleanMetric;
import org.apache.ignite.spi.metric.DoubleMetric;
import org.apache.ignite.spi.metric.HistogramMetric;
import org.apache.ignite.spi.metric.IntMetric;
import org.apache.ignite.spi.metric.LongMetric;
import org.apache.ignite.spi.metric.Metric;
import org.apache.ignite.spi.metric.ReadOnlyMetricManager;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;

/**
 * Reads every Ignite metric registry at scrape time (nothing is copied in the background) and
 * turns it into Prometheus families: registries created after start (new caches) appear on the
 * next scrape.
 */
public final class IgniteMetricsCollector implements MultiCollector {
    private final Supplier<ReadOnlyMetricManager> metrics;
    private final Supplier<Labels> nodeLabels;

    /**
     * What never changes for a metric name: its family, type and the label hidden in a dotted name.
     * Worked out once (regular expressions are most of a scrape's cost otherwise) and reused.
     */
    private record Meta(String family, char type, String label, String labelValue) {
    }

    private final Map<String, MetricNames.RegistryName> registryNames = new ConcurrentHashMap<>();
    private final Map<String, Meta> metas = new ConcurrentHashMap<>();

    /** A family under construction: its type and help come from its first metric. */
    private static final class Family {
        final String name;
        final String help;
        final char type;
        final List<Object> points = new ArrayList<>();
        final Set<Labels> seen = new HashSet<>();

        Family(String name, String help, char type) {
            this.name = name;
            this.help = help;
            this.type = type;
        }
    }

    public IgniteMetricsCollector(Supplier<ReadOnlyMetricManager> metrics, Supplier<Labels> nodeLabels) {
        this.metrics = metrics;
        this.nodeLabels = nodeLabels;
    }

    @Override
    public MetricSnapshots collect() {
        ReadOnlyMetricManager mgr = metrics.get();
        if (mgr == null)
            return MetricSnapshots.of();
        Labels node = nodeLabels.get();
        Map<String, Family> families = new LinkedHashMap<>();
        for (ReadOnlyMetricRegistry reg : mgr) {
            MetricNames.RegistryName rn = registryNames.computeIfAbsent(reg.name(), MetricNames::registry);
            Labels labels = node;
            for (Map.Entry<String, String> l : rn.labels().entrySet())
                labels = labels.add(l.getKey(), l.getValue());
            for (Metric m : reg) {
                Meta meta = metas.computeIfAbsent(rn.prefix() + '\0' + shortName(reg.name(), m.name()) + '\0' + m.getClass().getName(),
                    k -> meta(rn.prefix(), shortName(reg.name(), m.name()), m));
                if (meta != null)
                    add(families, meta, m, meta.label() == null ? labels : labels.add(meta.label(), meta.labelValue()));
            }
        }
        List<MetricSnapshot> out = new ArrayList<>(families.size());
        for (Family f : families.values()) {
            MetricMetadata md = new MetricMetadata(f.name.endsWith("_total") && f.type == 'c'
                ? f.name.substring(0, f.name.length() - "_total".length()) : f.name, f.help);
            switch (f.type) {
                case 'c' -> out.add(new CounterSnapshot(md, cast(f.points)));
                case 'h' -> out.add(new HistogramSnapshot(md, cast(f.points)));
                default -> out.add(new GaugeSnapshot(md, cast(f.points)));
            }
        }
        return new MetricSnapshots(out);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(List<Object> l) {
        return (List<T>)(List<?>)l;
    }

    private static String shortName(String registry, String full) {
        return full.startsWith(registry + ".") ? full.substring(registry.length() + 1) : full;
    }

    /** The family and type of a metric, or null for metrics with no number (text, objects). */
    private static Meta meta(String prefix, String shortName, Metric m) {
        char type;
        if (m instanceof HistogramMetric)
            type = 'h';
        else if (m instanceof LongMetric)
            type = isCounter(m) ? 'c' : 'g';
        else if (m instanceof IntMetric || m instanceof DoubleMetric || m instanceof BooleanMetric)
            type = 'g';
        else
            return null;
        String[] split = MetricNames.splitDotted(shortName);
        return new Meta(MetricNames.family(prefix, split[0], type == 'c'), type, split[1], split[2]);
    }

    private static void add(Map<String, Family> families, Meta meta, Metric m, Labels labels) {
        char type = meta.type();
        Object point;
        if (m instanceof HistogramMetric h)
            point = histogram(h, labels);
        else if (m instanceof LongMetric l) {
            long v = l.value();
            point = type == 'c' ? new CounterDataPointSnapshot(Math.max(0, v), labels, null, 0L)
                : new GaugeDataPointSnapshot(v, labels, null);
        }
        else if (m instanceof IntMetric i)
            point = new GaugeDataPointSnapshot(i.value(), labels, null);
        else if (m instanceof DoubleMetric d)
            point = new GaugeDataPointSnapshot(d.value(), labels, null);
        else
            point = new GaugeDataPointSnapshot(((BooleanMetric)m).value() ? 1 : 0, labels, null);
        if (point == null)
            return;
        String family = meta.family();
        Family existing0 = families.get(family);
        // Ignite has e.g. both a gauge PmeDuration and a histogram PmeDurationHistogram: keep both, apart.
        if (existing0 != null && existing0.type != type)
            family = family + (type == 'h' ? "_distribution" : "_value");
        Family f = families.computeIfAbsent(family, n -> new Family(n, help(m), type));
        if (f.type != type || !f.seen.add(labels))
            return;
        f.points.add(point);
    }

    private static final Pattern TOTAL_NUMBER = Pattern.compile("(?i)^(the )?total number of .*");
    private static final Pattern COUNTER_NAME = Pattern.compile(
        ".*(Hits|Misses|Evictions|Executed|Completed|Failed|Success|Canceled|Rejected|Finished|Started|Commits|Rollbacks|"
            + "Pauses|Processed|PagesRead|PagesWritten|PagesReplaced|LogicalReads.*|PhysicalReads.*|ReceivedMessages|SentMessages)$");
    private static final Pattern LEVEL_WORDS = Pattern.compile("(?i).*(waiting|queue|active|size).*");

    /**
     * Ignite does not say which metrics only grow; these do: "The total number of ..." by their
     * description, event counts by their name (hits, misses, commits, ...), never a level such as a
     * queue size, an active count or a current value.
     */
    static boolean isCounter(Metric m) {
        String d = m.description() == null ? "" : m.description();
        String n = m.name().substring(m.name().lastIndexOf('.') + 1);
        if (LEVEL_WORDS.matcher(d).matches() || LEVEL_WORDS.matcher(n).matches())
            return false;
        return TOTAL_NUMBER.matcher(d).matches() || COUNTER_NAME.matcher(n).matches()
            || m.name().contains("MessagesByType") || m.name().contains("MessagesFromNode") || m.name().contains("MessagesToNode");
    }

    private static HistogramDataPointSnapshot histogram(HistogramMetric h, Labels labels) {
        long[] bounds = h.bounds();
        long[] counts = h.value();
        if (counts == null || counts.length != bounds.length + 1)
            return null;
        double[] upper = new double[bounds.length + 1];
        for (int i = 0; i < bounds.length; i++)
            upper[i] = bounds[i];
        upper[bounds.length] = Double.POSITIVE_INFINITY;
        // Ignite keeps per-bucket counts and no sum: the snapshot carries buckets and count only.
        return new HistogramDataPointSnapshot(ClassicHistogramBuckets.of(upper, counts), Double.NaN, labels, Exemplars.EMPTY, 0L);
    }

    private static String help(Metric m) {
        String d = m.description();
        return d == null || d.isBlank() ? "Ignite metric " + m.name() : d.replace('\n', ' ');
    }
}
