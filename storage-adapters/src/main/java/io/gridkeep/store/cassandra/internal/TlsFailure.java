package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import java.security.cert.CertificateException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Turns a connect failure caused by TLS into a message an operator can act on. The driver reports
 * it as "could not reach any contact point" with the handshake's exception several levels down (in
 * the errors per node), which reads like a network problem.
 */
final class TlsFailure {
    private TlsFailure() {
    }

    /** A clearer exception when {@code e} comes from a failed TLS handshake, else empty. */
    static Optional<IllegalStateException> explained(RuntimeException e, StoreSettings s) {
        Throwable ssl = find(e, SSLException.class);
        if (ssl == null)
            return Optional.empty();
        String where = "TLS with Cassandra at " + s.contactPoints() + " failed (" + ssl.getMessage() + "): ";
        // The JDK reports a certificate of an untrusted CA as PKIX path building failed, one that names
        // another host as a CertificateException about subject alternative names.
        String why = String.valueOf(ssl.getMessage()).contains("PKIX") ? "the server's certificate is refused: " + s.tls().untrustedHint()
            : find(e, CertificateException.class) != null ? "the server's certificate is refused: " + s.tls().misnamedHint()
            : "is TLS on for Cassandra's client port (client_encryption_options in cassandra.yaml)?";
        return Optional.of(new IllegalStateException(where + why, e));
    }

    /** The first throwable of {@code type} among the causes, suppressed and per-node errors of {@code top}. */
    private static Throwable find(Throwable top, Class<? extends Throwable> type) {
        Deque<Throwable> todo = new ArrayDeque<>(List.of(top));
        Set<Throwable> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t))
                continue;
            if (type.isInstance(t))
                return t;
            if (t.getCause() != null)
                todo.add(t.getCause());
            todo.addAll(List.of(t.getSuppressed()));
            if (t instanceof AllNodesFailedException all)
                all.getAllErrors().values().forEach(todo::addAll);
        }
        return null;
    }
}
