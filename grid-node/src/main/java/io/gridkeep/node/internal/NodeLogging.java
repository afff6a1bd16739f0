package io.gridkeep.node.internal;

import io.gridkeep.node.GridKeepException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.logger.log4j2.Log4J2Logger;
import org.apache.logging.log4j.LogManager;

/**
 * Sets up Log4j 2 for a node process before anything logs: the distribution's
 * {@code config/log4j2.xml} when run from it, else the copy inside the jar.
 */
public final class NodeLogging {
    private static final String CONFIG_RESOURCE = "io/gridkeep/node/config/log4j2.xml";
    private static final String CLI_CONFIG_RESOURCE = "io/gridkeep/node/config/log4j2-cli.xml";
    private static final Set<String> LEVELS = Set.of("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL");

    private NodeLogging() {
    }

    /**
     * Chooses the configuration and levels; must run before the first logger is created.
     *
     * @param level GridKeep's (root) level
     * @param verbose whether Ignite's INFO log and stack traces go to the console too
     */
    public static void configure(String level, boolean verbose) {
        String lvl = level.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(lvl))
            throw new GridKeepException("node start", "unknown log level '" + level + "'",
                "one of ERROR, WARN, INFO, DEBUG, TRACE");
        System.setProperty("gridkeep.log.level", lvl);
        System.setProperty("gridkeep.log.ignite.console.level", verbose ? "INFO" : "WARN");
        System.setProperty("gridkeep.log.console.exceptions", verbose ? "%n%xEx" : "");
        // Ignite prints to stdout in quiet mode; let it go through the logger instead, without the logo.
        System.setProperty("IGNITE_QUIET", "false");
        System.setProperty("IGNITE_NO_ASCII", "true");
        System.setProperty("IGNITE_UPDATE_NOTIFIER", "false");
        System.setProperty("IGNITE_NO_SHUTDOWN_HOOK", "true");
        if (System.getProperty("log4j2.configurationFile") != null)
            return;
        String home = System.getProperty("gridkeep.home");
        if (home != null && Files.exists(Path.of(home, "config", "log4j2.xml"))) {
            System.setProperty("log4j2.configurationFile", Path.of(home, "config", "log4j2.xml").toString());
            if (System.getProperty("gridkeep.log.dir") == null)
                System.setProperty("gridkeep.log.dir", Path.of(home, "log").toString());
            return;
        }
        URL url = NodeLogging.class.getClassLoader().getResource(CONFIG_RESOURCE);
        if (url != null)
            System.setProperty("log4j2.configurationFile", url.toString());
    }

    /** Client commands: keep standard output for results; log only errors, to standard error. */
    public static void configureClient() {
        if (System.getProperty("log4j2.configurationFile") != null)
            return;
        URL url = NodeLogging.class.getClassLoader().getResource(CLI_CONFIG_RESOURCE);
        if (url != null)
            System.setProperty("log4j2.configurationFile", url.toString());
    }

    /** Routes the node's own logging through Log4j 2, unless the configuration chose a logger. */
    public static void useFor(IgniteConfiguration cfg) {
        if (cfg.getGridLogger() == null)
            cfg.setGridLogger(new Log4J2Logger());
    }

    /** The log file the configuration writes, or null when it writes none. */
    public static String logFile() {
        String dir = System.getProperty("gridkeep.log.dir");
        return dir == null ? null : Path.of(dir, "gridkeep.log").toString();
    }

    /** Flushes and stops Log4j; its own shutdown hook is off so that the node's last lines are kept. */
    public static void shutdown() {
        LogManager.shutdown();
    }
}
