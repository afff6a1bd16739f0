package io.gridkeep.node.cli;

import io.gridkeep.node.GridKeepException;
import io.gridkeep.node.internal.PasswordFiles;
import io.gridkeep.node.internal.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * A keystore's password for {@code gridkeep certs}, and where it came from: its environment variable, a password
 * file given on the command line, or a file next to the keystore ({@code ca.p12.password}), which is where a
 * generated one goes. The value is never printed; only its source is.
 */
final class StorePassword {
    /** The environment variable of the CA's {@code ca.p12}. */
    static final String CA_ENV = "GRIDKEEP_CA_PASSWORD";

    /** The environment variable of issued keystores. */
    static final String KEYSTORE_ENV = "GRIDKEEP_KEYSTORE_PASSWORD";

    /** The environment variable of {@code truststore.p12}. */
    static final String TRUSTSTORE_ENV = "GRIDKEEP_TRUSTSTORE_PASSWORD";

    /** 24 random bytes: 192 bits, 32 characters of URL-safe Base64 (no shell or XML quoting needed). */
    private static final int GENERATED_BYTES = 24;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keystore;
    private final char[] value;
    private final String source;
    private final boolean generated;

    private StorePassword(Path keystore, char[] value, String source, boolean generated) {
        this.keystore = keystore;
        this.value = value;
        this.source = source;
        this.generated = generated;
    }

    /** Where the password of {@code keystore} is kept when generated: {@code ca.p12.password} beside {@code ca.p12}. */
    static Path fileOf(Path keystore) {
        return PasswordFiles.besideStore(keystore);
    }

    /** The password for a keystore about to be written: from {@code envVar}, else {@code file}, else a new random one. */
    static StorePassword forNew(Path keystore, String envVar, Path file, Map<String, String> env) {
        String fromEnv = env.get(envVar);
        if (fromEnv != null && !fromEnv.isEmpty())
            return new StorePassword(keystore, fromEnv.toCharArray(), envVar, false);
        if (file != null)
            return new StorePassword(keystore, read(file), file.toString(), false);
        byte[] b = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(b);
        char[] pw = Base64.getUrlEncoder().withoutPadding().encodeToString(b).toCharArray();
        return new StorePassword(keystore, pw, fileOf(keystore).toString(), true);
    }

    /**
     * The password of an existing keystore: from {@code envVar}, else {@code file}, else the file next to it.
     *
     * @param fileOption the option that names a password file, for the message when there is none
     */
    static StorePassword forExisting(Path keystore, String envVar, Path file, Map<String, String> env, String fileOption) {
        String fromEnv = env.get(envVar);
        if (fromEnv != null && !fromEnv.isEmpty())
            return new StorePassword(keystore, fromEnv.toCharArray(), envVar, false);
        if (file != null)
            return new StorePassword(keystore, read(file), file.toString(), false);
        Path beside = fileOf(keystore);
        if (Files.exists(beside))
            return new StorePassword(keystore, read(beside), beside.toString(), false);
        throw new GridKeepException("cannot open " + keystore, "no password: set " + envVar + " or pass " + fileOption,
            "no " + beside.getFileName() + " beside it");
    }

    private static char[] read(Path file) {
        try {
            return PasswordFiles.firstLine(file);
        }
        catch (IOException e) {
            throw new GridKeepException("cannot read password file " + file, PrivateFiles.reason(e), null, e);
        }
    }

    char[] value() {
        return value;
    }

    /** The environment variable or file the password came from (for messages: never the password). */
    String source() {
        return source;
    }

    /** Writes a generated password to its file (mode 0600), before the keystore that it opens. */
    void saveIfGenerated(String what) {
        if (!generated)
            return;
        Path f = fileOf(keystore);
        try {
            PrivateFiles.write(f, (new String(value) + "\n").getBytes(StandardCharsets.UTF_8), PrivateFiles.OWNER_ONLY);
        }
        catch (IOException e) {
            throw new GridKeepException(what, "cannot write password file: " + PrivateFiles.reason(e), f.toString(), e);
        }
    }

    /** Removes a generated password's file when its keystore could not be written after all. */
    void discardIfGenerated() {
        if (!generated)
            return;
        try {
            Files.deleteIfExists(fileOf(keystore));
        }
        catch (IOException e) {
            // Left behind: it opens nothing, and the failure that led here is what the user sees.
        }
    }

    /** A line for the user: where the password of the keystore is. */
    String describe() {
        return "password of " + keystore.getFileName() + ": " + (generated ? "generated, in " + source + " (mode 0600)" : "from " + source);
    }
}
