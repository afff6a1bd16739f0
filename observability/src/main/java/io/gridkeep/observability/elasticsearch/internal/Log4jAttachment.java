package io.gridkeep.observability.elasticsearch.internal;

import java.beans.PropertyChangeListener;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Hangs an appender on the running Log4j 2 configuration: on the root logger and on every logger
 * that does not pass its events up (GridKeep's node configuration routes {@code org.apache.ignite}
 * that way), and again after Log4j reloads its configuration.
 */
public final class Log4jAttachment implements AutoCloseable {
    private final LoggerContext ctx;
    private final EcsLogAppender appender;
    private final Level level;
    private final PropertyChangeListener reattach;
    private Configuration attachedTo;

    private Log4jAttachment(LoggerContext ctx, EcsLogAppender appender, Level level) {
        this.ctx = ctx;
        this.appender = appender;
        this.level = level;
        this.reattach = evt -> {
            // updateLoggers() announces the same configuration again: only a new one needs the appender.
            if (LoggerContext.PROPERTY_CONFIG.equals(evt.getPropertyName())
                && evt.getNewValue() instanceof Configuration c && c != attachedTo)
                attach(c);
        };
    }

    /**
     * Attaches {@code appender} at {@code level}; returns null when the process does not log
     * through Log4j 2 core (log shipping then has nothing to hook into).
     */
    public static Log4jAttachment attach(EcsLogAppender appender, String level) {
        Level lvl = Level.toLevel(level, null);
        if (lvl == null)
            throw new IllegalArgumentException("unknown log level '" + level + "' (one of ERROR, WARN, INFO, DEBUG, TRACE)");
        Object c;
        try {
            c = LogManager.getContext(false);
        }
        catch (LinkageError e) {
            return null;
        }
        if (!(c instanceof LoggerContext))
            return null;
        Log4jAttachment a = new Log4jAttachment((LoggerContext)c, appender, lvl);
        appender.start();
        a.attach(a.ctx.getConfiguration());
        a.ctx.addPropertyChangeListener(a.reattach);
        return a;
    }

    private synchronized void attach(Configuration cfg) {
        attachedTo = cfg;
        cfg.addAppender(appender);
        LoggerConfig root = cfg.getRootLogger();
        if (!root.getAppenders().containsKey(appender.getName()))
            root.addAppender(appender, level, null);
        for (LoggerConfig lc : cfg.getLoggers().values()) {
            if (lc != root && !lc.isAdditive() && !lc.getAppenders().containsKey(appender.getName()))
                lc.addAppender(appender, level, null);
        }
        ctx.updateLoggers(cfg);
    }

    /** Takes the appender off every logger and stops it. */
    @Override
    public synchronized void close() {
        ctx.removePropertyChangeListener(reattach);
        Configuration cfg = ctx.getConfiguration();
        cfg.getRootLogger().removeAppender(appender.getName());
        for (LoggerConfig lc : cfg.getLoggers().values())
            lc.removeAppender(appender.getName());
        ctx.updateLoggers(cfg);
        appender.stop();
    }
}
