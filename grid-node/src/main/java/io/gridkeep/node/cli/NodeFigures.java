package io.gridkeep.node.cli;

import io.gridkeep.node.internal.MetricsText;
import io.gridkeep.node.internal.TextTable;
import io.gridkeep.observability.prometheus.PrometheusExporterSpi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.ignite.cluster.ClusterNode;

/** Top-line figures per node for {@code cluster status --metrics}, read from each node's metrics endpoint. */
final class NodeFigures {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private NodeFigures() {
    }

    static TextTable table(List<ClusterNode> nodes) {
        TextTable t = new TextTable("CONSISTENT ID", "HEALTH", "CACHE PUTS", "CACHE GETS", "HEAP USED", "OFF-HEAP USED", "CPU", "METRICS");
        for (ClusterNode n : nodes) {
            if (n.isClient())
                continue;
            Object port = n.attribute(PrometheusExporterSpi.PORT_ATTRIBUTE);
            if (port == null) {
                t.row(String.valueOf(n.consistentId()), "-", "-", "-", "-", "-", "-", "no exporter on this node");
                continue;
            }
            String url = null;
            MetricsText m = null;
            for (String addr : addresses(n)) {
                url = "http://" + addr + ":" + port + "/metrics";
                m = fetch(url);
                if (m != null)
                    break;
            }
            if (m == null) {
                t.row(String.valueOf(n.consistentId()), "-", "-", "-", "-", "-", "-", "unreachable: " + url);
                continue;
            }
            String health = m.labelWhereOne("gridkeep_health_status", "status");
            t.row(String.valueOf(n.consistentId()), health == null ? "?" : health,
                count(m.sum("ignite_cache_puts_total")), count(m.sum("ignite_cache_gets_total")),
                bytes(m.sum("jvm_memory_used_bytes", l -> "heap".equals(l.get("area")))),
                bytes(m.sum("ignite_dataregion_total_used_size", l -> "default".equals(l.get("region")))),
                percent(m.sum("ignite_sys_cpu_load")), url);
        }
        return t;
    }

    /** Loopback first: the exporter listens there by default. */
    private static List<String> addresses(ClusterNode n) {
        List<String> a = new ArrayList<>(n.addresses());
        a.sort((x, y) -> Boolean.compare(!x.startsWith("127."), !y.startsWith("127.")));
        return a;
    }

    /** The node's metrics from the first of its addresses that answers, or null. */
    static MetricsText fetchAny(ClusterNode n, Object port) {
        for (String addr : addresses(n)) {
            MetricsText m = fetch("http://" + addr + ":" + port + "/metrics");
            if (m != null)
                return m;
        }
        return null;
    }

    private static MetricsText fetch(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? MetricsText.parse(r.body()) : null;
        }
        catch (IOException e) {
            return null;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String count(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,d", (long)v);
    }

    private static String bytes(double v) {
        if (Double.isNaN(v))
            return "-";
        return v >= 1 << 30 ? String.format(Locale.ROOT, "%.1f GiB", v / (1 << 30)) : String.format(Locale.ROOT, "%.1f MiB", v / (1 << 20));
    }

    private static String percent(double v) {
        return Double.isNaN(v) || v < 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", v * 100);
    }
}
