package io.gridkeep.node.tls;

import io.gridkeep.node.GridKeepException;
import io.gridkeep.node.internal.PrivateFiles;
import io.gridkeep.node.tls.internal.CertificateMaker;
import io.gridkeep.node.internal.CertificateNames;
import io.gridkeep.node.tls.internal.Pem;
import io.gridkeep.node.tls.internal.Pkcs12;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A certificate authority for TLS between GridKeep nodes and their clients: a key and a self-signed certificate in
 * a directory, which issue node and client certificates. The directory holds
 * <ul>
 *     <li>{@code ca.p12}: the CA's private key and certificate (PKCS#12, mode 0600); keep it off the nodes;</li>
 *     <li>{@code ca.pem}: the CA certificate, for Prometheus, curl and Python;</li>
 *     <li>{@code truststore.p12}: the CA certificate as the one trusted entry of a PKCS#12 trust store, for Java and
 *     Ignite's {@code SslContextFactory}.</li>
 * </ul>
 * Keys are EC P-256, signatures SHA-256 ECDSA, serial numbers 128 random bits. The CA certificate has
 * basicConstraints CA:true with path length 0 and keyUsage keyCertSign, cRLSign.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.create(Path.of("/etc/gridkeep/tls"))
 *     .password(caPassword).truststorePassword(trustPassword).write();
 * IssuedCertificate node = ca.issue("node1").dns("node1.example.com").ip("10.0.0.11").password(keystorePassword).write();
 *
 * // Later, to issue more:
 * CertificateAuthority.open(Path.of("/etc/gridkeep/tls"), caPassword).issue("app").clientOnly().password(pw).write();
 * }</pre>
 */
public final class CertificateAuthority {
    /** The CA's key and certificate, in its directory. */
    public static final String KEYSTORE_FILE = "ca.p12";

    /** The CA's certificate as PEM, in its directory. */
    public static final String CERTIFICATE_FILE = "ca.pem";

    /** The trust store holding the CA's certificate, in its directory. */
    public static final String TRUSTSTORE_FILE = "truststore.p12";

    /** The CA's common name unless {@link Builder#commonName(String)} says otherwise. */
    public static final String DEFAULT_NAME = "GridKeep CA";

    /** How long a CA is valid unless {@link Builder#validityDays(int)} says otherwise: 10 years. */
    public static final int DEFAULT_CA_DAYS = 3650;

    /** How long an issued certificate is valid unless {@link IssueBuilder#validityDays(int)} says otherwise: 2 years. */
    public static final int DEFAULT_DAYS = 730;

    /** The alias of the CA's key in {@code ca.p12}. */
    private static final String ALIAS = "ca";

    private final Path dir;
    private final PrivateKey key;
    private final X509Certificate certificate;

    private CertificateAuthority(Path dir, PrivateKey key, X509Certificate certificate) {
        this.dir = dir;
        this.key = key;
        this.certificate = certificate;
    }

    /** Starts a new CA in {@code dir} (created if missing); {@link Builder#write()} makes it. */
    public static Builder create(Path dir) {
        return new Builder(dir);
    }

    /**
     * Opens the CA in {@code dir}.
     *
     * @throws WrongPasswordException if {@code password} does not open {@code ca.p12}
     * @throws GridKeepException if there is no CA in {@code dir}
     */
    public static CertificateAuthority open(Path dir, char[] password) {
        Objects.requireNonNull(password, "password");
        if (!Files.isDirectory(dir))
            throw new GridKeepException("cannot open CA", "no such directory", dir.toString());
        Path file = dir.resolve(KEYSTORE_FILE);
        if (!Files.exists(file))
            throw new GridKeepException("cannot open CA", "no " + KEYSTORE_FILE + " in " + dir, file.toString());
        KeyStore ks = Pkcs12.load(file, password);
        try {
            Key k = ks.getKey(ALIAS, password);
            Certificate c = ks.getCertificate(ALIAS);
            if (!(k instanceof PrivateKey pk) || !(c instanceof X509Certificate x) || x.getBasicConstraints() < 0)
                throw new GridKeepException("cannot open CA", "holds no CA key and certificate under alias '" + ALIAS + "'",
                    file.toString());
            return new CertificateAuthority(dir, pk, x);
        }
        catch (GeneralSecurityException e) {
            throw new GridKeepException("cannot open CA", "cannot read its key: " + e.getMessage(), file.toString(), e);
        }
    }

    /** The directory of {@code ca.p12}, {@code ca.pem} and {@code truststore.p12}. */
    public Path dir() {
        return dir;
    }

    /** The CA's own certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA's trust store, {@code truststore.p12} in {@link #dir()}. */
    public Path truststore() {
        return dir.resolve(TRUSTSTORE_FILE);
    }

