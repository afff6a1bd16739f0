package io.gridkeep.observability.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import io.gridkeep.observability.prometheus.internal.ClusterHealth;
import io.gridkeep.observability.prometheus.internal.HealthCollector;
import io.gridkeep.observability.prometheus.internal.IgniteMetricsCollector;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;
import javax.cache.configuration.Factory;
import javax.net.ssl.SSLContext;
import org.apache.ignite.spi.IgniteSpiAdapter;
import org.apache.ignite.spi.IgniteSpiException;
import org.apache.ignite.spi.IgniteSpiMultipleInstancesSupport;
import org.apache.ignite.spi.metric.BooleanMetric;
import org.apache.ignite.spi.metric.MetricExporterSpi;
import org.apache.ignite.spi.metric.ReadOnlyMetricManager;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;

/**
 * Serves every Ignite metric of this node, JVM metrics and cluster health in Prometheus text
 * format on {@code http://HOST:PORT/metrics}, and health as JSON on {@code /health} (HTTP 503
 * when DOWN). Values are read at scrape time. Drop the jar on a node's class path and add the
 * bean; it replaces nothing else (keep {@code JmxMetricExporterSpi} beside it if you use JMX).
 *
 * <pre>{@code
 * <property name="metricExporterSpi">
 *   <list>
 *     <bean class="io.gridkeep.observability.prometheus.PrometheusExporterSpi">
 *       <property name="host" value="127.0.0.1"/>
 *       <property name="port" value="9464"/>
 *     </bean>
 *   </list>
 * </property>
 * }</pre>
 *
 * <p>Cache metrics need {@code statisticsEnabled} on the cache. The port is published as the
 * node attribute {@value #PORT_ATTRIBUTE} so that tools (and {@code gridkeep cluster status
 * --metrics}) find every node's endpoint.
 */
@IgniteSpiMultipleInstancesSupport(true)
public class PrometheusExporterSpi extends IgniteSpiAdapter implements MetricExporterSpi {
    /** Node attribute holding the port this exporter listens on. */
    public static final String PORT_ATTRIBUTE = "gridkeep.metrics.port";

    private String host = "127.0.0.1";
    private int port = 9464;
    private int portRange;
    private boolean jvmMetrics = true;
    private Factory<SSLContext> sslContextFactory;

    private volatile ReadOnlyMetricManager metrics;
    private HTTPServer server;
    private int boundPort = -1;

    /** Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface). */
    public PrometheusExporterSpi setHost(String host) {
        this.host = host;
        return this;
    }

    public String getHost() {
        return host;
    }

    /** First port to try (default 9464). */
    public PrometheusExporterSpi setPort(int port) {
        this.port = port;
        return this;
    }

    public int getPort() {
        return port;
    }

    /** How many ports after {@link #getPort()} to try when it is taken (default 0: fail). */
    public PrometheusExporterSpi setPortRange(int portRange) {
        this.portRange = portRange;
        return this;
    }

    public int getPortRange() {
        return portRange;
    }

    /** Whether to include JVM metrics (memory, GC, threads; default true). */
    public PrometheusExporterSpi setJvmMetrics(boolean jvmMetrics) {
        this.jvmMetrics = jvmMetrics;
        return this;
    }

    public boolean isJvmMetrics() {
        return jvmMetrics;
    }

    /** The port actually bound, or -1 before start. */
    /**
     * Serves {@code /metrics} and {@code /health} over HTTPS with this context (Ignite's
     * {@code SslContextFactory} is one); null, the default, serves plain HTTP.
     */
    public PrometheusExporterSpi setSslContextFactory(Factory<SSLContext> sslContextFactory) {
        this.sslContextFactory = sslContextFactory;
        return this;
    }

    /** The HTTPS context, or null for plain HTTP. */
    public Factory<SSLContext> getSslContextFactory() {
        return sslContextFactory;
    }

    public int boundPort() {
        return boundPort;
    }

    @Override
    public void setMetricRegistry(ReadOnlyMetricManager registry) {
        this.metrics = registry;
    }

    @Override
    public void setExportFilter(Predicate<ReadOnlyMetricRegistry> filter) {
        // Every registry is exported: Prometheus-side relabelling is where operators drop series.
    }

    @Override
    public Map<String, Object> getNodeAttributes() {
        // Ignite asks after spiStart, so a port taken from the range is the one published.
        return Map.of(PORT_ATTRIBUTE, boundPort > 0 ? boundPort : port);
    }

    @Override
    public void spiStart(String igniteInstanceName) throws IgniteSpiException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new IgniteMetricsCollector(() -> metrics, this::nodeLabels));
        registry.register(new HealthCollector(this::health, this::nodeLabels));
        if (jvmMetrics)
            JvmMetrics.builder().register(registry);
        IOException last = null;
        HttpsConfigurator https = sslContextFactory == null ? null : new HttpsConfigurator(sslContextFactory.create());
        for (int p = port; p <= port + Math.max(0, portRange); p++) {
            try {
                HTTPServer.Builder b = HTTPServer.builder().hostname(host).port(p).registry(registry).defaultHandler(this::handleOther);
                if (https != null)
                    b.httpsConfigurator(https);
                server = b.buildAndStart();
                boundPort = server.getPort();
                break;
            }
            catch (IOException e) {
                last = e;
            }
        }
        if (server == null) {
            String ports = portRange > 0 ? port + "-" + (port + portRange) : String.valueOf(port);
            throw new IgniteSpiException("metrics port " + ports + " already in use on " + host
                + (last instanceof BindException ? "" : ": " + last), last);
        }
        if (log.isInfoEnabled())
            log.info("Prometheus metrics on " + scheme() + "://" + host + ":" + boundPort + "/metrics, health on /health");
    }

    @Override
    public void spiStop() throws IgniteSpiException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** {@code https} when a TLS context is set, else {@code http}. */
    public String scheme() {
        return sslContextFactory == null ? "http" : "https";
    }

    private Labels nodeLabels() {
        if (ignite == null)
            return Labels.EMPTY;
        var local = ignite.cluster().localNode();
        return Labels.of("node_id", local.id().toString(), "consistent_id", String.valueOf(local.consistentId()));
    }

    private ClusterHealth health() {
        return ClusterHealth.read(ignite, this::clusterRebalanced);
    }

    /** Ignite's own cluster-wide flag; true when it cannot be read, so that a missing metric raises no alarm. */
    private boolean clusterRebalanced() {
        ReadOnlyMetricManager mgr = metrics;
        if (mgr == null)
            return true;
        for (ReadOnlyMetricRegistry reg : mgr) {
            if (reg.name().equals("cluster")) {
                Object m = reg.findMetric("Rebalanced");
                return !(m instanceof BooleanMetric b) || b.value();
            }
        }
        return true;
    }

    private void handleOther(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/health")) {
                ClusterHealth h = health();
                send(ex, h.httpStatus(), "application/json", h.toJson() + "\n");
            }
            else if (path.equals("/")) {
                send(ex, 200, "text/plain; charset=utf-8", "GridKeep node exporter: /metrics (Prometheus), /health (JSON)\n");
            }
            else {
                send(ex, 404, "text/plain; charset=utf-8", "not found: " + path + " (try /metrics or /health)\n");
            }
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }
}
