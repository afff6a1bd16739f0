package io.gridkeep.observability.elasticsearch;

import io.gridkeep.observability.elasticsearch.internal.BulkShipper;
import io.gridkeep.observability.elasticsearch.internal.ClusterEventRecorder;
import io.gridkeep.observability.elasticsearch.internal.Document;
import io.gridkeep.observability.elasticsearch.internal.DocumentBuffer;
import io.gridkeep.observability.elasticsearch.internal.EcsLogAppender;
import io.gridkeep.observability.elasticsearch.internal.Log4jAttachment;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.lifecycle.LifecycleBean;
import org.apache.ignite.lifecycle.LifecycleEventType;
import org.apache.ignite.metric.MetricRegistry;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.resources.LoggerResource;

/**
 * Ships the node's log (Ignite's included) and the cluster's events to Elasticsearch as ECS JSON,
 * through a bounded in-memory buffer and the client's {@code BulkIngester}. Never blocks the grid:
 * when Elasticsearch is down, slow or refusing, documents wait in the buffer, and once it is full
 * new ones are dropped and counted ({@code gridkeep_elasticsearch_documents_dropped_total} on the
 * Prometheus endpoint); shipping resumes by itself.
 *
 * <p>Logs go to daily indices {@code <prefix>-logs-yyyy.MM.dd}, events to
 * {@code <prefix>-events-yyyy.MM.dd}; the matching index templates are put on first connect. With
 * no URL set, the bean does nothing, so a configuration can carry it switched off.
 *
 * <pre>{@code
 * <property name="lifecycleBeans">
 *   <list>
 *     <bean class="io.gridkeep.observability.elasticsearch.ElasticsearchShipper">
 *       <property name="urls" value="https://es1:9200,https://es2:9200"/>
 *       <property name="apiKey" value="${ES_API_KEY}"/>
 *       <property name="caFile" value="/etc/gridkeep/tls/es-http-ca.pem"/>
 *       <property name="indexPrefix" value="gridkeep"/>
 *     </bean>
 *   </list>
 * </property>
 * }</pre>
 */
public class ElasticsearchShipper implements LifecycleBean {
    /** The registry of the shipper's metrics ({@code custom.} is added by Ignite). */
    public static final String METRIC_REGISTRY = "gridkeep.elasticsearch";

    @IgniteInstanceResource
    private Ignite ignite;

    @LoggerResource
    private IgniteLogger log;

    private String urls = "";
    private String apiKey;
    private String username;
    private String password;
    private String caFile;
    private String caFilePassword;
    private String indexPrefix = "gridkeep";
    private String serviceName = "gridkeep";
    private String logLevel = "INFO";
    private int bufferCapacity = 10_000;
    private int bulkActions = 500;
    private long flushIntervalMillis = 1000;
    private long maxRetryDelayMillis = 5000;
    private long stopDrainMillis = 5000;
    private boolean shipLogs = true;
    private boolean shipEvents = true;

    private ElasticsearchConnection conn;
    private DocumentBuffer buffer;
    private EcsLogAppender appender;
    private Log4jAttachment attachment;
    private BulkShipper shipper;
    private ClusterEventRecorder events;
    private Map<String, Object> staticFields;

    /** Comma-separated URLs of one Elasticsearch cluster; empty (the default) switches shipping off. */
    public ElasticsearchShipper setUrls(String urls) {
        this.urls = urls == null ? "" : urls.trim();
        return this;
    }

    /** An API key (base64 {@code id:key}); empty for none. Keep it out of files: use a placeholder. */
    public ElasticsearchShipper setApiKey(String apiKey) {
        this.apiKey = apiKey;
        return this;
    }

    /** A user for HTTP basic authentication; empty for none. */
    public ElasticsearchShipper setUsername(String username) {
        this.username = username;
        return this;
    }

    public ElasticsearchShipper setPassword(String password) {
        this.password = password;
        return this;
    }

    /**
     * For https URLs, trust exactly the CAs in this file instead of the JVM's default ones: PEM (one or
     * more certificates, such as Elasticsearch's {@code config/certs/http_ca.crt}) or a PKCS#12 trust
     * store (its password in {@code caFilePassword}). A file that is missing, unreadable or holds no
     * certificate, or a CA file with no https URL, fails the node's start naming the property.
     */
    public ElasticsearchShipper setCaFile(String caFile) {
        this.caFile = caFile;
        return this;
    }

    /** The password of a PKCS#12 {@code caFile}; not needed for PEM. */
    public ElasticsearchShipper setCaFilePassword(String caFilePassword) {
        this.caFilePassword = caFilePassword;
        return this;
    }