    /**
     * Starts a certificate for {@code name}, its common name and file name ({@code NAME.p12} in the CA's directory
     * unless {@link IssueBuilder#keystore(Path)} says otherwise); {@link IssueBuilder#write()} issues it.
     *
     * @throws IllegalArgumentException if {@code name} is not 1 to 64 letters, digits, '.', '-' or '_'
     */
    public IssueBuilder issue(String name) {
        return new IssueBuilder(CertificateNames.checkName(name));
    }

    private static GridKeepException writeFailed(String what, Path file, IOException e) {
        return new GridKeepException(what, "cannot write " + file.getFileName() + ": " + PrivateFiles.reason(e), file.toString(), e);
    }

    /** A CA to be made: its name, validity and passwords. */
    public static final class Builder {
        private final Path dir;
        private String commonName = DEFAULT_NAME;
        private int days = DEFAULT_CA_DAYS;
        private char[] password;
        private char[] truststorePassword;
        private boolean overwrite;

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        /** The CA certificate's common name (default {@value CertificateAuthority#DEFAULT_NAME}). */
        public Builder commonName(String cn) {
            commonName = CertificateNames.checkCommonName(cn);
            return this;
        }

        /** How many days the CA certificate is valid (default {@value CertificateAuthority#DEFAULT_CA_DAYS}). */
        public Builder validityDays(int days) {
            this.days = checkDays(days);
            return this;
        }

