package io.gridkeep.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a user may do. {@code admin} may do everything a thin client or JDBC connection can:
 * read and write data, run SQL DDL and DML, change cluster state, and run the allow-listed tasks.
 * {@code readonly} may read data and cluster state, run SELECTs, and run the read-only tasks.
 *
 * <pre>{@code
 * Role role = Role.parse("readonly");   // Role.READONLY
 * }</pre>
 */
public enum Role {
    /** Full access. */
    ADMIN,
    /** Reads only: caches, SELECT, cluster state and the read-only tasks. */
    READONLY;

    /** The name used in the users file and on the command line: {@code admin}, {@code readonly}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role named {@code id}, case-insensitively.
     *
     * @throws IllegalArgumentException naming the roles that exist
     */
    public static Role parse(String id) {
        for (Role r : values()) {
            if (r.id().equalsIgnoreCase(id == null ? "" : id.trim()))
                return r;
        }
        throw new IllegalArgumentException("unknown role '" + id + "' (roles: "
            + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", ")) + ")");
    }
}
