package io.gridkeep.node.cli;

import io.gridkeep.node.GridKeepException;
import io.gridkeep.node.internal.CertificateNames;
import io.gridkeep.node.internal.PrivateFiles;
import io.gridkeep.node.tls.CertificateAuthority;
import io.gridkeep.node.tls.CertificateFiles;
import io.gridkeep.node.tls.IssuedCertificate;
import io.gridkeep.node.tls.WrongPasswordException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gridkeep certs create-ca|issue|show|trust}: a CA and the certificates for TLS on GridKeep's listeners. */
@Command(name = "certs", mixinStandardHelpOptions = true,
    description = {"Create a certificate authority and issue node and client certificates for TLS on every GridKeep listener: "
        + "discovery and communication (Ignite's SslContextFactory), the thin client and JDBC connector, /metrics.",
        "Keys are EC P-256, signatures SHA-256 ECDSA. Keystores are PKCS#12; PEM copies serve curl, Prometheus and Python.",
        "Passwords come from GRIDKEEP_CA_PASSWORD (ca.p12), GRIDKEEP_KEYSTORE_PASSWORD (issued keystores) and "
            + "GRIDKEEP_TRUSTSTORE_PASSWORD (truststore.p12), or a password file; without either, a random one is generated into "
            + "FILE.password (mode 0600) beside the keystore, where later commands find it. No password is ever printed."},
    footer = {"", "Examples:", "  gridkeep certs create-ca --dir tls",
        "  gridkeep certs issue --ca tls --name node1 --dns node1.example.com --ip 10.0.0.11",
        "  gridkeep certs issue --ca tls --name app --client", "  gridkeep certs show tls/node1.p12 --ca tls"})
final class CertsCommand implements Runnable {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    @ParentCommand
    GridKeepCli root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private Map<String, String> env() {
        return root.env;
    }

    @Command(name = "create-ca", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create a certificate authority in DIR: ca.p12 (its key and certificate, PKCS#12, mode 0600: keep it off "
            + "the nodes), ca.pem (its certificate, for Prometheus, curl, Python) and truststore.p12 (the CA certificate as the "
            + "one trusted entry, for Java and Ignite's SslContextFactory).",
            "Refuses to replace an existing CA without --force."},
        footer = {"", "Example:", "  gridkeep certs create-ca --dir /etc/gridkeep/tls --name \"Example Corp GridKeep CA\""})
    int createCa(
        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Directory of the CA (created if missing).")
        Path dir,
        @Option(names = "--name", defaultValue = CertificateAuthority.DEFAULT_NAME, paramLabel = "CN",
            description = "The CA's common name (default: ${DEFAULT-VALUE}).") String name,
        @Option(names = "--days", defaultValue = "" + CertificateAuthority.DEFAULT_CA_DAYS, paramLabel = "N",
            description = "Days the CA is valid (default: ${DEFAULT-VALUE}, 10 years).") int days,
        @Option(names = "--force", description = "Replace the CA in DIR: what it issued is no longer trusted.") boolean force,
        @Option(names = "--password-file", paramLabel = "FILE",
            description = "Password of ca.p12, its first line (default: GRIDKEEP_CA_PASSWORD, else generated).") Path passwordFile,
        @Option(names = "--truststore-password-file", paramLabel = "FILE",
            description = "Password of truststore.p12 (default: GRIDKEEP_TRUSTSTORE_PASSWORD, else generated).")
        Path truststorePasswordFile) {
        String cmd = "certs create-ca";
        PrintWriter out = spec.commandLine().getOut();
        CertificateAuthority.Builder builder = usage(cmd, () -> CertificateAuthority.create(dir).commonName(name).validityDays(days));
        if (!force) {
            for (String f : List.of(CertificateAuthority.KEYSTORE_FILE, CertificateAuthority.CERTIFICATE_FILE,
                CertificateAuthority.TRUSTSTORE_FILE)) {
                if (Files.exists(dir.resolve(f)))
                    throw new GridKeepException(cmd, "a CA exists in " + dir + " already; pass --force to replace it "
                        + "(the certificates it issued will no longer be trusted)", dir.resolve(f).toString());
            }
        }
        createDirectories(cmd, dir);
        StorePassword caPw = StorePassword.forNew(dir.resolve(CertificateAuthority.KEYSTORE_FILE), StorePassword.CA_ENV,
            passwordFile, env());
        StorePassword trustPw = StorePassword.forNew(dir.resolve(CertificateAuthority.TRUSTSTORE_FILE), StorePassword.TRUSTSTORE_ENV,
            truststorePasswordFile, env());
        CertificateAuthority ca;
        try {
            caPw.saveIfGenerated(cmd);
            trustPw.saveIfGenerated(cmd);
            ca = builder.password(caPw.value()).truststorePassword(trustPw.value()).overwrite(true).write();
        }
        catch (RuntimeException e) {
            caPw.discardIfGenerated();
            trustPw.discardIfGenerated();
            throw e;
        }
        X509Certificate c = ca.certificate();
        out.printf("created CA %s in %s: EC P-256, SHA-256, valid until %s%n", c.getSubjectX500Principal().getName(), dir,
            DAY.format(c.getNotAfter().toInstant()));
        out.printf("  SHA-256 fingerprint %s%n", CertificateFiles.fingerprint(c));
        out.printf("wrote %s (CA key and certificate, mode 0600: keep it off the nodes)%n",
            dir.resolve(CertificateAuthority.KEYSTORE_FILE));
        out.printf("wrote %s (CA certificate, PEM)%n", dir.resolve(CertificateAuthority.CERTIFICATE_FILE));
        out.printf("wrote %s (trust store: the CA certificate)%n", ca.truststore());
        out.println(caPw.describe());
        out.println(trustPw.describe());
        out.flush();
        return 0;
    }