        /** The password of {@code ca.p12} (required). */
        public Builder password(char[] password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The password of {@code truststore.p12} (required; nodes and clients need it, so not the CA's). */
        public Builder truststorePassword(char[] password) {
            truststorePassword = Objects.requireNonNull(password, "truststorePassword");
            return this;
        }

        /** Whether to replace a CA that {@code dir} holds already (default: refuse). */
        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /**
         * Makes the key and certificate and writes {@code ca.p12}, {@code ca.pem} and {@code truststore.p12}.
         *
         * @throws GridKeepException if {@code dir} holds a CA already and {@link #overwrite(boolean)} was not set, or
         *     a file cannot be written
         */
        public CertificateAuthority write() {
            if (password == null || truststorePassword == null)
                throw new IllegalStateException("password and truststorePassword are required");
            String what = "cannot create CA";
            for (String f : List.of(KEYSTORE_FILE, CERTIFICATE_FILE, TRUSTSTORE_FILE)) {
                if (!overwrite && Files.exists(dir.resolve(f)))
                    throw new GridKeepException(what, "a CA exists there already", dir.resolve(f).toString());
            }
            try {
                Files.createDirectories(dir);
            }
            catch (IOException e) {
                throw writeFailed(what, dir, e);
            }
            Instant now = Instant.now();
            KeyPair keys;
            X509Certificate cert;
            KeyStore ks;
            KeyStore ts;
            try {
                keys = CertificateMaker.newKeyPair();
                cert = CertificateMaker.caCertificate(keys, commonName, CertificateMaker.notBefore(now), now.plus(Duration.ofDays(days)));
                ks = Pkcs12.empty();
                ks.setKeyEntry(ALIAS, keys.getPrivate(), password, new Certificate[] {cert});
                ts = Pkcs12.empty();
                ts.setCertificateEntry(CertificateFiles.trustAlias(cert), cert);
            }
            catch (GeneralSecurityException e) {
                throw new GridKeepException(what, e.getMessage(), dir.toString(), e);
            }
            Path file = dir.resolve(KEYSTORE_FILE);
            try {
                Pkcs12.store(ks, password, file, PrivateFiles.OWNER_ONLY);
                file = dir.resolve(CERTIFICATE_FILE);
                PrivateFiles.write(file, Pem.certificates(List.of(cert)), PrivateFiles.PUBLIC);
                file = dir.resolve(TRUSTSTORE_FILE);
                Pkcs12.store(ts, truststorePassword, file, PrivateFiles.PUBLIC);
            }
            catch (IOException e) {
                throw writeFailed(what, file, e);
            }
            catch (GeneralSecurityException e) {
                throw new GridKeepException(what, e.getMessage(), file.toString(), e);
            }
            return new CertificateAuthority(dir, keys.getPrivate(), cert);
        }
    }

    /**
     * A certificate to be issued. A node's certificate (the default) has extended key usage serverAuth and
     * clientAuth, since Ignite nodes are TLS servers and clients to each other; {@link #clientOnly()} makes a
     * client's (clientAuth). Its subject alternative names are the {@link #dns(String...)} and {@link #ip(String...)}
     * given; a node's certificate given neither gets DNS:NAME (if NAME is a host name), DNS:localhost and
     * IP:127.0.0.1, so that it serves on one machine as it is; a client's gets none.
     */
    public final class IssueBuilder {
        private final String name;
        private final List<String> dnsNames = new ArrayList<>();
        private final List<InetAddress> addresses = new ArrayList<>();
        private boolean server = true;
        private int days = DEFAULT_DAYS;
        private char[] password;
        private Path keystore;
        private boolean overwrite;

        private IssueBuilder(String name) {
            this.name = name;
        }

        /**
         * Adds DNS subject alternative names.
         *
         * @throws IllegalArgumentException if one is not a DNS name
         */
        public IssueBuilder dns(String... names) {
            for (String n : names)
                dnsNames.add(CertificateNames.checkDnsName(n.trim()));
            return this;
        }

        /**
         * Adds IP subject alternative names: IPv4 or IPv6 literals, never looked up.
         *
         * @throws IllegalArgumentException if one is not an IP address
         */
        public IssueBuilder ip(String... literals) {
            for (String a : literals)
                addresses.add(CertificateNames.ipAddress(a));
            return this;
        }

        /** Makes a client-only certificate (extended key usage clientAuth): it cannot serve TLS. */
        public IssueBuilder clientOnly() {
            server = false;
            return this;
        }

        /**
         * How many days the certificate is valid (default {@value CertificateAuthority#DEFAULT_DAYS}); never
         * beyond the CA's own end.
         */
        public IssueBuilder validityDays(int days) {
            this.days = checkDays(days);
            return this;
        }

        /** The password of the keystore (required). */
        public IssueBuilder password(char[] password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Where the keystore goes (default {@code NAME.p12} in the CA's directory); the PEM files go beside it, named
         * after it: {@code node1.p12}, {@code node1.pem}, {@code node1-key.pem}.
         */
        public IssueBuilder keystore(Path file) {
            keystore = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Whether to replace files that exist already (default: refuse). */
        public IssueBuilder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /** The keystore this writes. */
        public Path keystorePath() {
            return keystore != null ? keystore : dir.resolve(name + ".p12");
        }

        /**
         * Makes the key pair, signs its certificate and writes the keystore and the PEM files.
         *
         * @throws GridKeepException if a file exists and {@link #overwrite(boolean)} was not set, one would replace
         *     the CA's own, or one cannot be written
         */
        public IssuedCertificate write() {
            if (password == null)
                throw new IllegalStateException("password is required");
            String what = "cannot issue certificate " + name;
            Path ks = keystorePath();
            Path parent = ks.toAbsolutePath().getParent();
            Path certPem = IssuedCertificate.certificatePemFor(ks);
            Path keyPem = IssuedCertificate.privateKeyPemFor(ks);
            for (Path p : List.of(ks, certPem, keyPem)) {
                for (String own : List.of(KEYSTORE_FILE, CERTIFICATE_FILE, TRUSTSTORE_FILE)) {
                    if (same(p, dir.resolve(own)))
                        throw new GridKeepException(what, "it would replace the CA's own " + own + "; choose another name",
                            p.toString());
                }
                if (!overwrite && Files.exists(p))
                    throw new GridKeepException(what, p.getFileName() + " exists already", p.toString());
            }
            List<String> dns = new ArrayList<>(dnsNames);
            List<InetAddress> ips = new ArrayList<>(addresses);
            if (server && dns.isEmpty() && ips.isEmpty()) {
                if (CertificateNames.isDnsName(name) && !name.equals("localhost"))
                    dns.add(name);
                dns.add("localhost");
                ips.add(CertificateNames.ipAddress("127.0.0.1"));
            }
            Instant now = Instant.now();
            Instant end = now.plus(Duration.ofDays(days));
            if (end.isAfter(certificate.getNotAfter().toInstant()))
                end = certificate.getNotAfter().toInstant();
            List<X509Certificate> chain;
            KeyPair keys;
            KeyStore store;
            try {
                keys = CertificateMaker.newKeyPair();
                X509Certificate leaf = CertificateMaker.leafCertificate(keys.getPublic(), name, server, dns, ips, certificate, key,
                    CertificateMaker.notBefore(now), end);
                chain = List.of(leaf, certificate);
                store = Pkcs12.empty();
                store.setKeyEntry(name, keys.getPrivate(), password, chain.toArray(Certificate[]::new));
            }
            catch (GeneralSecurityException e) {
                throw new GridKeepException(what, e.getMessage(), ks.toString(), e);
            }
            Path file = ks;
            try {
                Files.createDirectories(parent);
                Pkcs12.store(store, password, ks, PrivateFiles.OWNER_ONLY);
                file = certPem;
                PrivateFiles.write(certPem, Pem.certificates(chain), PrivateFiles.PUBLIC);
                file = keyPem;
                PrivateFiles.write(keyPem, Pem.privateKey(keys.getPrivate()), PrivateFiles.OWNER_ONLY);
            }
            catch (IOException e) {
                throw writeFailed(what, file, e);
            }
            catch (GeneralSecurityException e) {
                throw new GridKeepException(what, e.getMessage(), file.toString(), e);
            }
            return new IssuedCertificate(ks, certPem, keyPem, chain);
        }
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static int checkDays(int days) {
        if (days < 1 || days > 36_500)
            throw new IllegalArgumentException("validity of " + days + " days: must be 1 to 36500");
        return days;
    }
}
