package io.gridkeep.observability.elasticsearch.internal;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * What a failed request to Elasticsearch says in the shipper's warning. A refused certificate comes
 * from the HTTP client as a bare "PKIX path building failed", which does not tell the operator
 * which setting to look at.
 */
final class TlsFailure {
    private TlsFailure() {
    }

    /** The failure's message, with what to check when TLS caused it. */
    static String describe(Throwable e, Path caFile) {
        SSLException ssl = find(e, SSLException.class);
        if (ssl == null)
            return String.valueOf(e.getMessage());
        boolean refused = find(e, CertificateException.class) != null || String.valueOf(ssl.getMessage()).contains("PKIX");
        return "TLS failed: " + ssl.getMessage() + (!refused ? ""
            : caFile == null ? "; the JVM's default CAs do not trust the server's certificate: set property 'caFile' to the CA file"
            : "; the server's certificate is not signed by a CA in " + caFile + " (property 'caFile')");
    }

    private static <T extends Throwable> T find(Throwable top, Class<T> type) {
        Deque<Throwable> todo = new ArrayDeque<>(List.of(top));
        Set<Throwable> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t))
                continue;
            if (type.isInstance(t))
                return type.cast(t);
            if (t.getCause() != null)
                todo.add(t.getCause());
            todo.addAll(List.of(t.getSuppressed()));
        }
        return null;
    }
}
