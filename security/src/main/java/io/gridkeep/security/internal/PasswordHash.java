package io.gridkeep.security.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Passwords as salted PBKDF2-HMAC-SHA256 hashes, written {@code pbkdf2-sha256:ITERATIONS:SALT:HASH}
 * (Base64). The iteration count is OWASP's 2023 figure for this function: a stolen users file
 * costs an attacker about as much per guess as a login costs the node.
 */
public final class PasswordHash {
    /** Iterations of new hashes; existing hashes keep the count they were written with. */
    public static final int ITERATIONS = 210_000;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    /** A new hash of {@code password} with a fresh salt. */
    public static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return SCHEME + ':' + ITERATIONS + ':' + b64(salt) + ':' + b64(derive(password, salt, ITERATIONS));
    }

    /** Whether {@code password} is the one {@code encoded} was made from; false for a malformed hash. */
    public static boolean matches(char[] password, String encoded) {
        String[] parts = encoded.split(":");
        if (parts.length != 4 || !parts[0].equals(SCHEME))
            return false;
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, iterations));
        }
        catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code encoded} has the shape of a hash this class writes. */
    public static boolean wellFormed(String encoded) {
        String[] parts = encoded.split(":");
        if (parts.length != 4 || !parts[0].equals(SCHEME))
            return false;
        try {
            return Integer.parseInt(parts[1]) > 0 && Base64.getDecoder().decode(parts[2]).length > 0
                && Base64.getDecoder().decode(parts[3]).length == HASH_BITS / 8;
        }
        catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JVM", e);
        }
        finally {
            spec.clearPassword();
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }
}