    /** The start of every index name (default {@code gridkeep}): lowercase letters, digits, {@code -_.}. */
    public ElasticsearchShipper setIndexPrefix(String indexPrefix) {
        this.indexPrefix = indexPrefix;
        return this;
    }

    /** {@code service.name} of every document (default {@code gridkeep}). */
    public ElasticsearchShipper setServiceName(String serviceName) {
        this.serviceName = serviceName;
        return this;
    }

    /** The lowest level shipped (default INFO); what the logging configuration filters out never arrives. */
    public ElasticsearchShipper setLogLevel(String logLevel) {
        this.logLevel = logLevel;
        return this;
    }

    /** How many documents wait in memory at most (default 10,000); more are dropped and counted. */
    public ElasticsearchShipper setBufferCapacity(int bufferCapacity) {
        this.bufferCapacity = bufferCapacity;
        return this;
    }

    /** Documents per bulk request (default 500). */
    public ElasticsearchShipper setBulkActions(int bulkActions) {
        this.bulkActions = bulkActions;
        return this;
    }

    /** The longest a document waits for a bulk request to fill (default 1000 ms). */
    public ElasticsearchShipper setFlushIntervalMillis(long flushIntervalMillis) {
        this.flushIntervalMillis = flushIntervalMillis;
        return this;
    }

    /** The longest pause between two attempts while Elasticsearch fails (default 5000 ms). */
    public ElasticsearchShipper setMaxRetryDelayMillis(long maxRetryDelayMillis) {
        this.maxRetryDelayMillis = maxRetryDelayMillis;
        return this;
    }

    /** How long a stopping node keeps shipping what is buffered (default 5000 ms). */
    public ElasticsearchShipper setStopDrainMillis(long stopDrainMillis) {
        this.stopDrainMillis = stopDrainMillis;
        return this;
    }

    /** Whether to ship the log (default true). */
    public ElasticsearchShipper setShipLogs(boolean shipLogs) {
        this.shipLogs = shipLogs;
        return this;
    }

    /** Whether to ship cluster events (default true). */
    public ElasticsearchShipper setShipEvents(boolean shipEvents) {
        this.shipEvents = shipEvents;
        return this;
    }

    /** Whether shipping is on (a URL is set). */
    public boolean enabled() {
        return !urls.isEmpty();
    }

    /** What has been shipped and dropped so far; zeros when shipping is off. */
    public ShippingStats stats() {
        DocumentBuffer b = buffer;
        BulkShipper s = shipper;
        if (b == null)
            return new ShippingStats(0, 0, 0, 0, 0, 0, 0, 0, false);
        return new ShippingStats(b.offered(), b.dropped(), s == null ? 0 : s.shipped(), s == null ? 0 : s.duplicates(),
            s == null ? 0 : s.rejected(), s == null ? 0 : s.failedRequests(), s == null ? b.size() : s.pendingDocuments(),
            s == null ? 0 : s.lostOnStop(), s != null && s.up());
    }

    @Override
    public void onLifecycleEvent(LifecycleEventType evt) {
        if (!enabled())
            return;
        switch (evt) {
            case BEFORE_NODE_START -> beforeStart();
            case AFTER_NODE_START -> afterStart();
            case BEFORE_NODE_STOP -> beforeStop();
            default -> {
            }
        }
    }

    private void beforeStart() {
        conn = connection();
        if (!indexPrefix.matches("[a-z0-9][a-z0-9._-]*"))
            throw invalid("indexPrefix",
                "'" + indexPrefix + "' is not a valid index name start (lowercase letters, digits, '-', '_', '.')");
        if (bufferCapacity < 1)
            throw invalid("bufferCapacity", "must be at least 1, was " + bufferCapacity);
        if (bulkActions < 1)
            throw invalid("bulkActions", "must be at least 1, was " + bulkActions);
        if (flushIntervalMillis < 1 || maxRetryDelayMillis < 1 || stopDrainMillis < 0)
            throw invalid("flushIntervalMillis/maxRetryDelayMillis/stopDrainMillis", "must be positive");
        buffer = new DocumentBuffer(bufferCapacity);
        staticFields = new LinkedHashMap<>();
        staticFields.put("service.name", serviceName);
        staticFields.put("host.name", hostName());
        staticFields.put("ecs.version", "8.11.0");
        if (shipLogs) {
            appender = new EcsLogAppender("gridkeep-elasticsearch-" + System.identityHashCode(this), buffer, staticFields);
            try {
                attachment = Log4jAttachment.attach(appender, logLevel);
            }
            catch (IllegalArgumentException e) {
                throw invalid("logLevel", e.getMessage());
            }
        }
    }

