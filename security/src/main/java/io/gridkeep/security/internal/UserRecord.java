package io.gridkeep.security.internal;

import io.gridkeep.security.Role;
import java.util.regex.Pattern;

/**
 * One line of the users file: {@code NAME ROLE HASH}.
 *
 * @param name the login
 * @param role its role
 * @param hash its password hash ({@link PasswordHash})
 */
public record UserRecord(String name, Role role, String hash) {
    /** Names that are safe in a file, a URL (JDBC's user=) and a log line. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");

    /** The line written to the users file. */
    public String line() {
        return name + ' ' + role.id() + ' ' + hash;
    }
}
