package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One driver session per cluster and login in a JVM, shared by every store that uses it (a session
 * is heavy: connection pools, metadata, timers) and closed when the last of them stops.
 */
public final class Sessions {
    private static final Map<String, Shared> SHARED = new HashMap<>();

    private record Shared(CqlSession session, int[] refs) {
    }

    private Sessions() {
    }

    /** The session for {@code s}'s cluster, connecting when it is the first. */
    public static synchronized CqlSession acquire(StoreSettings s) {
        String key = key(s);
        Shared sh = SHARED.get(key);
        if (sh != null && !sh.session().isClosed()) {
            sh.refs()[0]++;
            return sh.session();
        }
        CqlSessionBuilder b = CqlSession.builder().withLocalDatacenter(s.localDatacenter())
            .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(5))
                // The store bounds its own requests in flight; let the driver queue what it is given.
                .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, 1024)
                .withBoolean(DefaultDriverOption.RECONNECT_ON_INIT, false)
                // The default backs off to a minute: a Cassandra that is back would wait that long for the pending writes.
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(5))
                .build());
        for (String cp : s.contactPoints().split(",")) {
            String p = cp.trim();
            int colon = p.lastIndexOf(':');
            String host = colon > 0 ? p.substring(0, colon) : p;
            int port = colon > 0 ? Integer.parseInt(p.substring(colon + 1)) : 9042;
            b.addContactPoint(new InetSocketAddress(host, port));
        }
        if (s.username() != null && !s.username().isBlank())
            b.withAuthCredentials(s.username(), s.password() == null ? "" : s.password());
        if (s.tls().on())
            b.withSslEngineFactory(s.tls().engineFactory());
        CqlSession session;
        try {
            session = b.build();
        }
        catch (RuntimeException e) {
            throw TlsFailure.explained(e, s).orElseThrow(() -> e);
        }
        SHARED.put(key, new Shared(session, new int[] {1}));
        return session;
    }

    /** Gives a session back; the last store to do so closes it. */
    public static synchronized void release(StoreSettings s, CqlSession session) {
        Shared sh = SHARED.get(key(s));
        if (sh == null || sh.session() != session) {
            session.close();
            return;
        }
        if (--sh.refs()[0] == 0) {
            SHARED.remove(key(s));
            session.close();
        }
    }

    private static String key(StoreSettings s) {
        return s.contactPoints() + "|" + s.localDatacenter() + "|" + s.username() + "|" + s.tls().key();
    }
}