    @Command(name = "issue", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Issue a key pair and a certificate signed by the CA in DIR, into one PKCS#12 keystore (private key and "
            + "chain: the certificate, then the CA's; mode 0600), and the same as PEM for clients that are not Java: "
            + "NAME.pem (the chain) and NAME-key.pem (the private key, PKCS#8, mode 0600).",
            "A node's certificate has extended key usage serverAuth and clientAuth (Ignite nodes are TLS servers and clients "
                + "to each other); with --client, clientAuth only.",
            "Subject alternative names are the --dns and --ip given. A node's certificate given neither gets DNS:NAME, "
                + "DNS:localhost and IP:127.0.0.1, enough for one machine; a client's gets none."},
        footer = {"", "Examples:", "  gridkeep certs issue --ca /etc/gridkeep/tls --name node1 --dns node1.example.com --ip 10.0.0.11",
            "  gridkeep certs issue --ca /etc/gridkeep/tls --name reporting --client --days 90"})
    int issue(
        @Option(names = "--ca", required = true, paramLabel = "DIR", description = "Directory of the CA (gridkeep certs create-ca).")
        Path caDir,
        @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "Common name and file name: letters, digits, '.', '-', '_'.") String name,
        @Option(names = "--dns", split = ",", paramLabel = "NAME", description = "DNS subject alternative names, comma-separated.")
        List<String> dns,
        @Option(names = "--ip", split = ",", paramLabel = "ADDR",
            description = "IP subject alternative names (IPv4 or IPv6), comma-separated.")
        List<String> ips,
        @Option(names = "--client", description = "A client's certificate (clientAuth only): it cannot serve TLS.") boolean client,
        @Option(names = "--days", defaultValue = "" + CertificateAuthority.DEFAULT_DAYS, paramLabel = "N",
            description = "Days the certificate is valid (default: ${DEFAULT-VALUE}, 2 years; never beyond the CA's end).") int days,
        @Option(names = "--out", paramLabel = "FILE", description = "The keystore (default: DIR/NAME.p12); the PEM files go beside it.")
        Path outFile,
        @Option(names = "--force", description = "Replace the keystore and PEM files if they exist.") boolean force,
        @Option(names = "--password-file", paramLabel = "FILE",
            description = "Password of the new keystore (default: GRIDKEEP_KEYSTORE_PASSWORD, else generated).") Path passwordFile,
        @Option(names = "--ca-password-file", paramLabel = "FILE",
            description = "Password of DIR/ca.p12 (default: GRIDKEEP_CA_PASSWORD, else DIR/ca.p12.password).") Path caPasswordFile) {
        String cmd = "certs issue";
        PrintWriter out = spec.commandLine().getOut();
        usage(cmd, () -> CertificateNames.checkName(name));
        List<String> dnsNames = dns == null ? List.of() : dns;
        List<String> addresses = ips == null ? List.of() : ips;
        for (String d : dnsNames)
            usage(cmd, "option --dns", () -> CertificateNames.checkDnsName(d.trim()));
        for (String a : addresses)
            usage(cmd, "option --ip", () -> CertificateNames.ipAddress(a));
        if (days < 1)
            throw new UsageException(cmd, "--days " + days + " is not a positive number of days", "option --days");
        CertificateAuthority ca = openCa(cmd, caDir, caPasswordFile);
        CertificateAuthority.IssueBuilder req = usage(cmd, () -> {
            CertificateAuthority.IssueBuilder b = ca.issue(name).dns(dnsNames.toArray(String[]::new))
                .ip(addresses.toArray(String[]::new)).validityDays(days);
            if (outFile != null)
                b.keystore(outFile);
            return client ? b.clientOnly() : b;
        });
        Path ks = req.keystorePath();
        for (Path p : List.of(ks, IssuedCertificate.certificatePemFor(ks), IssuedCertificate.privateKeyPemFor(ks))) {
            for (String own : List.of(CertificateAuthority.KEYSTORE_FILE, CertificateAuthority.CERTIFICATE_FILE,
                CertificateAuthority.TRUSTSTORE_FILE)) {
                if (same(p, caDir.resolve(own)))
                    throw new UsageException(cmd, p.getFileName() + " would replace the CA's own " + own + "; choose another "
                        + (outFile == null ? "--name" : "--out"), p.toString());
            }
            if (!force && Files.exists(p))
                throw new GridKeepException(cmd, p.getFileName() + " exists already; pass --force to replace it", p.toString());
        }
        createDirectories(cmd, ks.toAbsolutePath().getParent());
        StorePassword pw = StorePassword.forNew(ks, StorePassword.KEYSTORE_ENV, passwordFile, env());
        IssuedCertificate issued;
        try {
            pw.saveIfGenerated(cmd);
            issued = req.password(pw.value()).overwrite(true).write();
        }
        catch (RuntimeException e) {
            pw.discardIfGenerated();
            throw e;
        }
        X509Certificate c = issued.certificate();
        boolean cut = c.getNotAfter().equals(ca.certificate().getNotAfter());
        out.printf("issued %s (%s) by %s, valid until %s%s%n", c.getSubjectX500Principal().getName(),
            client ? "client: clientAuth" : "node: serverAuth, clientAuth", ca.certificate().getSubjectX500Principal().getName(),
            DAY.format(c.getNotAfter().toInstant()), cut ? " (the CA's end)" : "");
        out.printf("  names %s%n", String.join(", ", altNames(c)).replaceFirst("^$", "none"));
        out.printf("wrote %s (private key and chain, mode 0600)%n", issued.keystore());
        out.printf("wrote %s (chain: certificate, then CA; PEM)%n", issued.certificatePem());
        out.printf("wrote %s (private key, PKCS#8 PEM, mode 0600)%n", issued.privateKeyPem());
        out.println(pw.describe());
        out.flush();
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the certificates of a PKCS#12 keystore or PEM file: subject, issuer, subject alternative names, "
            + "usage, validity, SHA-256 fingerprint; with --ca, whether the first chains to that CA (exit code 1 if not)."},
        footer = {"", "Example:", "  gridkeep certs show /etc/gridkeep/tls/node1.p12 --ca /etc/gridkeep/tls"})
    int show(
        @Parameters(index = "0", paramLabel = "FILE", description = "A .p12 keystore or trust store, or a PEM file.") Path file,
        @Option(names = "--ca", paramLabel = "DIR", description = "Check the chain against DIR/ca.pem.") Path caDir,
        @Option(names = "--password-file", paramLabel = "FILE",
            description = "Password of a .p12 FILE (default: its environment variable, else FILE.password).") Path passwordFile) {
        String cmd = "certs show";
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(file))
            throw new GridKeepException(cmd, "no such file", file.toString());
        List<X509Certificate> certs;
        if (CertificateFiles.isPem(file))
            certs = CertificateFiles.read(file, null);
        else {
            String envVar = envVarFor(file);
            StorePassword pw = StorePassword.forExisting(file, envVar, passwordFile, env(), "--password-file");
            certs = withPasswordHint(envVar, "--password-file", pw, () -> CertificateFiles.read(file, pw.value()));
        }
        out.printf("%s: %d certificate%s%n", file, certs.size(), certs.size() == 1 ? "" : "s");
        Instant now = Instant.now();
        for (int i = 0; i < certs.size(); i++) {
            X509Certificate c = certs.get(i);
            out.printf("[%d] %s%n", i + 1, c.getSubjectX500Principal().getName());
            field(out, "issuer", c.getIssuerX500Principal().getName());
            if (c.getBasicConstraints() >= 0)
                field(out, "CA", "yes" + (c.getBasicConstraints() == Integer.MAX_VALUE ? "" : ", path length " + c.getBasicConstraints()));
            List<String> names = altNames(c);
            if (!names.isEmpty())
                field(out, "names", String.join(", ", names));
            field(out, "usage", usageOf(c));
            long daysLeft = Duration.between(now, c.getNotAfter().toInstant()).toDays();
            field(out, "not after", DAY.format(c.getNotAfter().toInstant())
                + (c.getNotAfter().toInstant().isBefore(now) ? " (EXPIRED)" : " (" + daysLeft + " days left)"));
            field(out, "serial", c.getSerialNumber().toString(16));
            field(out, "SHA-256", CertificateFiles.fingerprint(c));
        }
        out.flush();
        if (caDir != null) {
            Path caPem = caDir.resolve(CertificateAuthority.CERTIFICATE_FILE);
            if (!Files.isRegularFile(caPem))
                throw new GridKeepException(cmd, "no CA in " + caDir + ": " + CertificateAuthority.CERTIFICATE_FILE + " not found",
                    caPem.toString());
            List<X509Certificate> cas = CertificateFiles.read(caPem, null);
            try {
                CertificateFiles.verifyChain(certs, cas);
            }
            catch (GridKeepException e) {
                throw new GridKeepException(cmd, "[1] " + certs.get(0).getSubjectX500Principal().getName() + " does not chain to "
                    + names(cas) + ": " + e.why(), caPem.toString(), e);
            }
            out.printf("chains to %s (%s): yes%n", names(cas), caPem);
            out.flush();
        }
        return 0;
    }

    @Command(name = "trust", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Add other CAs' certificates to DIR/truststore.p12, beside the CA it trusts: for a CA rollover, nodes trust "
            + "the old and the new CA until every certificate is reissued by the new one.",
            "For PEM clients, concatenate the CAs' ca.pem files into one bundle."},
        footer = {"", "Example (rollover):", "  gridkeep certs create-ca --dir tls-2027",
            "  gridkeep certs trust --ca tls tls-2027/ca.pem      # roll out tls/truststore.p12, restart nodes one by one",
            "  gridkeep certs issue --ca tls-2027 --name node1 ... # roll out the new keystores",
            "  # then roll out tls-2027/truststore.p12, which trusts the new CA only"})
    int trust(
        @Option(names = "--ca", required = true, paramLabel = "DIR", description = "Directory of the trust store (truststore.p12).")
        Path caDir,
        @Parameters(index = "0..*", arity = "1..*", paramLabel = "CA_PEM", description = "PEM files of the CA certificates to trust.")
        List<Path> pems,
        @Option(names = "--password-file", paramLabel = "FILE",
            description = "Password of truststore.p12 (default: GRIDKEEP_TRUSTSTORE_PASSWORD, else DIR/truststore.p12.password).")
        Path passwordFile) {
        String cmd = "certs trust";
        PrintWriter out = spec.commandLine().getOut();
        Path ts = caDir.resolve(CertificateAuthority.TRUSTSTORE_FILE);
        if (!Files.isRegularFile(ts))
            throw new GridKeepException(cmd, "no " + CertificateAuthority.TRUSTSTORE_FILE + " in " + caDir
                + "; create a CA with 'gridkeep certs create-ca --dir " + caDir + "'", ts.toString());
        List<X509Certificate> cas = new ArrayList<>();
        for (Path p : pems) {
            if (!CertificateFiles.isPem(p))
                throw new GridKeepException(cmd, "not a PEM file", p.toString());
            cas.addAll(CertificateFiles.read(p, null));
        }
        StorePassword pw = StorePassword.forExisting(ts, StorePassword.TRUSTSTORE_ENV, passwordFile, env(), "--password-file");
        for (X509Certificate c : cas) {
            boolean added = withPasswordHint(StorePassword.TRUSTSTORE_ENV, "--password-file", pw,
                () -> CertificateFiles.addTrusted(ts, pw.value(), c));
            out.printf("%s %s (SHA-256 %s)%n", added ? "trusts now" : "trusted already:", c.getSubjectX500Principal().getName(),
                CertificateFiles.fingerprint(c));
        }
        List<X509Certificate> all = CertificateFiles.read(ts, pw.value());
        out.printf("%s trusts %d CA%s: %s%n", ts, all.size(), all.size() == 1 ? "" : "s", names(all));
        out.flush();
        return 0;
    }

    private CertificateAuthority openCa(String cmd, Path dir, Path caPasswordFile) {
        if (!Files.isDirectory(dir))
            throw new GridKeepException(cmd, "no CA in " + dir + ": no such directory; create one with 'gridkeep certs create-ca --dir "
                + dir + "'", "--ca " + dir);
        Path file = dir.resolve(CertificateAuthority.KEYSTORE_FILE);
        if (!Files.isRegularFile(file))
            throw new GridKeepException(cmd, "no CA in " + dir + ": " + CertificateAuthority.KEYSTORE_FILE
                + " not found; create one with 'gridkeep certs create-ca --dir " + dir + "'", file.toString());
        StorePassword pw = StorePassword.forExisting(file, StorePassword.CA_ENV, caPasswordFile, env(), "--ca-password-file");
        return withPasswordHint(StorePassword.CA_ENV, "--ca-password-file", pw, () -> CertificateAuthority.open(dir, pw.value()));
    }

    /** Runs {@code action}, turning a wrong password into a message that says where the password came from and where it goes. */
    private static <T> T withPasswordHint(String envVar, String fileOption, StorePassword pw, Supplier<T> action) {
        try {
            return action.get();
        }
        catch (WrongPasswordException e) {
            throw new GridKeepException(e.what(), "wrong password? set " + envVar + " or pass " + fileOption,
                "password from " + pw.source(), e);
        }
    }

    /** The environment variable of a keystore, by its name: ca.p12 is a CA's, truststore.p12 a trust store. */
    private static String envVarFor(Path p12) {
        String n = p12.getFileName().toString();
        if (n.equals(CertificateAuthority.KEYSTORE_FILE))
            return StorePassword.CA_ENV;
        if (n.equals(CertificateAuthority.TRUSTSTORE_FILE))
            return StorePassword.TRUSTSTORE_ENV;
        return StorePassword.KEYSTORE_ENV;
    }

    private static <T> T usage(String cmd, Supplier<T> s) {
        return usage(cmd, null, s);
    }

    /** Runs a check or builder step; its IllegalArgumentException is bad usage (exit code 2). */
    private static <T> T usage(String cmd, String where, Supplier<T> s) {
        try {
            return s.get();
        }
        catch (IllegalArgumentException e) {
            throw new UsageException(cmd, e.getMessage(), where);
        }
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static void createDirectories(String cmd, Path dir) {
        try {
            Files.createDirectories(dir);
        }
        catch (IOException e) {
            throw new GridKeepException(cmd, "cannot create directory: " + PrivateFiles.reason(e), dir.toString(), e);
        }
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("    %-10s %s%n", name, value);
    }

    private static String names(Collection<X509Certificate> certs) {
        return String.join(" or ", certs.stream().map(c -> c.getSubjectX500Principal().getName()).toList());
    }

    /** The subject alternative names as {@code DNS:a, IP:1.2.3.4}. */
    static List<String> altNames(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans == null)
                return out;
            for (List<?> san : sans) {
                int type = (Integer)san.get(0);
                String prefix = switch (type) {
                    case 2 -> "DNS:";
                    case 7 -> "IP:";
                    case 1 -> "email:";
                    case 6 -> "URI:";
                    default -> "other(" + type + "):";
                };
                out.add(prefix + san.get(1));
            }
        }
        catch (CertificateParsingException e) {
            out.add("(unreadable: " + e.getMessage() + ")");
        }
        return out;
    }

    private static String usageOf(X509Certificate c) {
        List<String> u = new ArrayList<>();
        boolean[] ku = c.getKeyUsage();
        String[] kuNames = {"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
            "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
        if (ku != null) {
            for (int i = 0; i < ku.length && i < kuNames.length; i++) {
                if (ku[i])
                    u.add(kuNames[i]);
            }
        }
        try {
            List<String> eku = c.getExtendedKeyUsage();
            if (eku != null) {
                for (String oid : eku)
                    u.add(switch (oid) {
                        case "1.3.6.1.5.5.7.3.1" -> "serverAuth";
                        case "1.3.6.1.5.5.7.3.2" -> "clientAuth";
                        default -> oid;
                    });
            }
        }
        catch (CertificateParsingException e) {
            u.add("(unreadable extended key usage)");
        }
        return u.isEmpty() ? "any" : String.join(", ", u);
    }
}
