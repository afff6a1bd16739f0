package io.gridkeep.node.tls.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes keys and certificates. EC P-256 keys and SHA-256 ECDSA signatures: 128-bit security like RSA 3072 at a
 * tenth of the size and handshake cost, and supported by every TLS stack GridKeep meets (JSSE, OpenSSL, Go's
 * crypto/tls in Prometheus, Python). BouncyCastle only encodes the certificates; keys, signatures and parsing are
 * the JDK's, so that no security provider is installed in the JVM.
 */
public final class CertificateMaker {
    /** What {@link #newKeyPair()} makes, for messages. */
    public static final String KEY_DESCRIPTION = "EC P-256";

    private static final String CURVE = "secp256r1";
    private static final String SIGNATURE = "SHA256withECDSA";

    /** Certificates start an hour in the past, so that a machine whose clock is a little behind accepts them. */
    private static final long BACKDATE_SECONDS = 3600;

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateMaker() {
    }

    public static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec(CURVE), RANDOM);
        return gen.generateKeyPair();
    }

    /** The first moment of a certificate made now. */
    public static Instant notBefore(Instant now) {
        return now.minusSeconds(BACKDATE_SECONDS);
    }

    /** A self-signed CA certificate: CA:true with path length 0 (it signs leaves only), keyCertSign and cRLSign. */
    public static X509Certificate caCertificate(KeyPair keys, String commonName, Instant notBefore, Instant notAfter)
        throws GeneralSecurityException {
        X500Name subject = name(commonName);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(notBefore), Date.from(notAfter),
            subject, keys.getPublic());
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(keys.getPublic()));
        }
        catch (CertIOException e) {
            throw new GeneralSecurityException("cannot encode the CA certificate's extensions", e);
        }
        return sign(b, keys.getPrivate());
    }

    /**
     * A leaf certificate signed by the CA: CA:false, digitalSignature (an EC key signs the handshake; there is no
     * key encipherment with EC), serverAuth and clientAuth for a node or clientAuth alone for a client, and the
     * subject alternative names given.
     */
    public static X509Certificate leafCertificate(PublicKey key, String commonName, boolean server, List<String> dnsNames,
        List<InetAddress> addresses, X509Certificate ca, PrivateKey caKey, Instant notBefore, Instant notAfter)
        throws GeneralSecurityException {
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(notBefore), Date.from(notAfter),
            name(commonName), key);
        KeyPurposeId[] purposes = server
            ? new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}
            : new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth};
        List<GeneralName> sans = new ArrayList<>();
        for (String dns : dnsNames)
            sans.add(new GeneralName(GeneralName.dNSName, dns));
        for (InetAddress a : addresses)
            sans.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(a.getAddress())));
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
            if (!sans.isEmpty())
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.getPublicKey()));
        }
        catch (CertIOException e) {
            throw new GeneralSecurityException("cannot encode the certificate's extensions", e);
        }
        return sign(b, caKey);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signingKey) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(SIGNATURE).build(signingKey)));
        }
        catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + SIGNATURE, e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    /** A random positive 128-bit serial number (RFC 5280 allows up to 20 octets; CAs use at least 64 random bits). */
    static BigInteger serial() {
        BigInteger s;
        do {
            byte[] b = new byte[16];
            RANDOM.nextBytes(b);
            s = new BigInteger(1, b);
        } while (s.signum() == 0);
        return s;
    }
}
