package io.gridkeep.node.tls;

import io.gridkeep.node.GridKeepException;
import io.gridkeep.node.internal.PrivateFiles;
import io.gridkeep.node.tls.internal.Pem;
import io.gridkeep.node.tls.internal.Pkcs12;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and checks the files {@link CertificateAuthority} writes (and any PEM or PKCS#12 file), and adds a second
 * CA to a trust store for a CA rollover.
 *
 * <pre>{@code
 * List<X509Certificate> chain = CertificateFiles.read(Path.of("tls/node1.p12"), keystorePassword);
 * CertificateFiles.verifyChain(chain, CertificateFiles.read(Path.of("tls/ca.pem"), null));
 *
 * // Rollover: the old CA's trust store trusts the new CA too.
 * CertificateFiles.addTrusted(Path.of("tls/truststore.p12"), trustPassword, newCa.certificate());
 * }</pre>
 */
public final class CertificateFiles {
    private CertificateFiles() {
    }

    /** Whether {@code file} is PEM text (rather than PKCS#12 or DER), by its first bytes; {@code false} if it cannot be read. */
    public static boolean isPem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Pem.isPem(in.readNBytes(4096));
        }
        catch (IOException e) {
            return false;
        }
    }

    /**
     * The certificates of a PEM file, in order, or of a PKCS#12 keystore: the chain of each key entry (the
     * certificate, then its CA), then each trusted certificate.
     *
     * @param password the keystore's password; ignored for PEM, which may be {@code null}
     * @throws WrongPasswordException if {@code password} does not open a PKCS#12 file
     * @throws GridKeepException if the file cannot be read or holds no certificate
     */
    public static List<X509Certificate> read(Path file, char[] password) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        }
        catch (IOException e) {
            throw new GridKeepException("cannot read " + file, PrivateFiles.reason(e), null, e);
        }
        List<X509Certificate> out = new ArrayList<>();
        if (Pem.isPem(bytes)) {
            try {
                out.addAll(Pem.readCertificates(bytes));
            }
            catch (IOException | GeneralSecurityException e) {
                throw new GridKeepException("cannot read " + file, "not a valid PEM file: " + e.getMessage(), null, e);
            }
        }
        else {
            if (password == null)
                throw new GridKeepException("cannot open " + file, "a PKCS#12 keystore needs its password", null);
            KeyStore ks = Pkcs12.load(file, password);
            try {
                List<X509Certificate> trusted = new ArrayList<>();
                for (String alias : Collections.list(ks.aliases())) {
                    if (ks.isKeyEntry(alias)) {
                        Certificate[] chain = ks.getCertificateChain(alias);
                        for (Certificate c : chain == null ? new Certificate[0] : chain)
                            out.add((X509Certificate)c);
                    }
                    else if (ks.getCertificate(alias) instanceof X509Certificate c)
                        trusted.add(c);
                }
                out.addAll(trusted);
            }
            catch (GeneralSecurityException e) {
                throw new GridKeepException("cannot read " + file, e.getMessage(), null, e);
            }
        }
        if (out.isEmpty())
            throw new GridKeepException("cannot read " + file, "it holds no certificate", null);
        return out;
    }

    /**
     * Checks that {@code chain} (a certificate first, then the CAs that issued it) leads to one of {@code cas} and
     * is valid now (PKIX: signatures, validity, basic constraints, key usage; no revocation lists). A chain that is
     * one of {@code cas} itself passes.
     *
     * @throws GridKeepException with the validator's reason if it does not
     */
    public static void verifyChain(List<X509Certificate> chain, Collection<X509Certificate> cas) {
        if (chain.isEmpty())
            throw new IllegalArgumentException("empty chain");
        String subject = chain.get(0).getSubjectX500Principal().getName();
        String what = "certificate does not chain to " + cas.stream().map(c -> c.getSubjectX500Principal().getName())
            .collect(Collectors.joining(" or "));
        List<X509Certificate> path = new ArrayList<>(chain);
        // The anchor itself is no part of a PKIX path.
        while (!path.isEmpty() && cas.contains(path.get(path.size() - 1)))
            path.remove(path.size() - 1);
        if (path.isEmpty())
            return;
        try {
            Set<TrustAnchor> anchors = cas.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toCollection(LinkedHashSet::new));
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        }
        catch (GeneralSecurityException e) {
            throw new GridKeepException(what, e.getMessage(), subject, e);
        }
    }

    /**
     * Adds {@code ca} as a trusted certificate to the trust store {@code truststore}, beside the CAs it trusts
     * already: during a CA rollover, nodes trust the old and the new CA until every certificate is reissued.
     *
     * @return whether it was added ({@code false}: trusted already)
     * @throws WrongPasswordException if {@code password} does not open the trust store
     * @throws GridKeepException if {@code ca} is no CA certificate or the trust store cannot be written
     */
    public static boolean addTrusted(Path truststore, char[] password, X509Certificate ca) {
        String what = "cannot add a CA to " + truststore;
        if (ca.getBasicConstraints() < 0)
            throw new GridKeepException(what, "not a CA certificate (basicConstraints CA:false)", ca.getSubjectX500Principal().getName());
        KeyStore ks = Pkcs12.load(truststore, password);
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (ca.equals(ks.getCertificate(alias)))
                    return false;
            }
            ks.setCertificateEntry(trustAlias(ca), ca);
            Pkcs12.store(ks, password, truststore, PrivateFiles.PUBLIC);
            return true;
        }
        catch (IOException e) {
            throw new GridKeepException(what, PrivateFiles.reason(e), truststore.toString(), e);
        }
        catch (GeneralSecurityException e) {
            throw new GridKeepException(what, e.getMessage(), truststore.toString(), e);
        }
    }

    /** The SHA-256 fingerprint, as {@code AB:CD:...} (what {@code openssl x509 -fingerprint -sha256} prints). */
    public static String fingerprint(X509Certificate cert) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A trust store alias that stays apart from another CA's: {@code ca-} and the start of the fingerprint. */
    static String trustAlias(X509Certificate cert) {
        return "ca-" + fingerprint(cert).replace(":", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }
}
