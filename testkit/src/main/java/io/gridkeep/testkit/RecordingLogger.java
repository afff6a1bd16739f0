package io.gridkeep.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.ignite.IgniteLogger;

/**
 * An Ignite logger that keeps what it is told, for tests that check what an operator would read.
 *
 * <pre>{@code
 * RecordingLogger log = new RecordingLogger();
 * new BulkShipper(..., log).ship(...);
 * assertThat(log.warnings()).singleElement().satisfies(w -> assertThat(w).startsWith("Elasticsearch at "));
 * }</pre>
 */
public final class RecordingLogger implements IgniteLogger {
    private final List<String> infos = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    /** The info messages so far, oldest first (a live view). */
    public List<String> infos() {
        return infos;
    }

    /** The warnings so far, oldest first (a live view). */
    public List<String> warnings() {
        return warnings;
    }

    /** The errors so far, oldest first (a live view). */
    public List<String> errors() {
        return errors;
    }

    @Override
    public IgniteLogger getLogger(Object ctgr) {
        return this;
    }

    @Override
    public void trace(String msg) {
    }

    @Override
    public void debug(String msg) {
    }

    @Override
    public void info(String msg) {
        infos.add(msg);
    }

    @Override
    public void warning(String msg, Throwable e) {
        warnings.add(msg);
    }

    @Override
    public void error(String msg, Throwable e) {
        errors.add(msg);
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isQuiet() {
        return false;
    }

    @Override
    public String fileName() {
        return null;
    }
}
