package io.gridkeep.node.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What {@link CertificateAuthority#issue(String)} wrote: a PKCS#12 keystore (private key and chain, mode 0600)
 * for Java and Ignite, and the same as PEM for other clients: the chain (leaf, then CA) and the private key
 * (PKCS#8, unencrypted, mode 0600).
 *
 * <pre>{@code
 * IssuedCertificate node = ca.issue("node1").password(pw).write();
 * SslContextFactory ssl = new SslContextFactory();
 * ssl.setKeyStoreType("PKCS12");
 * ssl.setKeyStoreFilePath(node.keystore().toString());
 * }</pre>
 *
 * @param keystore the PKCS#12 keystore, {@code NAME.p12}
 * @param certificatePem the chain as PEM, {@code NAME.pem}
 * @param privateKeyPem the private key as PEM, {@code NAME-key.pem}
 * @param chain the certificate chain: the issued certificate, then the CA's
 */
public record IssuedCertificate(Path keystore, Path certificatePem, Path privateKeyPem, List<X509Certificate> chain) {
    public IssuedCertificate {
        chain = List.copyOf(chain);
    }

    /** Where the chain goes as PEM beside {@code keystore}: {@code node1.p12} gives {@code node1.pem}. */
    public static Path certificatePemFor(Path keystore) {
        return keystore.resolveSibling(baseName(keystore) + ".pem");
    }

    /** Where the private key goes as PEM beside {@code keystore}: {@code node1.p12} gives {@code node1-key.pem}. */
    public static Path privateKeyPemFor(Path keystore) {
        return keystore.resolveSibling(baseName(keystore) + "-key.pem");
    }

    private static String baseName(Path keystore) {
        return keystore.getFileName().toString().replaceFirst("\\.p12$", "");
    }

    /** The issued certificate, first of the chain. */
    public X509Certificate certificate() {
        return chain.get(0);
    }
}
