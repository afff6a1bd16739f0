package io.gridkeep.security.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Logs refused operations, each kind (who, what, on what) at most once per {@link #QUIET_NANOS}:
 * a client retrying a forbidden put in a loop must not flood the node's log.
 */
final class Refusals {
    static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int MAX_KINDS = 10_000;

    private final Consumer<String> log;
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

    Refusals(Consumer<String> log) {
        this.log = log;
    }

    void log(String kind, String message) {
        long now = System.nanoTime();
        Long last = lastLogged.get(kind);
        if (last != null && now - last < QUIET_NANOS)
            return;
        if (lastLogged.size() > MAX_KINDS)
            lastLogged.clear();
        lastLogged.put(kind, now);
        log.accept(message);
    }
}
