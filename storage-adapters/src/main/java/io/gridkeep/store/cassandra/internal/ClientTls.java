package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import com.datastax.oss.driver.api.core.ssl.SslEngineFactory;
import java.io.Serializable;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How the store's driver session speaks TLS to Cassandra: not at all, trusting the JVM's default
 * CAs, or trusting exactly those of a CA file. Checked on creation, so that a CA file that is
 * missing or not one fails the store's start, naming the property, not its first read.
 *
 * @param on whether the session uses TLS ({@code ssl}, or implied by {@code sslCaFile})
 * @param caFile the CA file ({@code sslCaFile}); null for the JVM's default trust
 * @param caFilePassword the PKCS#12 trust store's password ({@code sslCaFilePassword}); null for none
 * @param hostnameValidation whether the server's certificate must name the address connected to
 */
public record ClientTls(boolean on, String caFile, String caFilePassword, boolean hostnameValidation) implements Serializable {
    /** Plain connections. */
    public static final ClientTls OFF = new ClientTls(false, null, null, true);

    private static final String FACTORY = "io.gridkeep.store.cassandra.CassandraStoreFactory";

    public ClientTls {
        caFile = caFile == null || caFile.isBlank() ? null : caFile.trim();
        on = on || caFile != null;
        if (caFile != null) {
            try {
                CaFile.sslContext(Path.of(caFile), caFilePassword);
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("gridkeep: cassandra store: sslCaFile: " + e.getMessage()
                    + " (property 'sslCaFile' of " + FACTORY + ")", e);
            }
        }
    }

    /** The driver's engine factory, or null for plain connections. */
    public SslEngineFactory engineFactory() {
        if (!on)
            return null;
        // No reverse DNS: the certificate must name the contact point as configured (an IP or a host name).
        return new ProgrammaticSslEngineFactory(context(), null, hostnameValidation, false);
    }

    /** What to check when Cassandra's certificate is not signed by a trusted CA. */
    public String untrustedHint() {
        return caFile == null ? "the JVM's default CAs do not trust it; set property 'sslCaFile' to the CA file"
            : "it is not signed by a CA in " + caFile + " (property 'sslCaFile')";
    }

    /** What to check when Cassandra's certificate does not name the contact point. */
    public String misnamedHint() {
        return "it does not name the contact point as an IP address or DNS name; use a contact point it names, "
            + "or set property 'sslHostnameValidation' to false";
    }

    /** Part of the key under which sessions are shared: two stores with different trust never share one. */
    String key() {
        return on ? "tls:" + Objects.toString(caFile, "default") + ":" + hostnameValidation : "plain";
    }

    private SSLContext context() {
        if (caFile != null)
            return CaFile.sslContext(Path.of(caFile), caFilePassword);
        try {
            return SSLContext.getDefault();
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no default TLS context", e);
        }
    }

    @Override
    public String toString() {
        return key();
    }
}
