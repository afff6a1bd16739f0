package io.gridkeep.node.tls.internal;

import io.gridkeep.node.GridKeepException;
import io.gridkeep.node.internal.PrivateFiles;
import io.gridkeep.node.tls.WrongPasswordException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Set;

/**
 * PKCS#12 keystores through the JDK's own provider: what it writes, Java's KeyStore and Ignite's SslContextFactory
 * read, and so do OpenSSL and Python. (Its trusted-certificate entries carry the attribute by which Java tells a
 * trust anchor from a mere certificate.)
 */
public final class Pkcs12 {
    public static final String TYPE = "PKCS12";

    private Pkcs12() {
    }

    public static KeyStore empty() throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(TYPE);
        try {
            ks.load(null, null);
        }
        catch (IOException e) {
            throw new GeneralSecurityException("cannot make an empty PKCS#12 keystore", e);
        }
        return ks;
    }

    /**
     * Loads {@code file}.
     *
     * @throws WrongPasswordException if the password does not open it
     * @throws GridKeepException if it cannot be read or is no PKCS#12 keystore
     */
    public static KeyStore load(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(TYPE);
            ks.load(in, password);
            return ks;
        }
        catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException)
                throw new WrongPasswordException(file, e);
            if (!Files.isReadable(file) || Files.isDirectory(file))
                throw new GridKeepException("cannot open " + file, PrivateFiles.reason(e), null, e);
            throw new GridKeepException("cannot open " + file, "not a PKCS#12 keystore: " + e.getMessage(), null, e);
        }
        catch (GeneralSecurityException e) {
            throw new GridKeepException("cannot open " + file, "not a PKCS#12 keystore: " + e.getMessage(), null, e);
        }
    }

    /** Writes {@code ks} to {@code file}, whole or not at all, with mode {@code mode}. */
    public static void store(KeyStore ks, char[] password, Path file, Set<PosixFilePermission> mode)
        throws IOException, GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, password);
        PrivateFiles.write(file, out.toByteArray(), mode);
    }
}
