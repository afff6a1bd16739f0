package io.gridkeep.store.hdfs.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.ignite.IgniteLogger;

/** An Ignite logger that keeps what it is told, for tests that check what an operator would read. */
final class RecordingLogger implements IgniteLogger {
    final List<String> infos = new CopyOnWriteArrayList<>();
    final List<String> warnings = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();

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
