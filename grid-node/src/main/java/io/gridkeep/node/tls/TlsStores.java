package io.gridkeep.node.tls;

import io.gridkeep.node.GridKeepException;
import io.gridkeep.node.internal.PasswordFiles;
import io.gridkeep.node.tls.internal.StoreSslContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.cache.configuration.Factory;
import javax.net.ssl.SSLContext;

/**
 * TLS contexts from the PKCS#12 files {@code gridkeep certs} writes, for a node (its keystore and
 * the cluster's trust store) and for a client (the trust store, and a keystore when the node asks
 * for client certificates). A password that is not given is read from the file next to its store
 * ({@code node1.p12.password}), where {@code gridkeep certs} writes a generated one. The trust
 * store defaults to {@code truststore.p12} beside the keystore.
 *
 * <pre>{@code
 * IgniteConfiguration cfg = ...;
 * cfg.setSslContextFactory(TlsStores.node("/etc/gridkeep/tls/node1.p12", "", "", ""));
 * ClientConfiguration client = new ClientConfiguration().setAddresses("10.0.0.5:10800")
 *     .setSslMode(SslMode.REQUIRED).setSslContextFactory(TlsStores.client(null, Path.of("truststore.p12")));
 * }</pre>
 */
public final class TlsStores {
    /** The trust store {@code gridkeep certs create-ca} writes. */
    public static final String TRUSTSTORE_FILE = "truststore.p12";

    private TlsStores() {
    }

    /**
     * A node's TLS context, or null when {@code keystore} is blank (TLS off), as Spring XML calls it
     * with placeholders; blank passwords are read from the files next to the stores.
     *
     * @throws GridKeepException naming the file that is missing or whose password is missing
     */
    public static Factory<SSLContext> node(String keystore, String keystorePassword, String truststore, String truststorePassword) {
        if (keystore == null || keystore.isBlank())
            return null;
        Path ks = Path.of(keystore.strip()).toAbsolutePath().normalize();
        Path ts = truststore == null || truststore.isBlank() ? ks.resolveSibling(TRUSTSTORE_FILE) : Path.of(truststore.strip());
        return contextOf(ks, keystorePassword, ts, truststorePassword);
    }

    /**
     * The TLS context of {@link #node} when {@code enabled}, else null: the metrics endpoint's, which
     * may stay on plain HTTP while every other port has TLS.
     */
    public static Factory<SSLContext> nodeIf(boolean enabled, String keystore, String keystorePassword, String truststore,
        String truststorePassword) {
        return enabled ? node(keystore, keystorePassword, truststore, truststorePassword) : null;
    }

    /** A client's TLS context: {@code keystore} (may be null) shows a certificate, {@code truststore} checks the node's. */
    public static Factory<SSLContext> client(Path keystore, Path truststore) {
        return contextOf(keystore, null, truststore, null);
    }

    /** A keystore's password as {@link #client} finds it: env {@code GRIDKEEP_KEYSTORE_PASSWORD}, else {@code FILE.password}. */
    public static char[] keystorePassword(Path keystore) {
        return password(keystore, null, "gridkeep.tls.keystore.password", "GRIDKEEP_KEYSTORE_PASSWORD");
    }

    /** A trust store's password as {@link #client} finds it: env {@code GRIDKEEP_TRUSTSTORE_PASSWORD}, else {@code FILE.password}. */
    public static char[] truststorePassword(Path truststore) {
        return password(truststore, null, "gridkeep.tls.truststore.password", "GRIDKEEP_TRUSTSTORE_PASSWORD");
    }

    private static Factory<SSLContext> contextOf(Path ks, String ksPassword, Path ts, String tsPassword) {
        char[] kp = ks == null ? null : password(ks, ksPassword, "gridkeep.tls.keystore.password", "GRIDKEEP_KEYSTORE_PASSWORD");
        char[] tp = password(ts, tsPassword, "gridkeep.tls.truststore.password", "GRIDKEEP_TRUSTSTORE_PASSWORD");
        StoreSslContext ctx = new StoreSslContext(ks, kp, ts, tp);
        try {
            ctx.create();
        }
        catch (IllegalStateException e) {
            String where = ks == null ? ts.toString() : ks.toString();
            throw new GridKeepException("tls", e.getMessage().replace("gridkeep: tls: ", ""), where, e);
        }
        return ctx;
    }

    private static char[] password(Path store, String given, String placeholder, String env) {
        if (!Files.isReadable(store))
            throw new GridKeepException("tls", "no readable file " + store + " (create it with 'gridkeep certs')", store.toString());
        if (given != null && !given.isEmpty())
            return given.toCharArray();
        String fromEnv = System.getenv(env);
        if (fromEnv != null && !fromEnv.isEmpty())
            return fromEnv.toCharArray();
        Path file = PasswordFiles.besideStore(store);
        try {
            return PasswordFiles.firstLine(file);
        }
        catch (IOException e) {
            // A missing file says nothing more than its name; an empty or unreadable one says why.
            String why = Files.exists(file) ? " (" + file + ": " + e.getMessage() + ")" : "";
            throw new GridKeepException("tls", "no password for " + store + ": set " + placeholder + " (env " + env + ") or write it to "
                + file + why, store.toString(), e);
        }
    }
}
