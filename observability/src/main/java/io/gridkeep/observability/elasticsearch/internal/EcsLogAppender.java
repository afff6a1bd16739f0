package io.gridkeep.observability.elasticsearch.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * A Log4j 2 appender that turns every log event into an ECS document and offers it to the
 * {@link DocumentBuffer}: no I/O and no waiting on the logging thread.
 *
 * <p>Logs of the Elasticsearch client itself are not shipped (they would feed back into the
 * shipper while Elasticsearch is down). In a JVM with several Ignite nodes, a line from a thread of
 * another node (Ignite names its threads {@code name-#N%instance%}) is left to that node's shipper.
 */
public final class EcsLogAppender extends AbstractAppender {
    private static final String[] OWN_CLIENT_LOGGERS = {"org.elasticsearch.client", "co.elastic.clients", "org.apache.http"};

    private final DocumentBuffer buffer;
    private final Map<String, Object> staticFields;
    private volatile String instanceName;

    /**
     * @param staticFields fields every document carries ({@code service.name}, {@code host.name}, ...)
     */
    public EcsLogAppender(String name, DocumentBuffer buffer, Map<String, Object> staticFields) {
        super(name, null, null, true, Property.EMPTY_ARRAY);
        this.buffer = buffer;
        this.staticFields = Map.copyOf(staticFields);
    }

    /** The node's instance name, once known; lines from other nodes' threads are skipped then. */
    public void instanceName(String name) {
        this.instanceName = name;
    }

    @Override
    public void append(LogEvent e) {
        String logger = e.getLoggerName() == null ? "" : e.getLoggerName();
        for (String own : OWN_CLIENT_LOGGERS) {
            if (logger.startsWith(own))
                return;
        }
        String thread = e.getThreadName();
        if (!ownThread(thread) || !buffer.hasRoom())
            return;
        Instant ts = Instant.ofEpochMilli(e.getInstant().getEpochMillisecond());
        Map<String, Object> doc = new LinkedHashMap<>(16);
        doc.put("@timestamp", ts.toString());
        doc.put("log.level", level(e.getLevel()));
        doc.put("message", e.getMessage() == null ? "" : e.getMessage().getFormattedMessage());
        doc.put("log.logger", logger);
        doc.put("process.thread.name", thread);
        Throwable t = e.getThrown();
        if (t != null) {
            doc.put("error.type", t.getClass().getName());
            doc.put("error.message", String.valueOf(t.getMessage()));
            StringWriter sw = new StringWriter();
            t.printStackTrace(new PrintWriter(sw));
            doc.put("error.stack_trace", sw.toString());
        }
        doc.putAll(staticFields);
        buffer.offer(new Document(Document.Stream.LOGS, null, ts, doc));
    }

    private boolean ownThread(String thread) {
        String mine = instanceName;
        if (mine == null || thread == null)
            return true;
        int end = thread.lastIndexOf('%');
        int start = end > 0 ? thread.lastIndexOf('%', end - 1) : -1;
        if (start < 0)
            return true;
        return thread.substring(start + 1, end).equals(mine);
    }

    private static String level(Level l) {
        return l == null ? "INFO" : l.name();
    }
}
