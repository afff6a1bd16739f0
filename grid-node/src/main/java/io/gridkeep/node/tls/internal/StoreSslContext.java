package io.gridkeep.node.tls.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import javax.cache.configuration.Factory;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} from PKCS#12 files: a key store (optional for a client) and a trust store.
 * Ignite's own SslContextFactory insists on a key store, which a client without a certificate
 * does not have. Serializable because Ignite's configuration objects may be.
 */
public final class StoreSslContext implements Factory<SSLContext>, Serializable {
    private static final long serialVersionUID = 1L;

    private final String keystore;
    private final char[] keystorePassword;
    private final String truststore;
    private final char[] truststorePassword;

    /** {@code keystore} may be null: a client that shows no certificate. */
    public StoreSslContext(Path keystore, char[] keystorePassword, Path truststore, char[] truststorePassword) {
        this.keystore = keystore == null ? null : keystore.toString();
        this.keystorePassword = keystorePassword;
        this.truststore = truststore.toString();
        this.truststorePassword = truststorePassword;
    }

    @Override
    public SSLContext create() {
        try {
            KeyManager[] keys = null;
            if (keystore != null) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(keystore, keystorePassword), keystorePassword);
                keys = kmf.getKeyManagers();
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(truststore, truststorePassword));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, tmf.getTrustManagers(), null);
            return ctx;
        }
        catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("gridkeep: tls: cannot build a TLS context from keystore " + keystore + " and truststore "
                + truststore + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String file, char[] password) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            ks.load(in, password);
        }
        catch (IOException e) {
            throw new IOException(file + ": " + (e.getCause() instanceof UnrecoverableKeyException
                ? "wrong password" : e.getMessage()), e);
        }
        return ks;
    }
}
