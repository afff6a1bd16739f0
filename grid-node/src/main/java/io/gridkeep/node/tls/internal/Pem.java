package io.gridkeep.node.tls.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM files for what is not Java: certificates, and private keys as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). */
public final class Pem {
    private Pem() {
    }

    /** Whether {@code bytes} look like PEM text rather than DER or PKCS#12. */
    public static boolean isPem(byte[] bytes) {
        return new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.US_ASCII).contains("-----BEGIN ");
    }

    public static byte[] certificates(List<X509Certificate> chain) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            for (X509Certificate c : chain)
                w.writeObject(c);
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] privateKey(PrivateKey key) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(new JcaPKCS8Generator(key, null));
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The certificates of a PEM file, in order; other blocks (a private key) are skipped. */
    public static List<X509Certificate> readCertificates(byte[] pem) throws IOException, GeneralSecurityException {
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        try (PEMParser p = new PEMParser(new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.US_ASCII))) {
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof X509CertificateHolder h)
                    out.add(toCertificate(cf, h));
            }
        }
        return out;
    }

    private static X509Certificate toCertificate(CertificateFactory cf, X509CertificateHolder h) throws IOException, CertificateException {
        return (X509Certificate)cf.generateCertificate(new ByteArrayInputStream(h.getEncoded()));
    }
}
