package io.gridkeep.node.tls;

import java.nio.file.Path;
import javax.cache.configuration.Factory;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS for the JDBC thin driver from the system properties {@value #TRUSTSTORE} and, for a client
 * certificate, {@value #KEYSTORE}: the driver's own {@code sslClientCertificateKeyStoreUrl} cannot be
 * left out, so a client without a certificate names this class instead
 * ({@code jdbc:ignite:thin://host:10800?sslMode=require&sslFactory=io.gridkeep.node.tls.JdbcTlsFactory}).
 * Passwords come as for {@link TlsStores#client}.
 *
 * <pre>{@code
 * System.setProperty(JdbcTlsFactory.TRUSTSTORE, "/etc/gridkeep/tls/truststore.p12");
 * Connection c = DriverManager.getConnection(
 *     "jdbc:ignite:thin://10.0.0.5:10800?sslMode=require&sslFactory=" + JdbcTlsFactory.class.getName(), props);
 * }</pre>
 */
public final class JdbcTlsFactory implements Factory<SSLSocketFactory> {
    private static final long serialVersionUID = 1L;

    /** System property: the PKCS#12 trust store that holds the cluster's CA. */
    public static final String TRUSTSTORE = "gridkeep.jdbc.tls.truststore";

    /** System property: a PKCS#12 client keystore, for nodes that require client certificates (optional). */
    public static final String KEYSTORE = "gridkeep.jdbc.tls.keystore";

    @Override
    public SSLSocketFactory create() {
        String ts = System.getProperty(TRUSTSTORE);
        if (ts == null || ts.isBlank())
            throw new IllegalStateException("gridkeep: tls: set the system property " + TRUSTSTORE + " to the cluster's truststore.p12");
        String ks = System.getProperty(KEYSTORE);
        return TlsStores.client(ks == null || ks.isBlank() ? null : Path.of(ks), Path.of(ts)).create().getSocketFactory();
    }
}
