package io.gridkeep.observability.elasticsearch;

import java.beans.PropertyChangeListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The WARN and ERROR lines this JVM logs through Log4j 2 while it is open: what an operator would read
 * in the node's log. Follows a reconfiguration (a starting node's {@code Log4J2Logger} makes one).
 */
final class LogCapture extends AbstractAppender implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext ctx = (LoggerContext)LogManager.getContext(false);
    private final PropertyChangeListener reattach = evt -> {
        if (LoggerContext.PROPERTY_CONFIG.equals(evt.getPropertyName()) && evt.getNewValue() instanceof Configuration c)
            attach(c);
    };

    private LogCapture() {
        super("gridkeep-test-capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
    }

    static LogCapture warnings() {
        LogCapture c = new LogCapture();
        c.start();
        c.attach(c.ctx.getConfiguration());
        c.ctx.addPropertyChangeListener(c.reattach);
        return c;
    }

    private synchronized void attach(Configuration cfg) {
        if (cfg.getRootLogger().getAppenders().containsKey(getName()))
            return;
        cfg.addAppender(this);
        cfg.getRootLogger().addAppender(this, Level.WARN, null);
        for (LoggerConfig lc : cfg.getLoggers().values()) {
            if (lc != cfg.getRootLogger() && !lc.isAdditive())
                lc.addAppender(this, Level.WARN, null);
        }
        ctx.updateLoggers(cfg);
    }

    @Override
    public void append(LogEvent event) {
        lines.add(event.getMessage().getFormattedMessage());
    }

    /** The lines so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        ctx.removePropertyChangeListener(reattach);
        Configuration cfg = ctx.getConfiguration();
        cfg.getRootLogger().removeAppender(getName());
        cfg.getLoggers().values().forEach(lc -> lc.removeAppender(getName()));
        ctx.updateLoggers(cfg);
        stop();
    }
}