    private void afterStart() {
        if (appender != null)
            appender.instanceName(ignite.name());
        if (shipLogs && attachment == null)
            log.warning("Elasticsearch: this process does not log through Log4j 2 (log4j-core), so only cluster events are shipped");
        String nodeId = ignite.cluster().localNode().id().toString();
        String consistentId = String.valueOf(ignite.cluster().localNode().consistentId());
        String instance = ignite.name();
        shipper = new BulkShipper(conn, indexPrefix, buffer, bulkActions, Duration.ofMillis(flushIntervalMillis),
            Duration.ofMillis(maxRetryDelayMillis), d -> enrich(d, nodeId, consistentId, instance), log);
        registerMetrics();
        shipper.start("gridkeep-es-shipper%" + (instance == null ? "" : instance) + "%");
        if (shipEvents) {
            events = new ClusterEventRecorder(ignite, buffer, staticFields);
            events.start();
        }
        if (log.isInfoEnabled())
            log.info("Shipping " + (shipLogs ? "logs (" + logLevel + " and above) and " : "") + (shipEvents ? "cluster events " : "")
                + "to Elasticsearch at " + conn.urls() + " into " + indexPrefix + "-*, buffering up to " + bufferCapacity + " documents");
    }

    private void beforeStop() {
        if (events != null)
            events.close();
        if (attachment != null)
            attachment.close();
        if (shipper != null) {
            shipper.close(Duration.ofMillis(stopDrainMillis));
            ShippingStats s = stats();
            String summary = "Elasticsearch shipping stopped: " + s.shipped() + " documents shipped, "
                + s.dropped() + " dropped (buffer full), " + s.rejected() + " rejected, " + s.lostOnStop() + " unshipped at stop";
            if (s.lostOnStop() > 0)
                log.warning(summary);
            else if (log.isInfoEnabled())
                log.info(summary);
        }
        try {
            ignite.metrics().remove(METRIC_REGISTRY);
        }
        catch (RuntimeException e) {
            // The registry goes with the node anyway.
        }
    }

    private static void enrich(Document d, String nodeId, String consistentId, String instance) {
        Map<String, Object> s = d.source();
        s.putIfAbsent("ignite.node_id", nodeId);
        s.putIfAbsent("ignite.consistent_id", consistentId);
        if (instance != null)
            s.putIfAbsent("ignite.instance_name", instance);
    }

    private void registerMetrics() {
        MetricRegistry r = ignite.metrics().getOrCreate(METRIC_REGISTRY);
        r.register("DocumentsOffered", () -> buffer.offered(), "Total number of documents (log lines and events) offered to the buffer.");
        r.register("DocumentsDropped", () -> buffer.dropped(), "Total number of documents dropped because the buffer was full.");
        r.register("DocumentsShipped", () -> shipper.shipped(), "Total number of documents indexed in Elasticsearch.");
        r.register("DocumentsDuplicate", () -> shipper.duplicates(),
            "Total number of documents Elasticsearch already had (another node or a retry wrote them).");
        r.register("DocumentsRejected", () -> shipper.rejected(),
            "Total number of documents Elasticsearch refused for good (mapping errors).");
        r.register("RequestsFailed", () -> shipper.failedRequests(),
            "Total number of requests to Elasticsearch that failed and were retried.");
        r.register("PendingDocuments", () -> shipper.pendingDocuments(), "Documents waiting in the buffer, for a retry or in flight.");
        r.register("BufferCapacity", () -> (long)buffer.capacity(), "How many documents the buffer holds at most.");
        r.register("Up", () -> shipper.up() ? 1L : 0L, "1 when the last request to Elasticsearch succeeded, else 0.");
    }

    private ElasticsearchConnection connection() {
        ElasticsearchConnection c;
        try {
            c = ElasticsearchConnection.of(urls).apiKey(apiKey).basicAuth(username, password)
                .requestTimeout(Duration.ofSeconds(10));
        }
        catch (IllegalArgumentException e) {
            throw invalid("urls", e.getMessage());
        }
        if (caFile == null || caFile.isBlank())
            return c;
        try {
            return c.caFile(Path.of(caFile.trim()), caFilePassword);
        }
        catch (IllegalArgumentException e) {
            throw invalid("caFile", e.getMessage());
        }
    }

    private static IgniteException invalid(String property, String why) {
        return new IgniteException("gridkeep: Elasticsearch shipping: " + why + " (property '" + property + "' of "
            + ElasticsearchShipper.class.getName() + ")");
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank())
            return env;
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
