package io.gridkeep.node.tls;

import io.gridkeep.node.GridKeepException;
import java.nio.file.Path;

/**
 * A keystore that its password does not open (or a file that is not the keystore it should be, which PKCS#12
 * cannot tell apart).
 *
 * <pre>{@code
 * try {
 *     CertificateAuthority.open(dir, password);
 * }
 * catch (WrongPasswordException e) {
 *     System.err.println("wrong password for " + e.file());
 * }
 * }</pre>
 */
public final class WrongPasswordException extends GridKeepException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public WrongPasswordException(Path file, Throwable cause) {
        super("cannot open " + file, "wrong password?", null, cause);
        this.file = file;
    }

    /** The keystore that did not open. */
    public Path file() {
        return file;
    }
}
