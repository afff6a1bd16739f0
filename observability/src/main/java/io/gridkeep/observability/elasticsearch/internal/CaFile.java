package io.gridkeep.observability.elasticsearch.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client context that trusts exactly the CAs of one file: PEM (one or more certificates, the
 * form {@code gridkeep certs} and Elasticsearch's {@code http_ca.crt} have) or a PKCS#12 trust store,
 * told apart by content. storage-adapters has the same class for the Cassandra driver: the libraries
 * depend on no shared GridKeep module, each is one jar (docs/architecture.md), and the JDK does the
 * work, so the copy stays this small.
 */
public final class CaFile {
    private CaFile() {
    }

    /**
     * @param password the PKCS#12 trust store's password; ignored for PEM, null for none
     * @throws IllegalArgumentException saying what is wrong with the file (missing, unreadable, no certificate)
     */
    public static SSLContext sslContext(Path file, String password) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore(file, password));
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build a TLS context trusting " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore trustStore(Path file, String password) throws GeneralSecurityException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("cannot read the CA file " + file + " (" + e + ")", e);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        if (new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN ")) {
            try {
                ks.load(null, null);
                int i = 0;
                for (Certificate c : certificates(bytes))
                    ks.setCertificateEntry("ca-" + i++, c);
            }
            catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("the CA file " + file + " is not PEM certificates (" + e.getMessage() + ")", e);
            }
        }
        else {
            try {
                ks.load(new ByteArrayInputStream(bytes), password == null ? null : password.toCharArray());
            }
            catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("the CA file " + file + " is neither PEM certificates nor a PKCS#12 trust store "
                    + "that opens with the password given (" + e.getMessage() + ")", e);
            }
        }
        // An encrypted PKCS#12 opened without its password shows no certificate: say so rather than trust nothing.
        if (Collections.list(ks.aliases()).stream().noneMatch(a -> isCertificate(ks, a)))
            throw new IllegalArgumentException("the CA file " + file + " holds no certificate"
                + (password == null ? " (a PKCS#12 trust store needs its password)" : ""));
        return ks;
    }

    private static Collection<? extends Certificate> certificates(byte[] pem) throws GeneralSecurityException {
        Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(pem));
        if (certs.isEmpty())
            throw new GeneralSecurityException("no certificate in it");
        return certs;
    }

    private static boolean isCertificate(KeyStore ks, String alias) {
        try {
            return ks.isCertificateEntry(alias) || ks.getCertificate(alias) != null;
        }
        catch (GeneralSecurityException e) {
            return false;
        }
    }
}
