package io.gridkeep.security.internal;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.apache.ignite.plugin.security.SecurityException;
import org.apache.ignite.plugin.security.SecurityPermission;

/** What each grant allows, and the subject ids of users, which every node derives the same way. */
final class Grants {
    /** The anonymous client of a node without authentication. */
    static final UUID ANONYMOUS_ID = UUID.nameUUIDFromBytes("gridkeep-anonymous".getBytes(StandardCharsets.UTF_8));

    /** A readonly user may read data and cluster state; tasks are checked against the allow-list. */
    private static final Set<SecurityPermission> READONLY = EnumSet.of(SecurityPermission.CACHE_READ, SecurityPermission.ADMIN_VIEW,
        SecurityPermission.ADMIN_READ_DISTRIBUTED_PROPERTY, SecurityPermission.TASK_EXECUTE);

    private Grants() {
    }

    /**
     * The subject id of user {@code name}. Ignite sends an operation's subject id, not its context,
     * to the nodes that carry it out (a put to its primary, a task's jobs); a name-based id lets each
     * of them find the user in its own users file, with nothing replicated.
     */
    static UUID userId(String name) {
        return UUID.nameUUIDFromBytes(("gridkeep-user:" + name).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code id} is one of the ids above rather than a node's (nodes' ids are random, version 4). */
    static boolean isUserId(UUID id) {
        return id.version() == 3;
    }

    /** Throws unless {@code access} may use {@code perm} on {@code name} (a cache, a task, or null). */
    static void check(Access access, String name, SecurityPermission perm, TaskAllowList tasks) {
        Grant g = access.grant();
        if (g == Grant.NODE)
            return;
        boolean allowed;
        if (perm == SecurityPermission.TASK_EXECUTE || perm == SecurityPermission.TASK_CANCEL)
            allowed = tasks.allows(g, name);
        else
            allowed = g == Grant.ADMIN || (g == Grant.READONLY && READONLY.contains(perm));
        if (!allowed)
            throw new SecurityException(refusal(access, name, perm, tasks));
    }

    private static String refusal(Access access, String name, SecurityPermission perm, TaskAllowList tasks) {
        String who = access.subject().id().equals(ANONYMOUS_ID) ? "an anonymous client" : "user '" + access.subject().login() + "'";
        String role = switch (access.grant()) {
            case ADMIN -> "admin";
            case READONLY -> "readonly";
            default -> "unknown to this node";
        };
        if (perm == SecurityPermission.TASK_EXECUTE || perm == SecurityPermission.TASK_CANCEL) {
            return "gridkeep: security: " + who + " (" + role + ") may not run task " + name
                + ": thin clients run only allow-listed tasks (GridKeepSecurity allowedTasks; allowed: "
                + String.join(", ", tasks.entries()) + ")";
        }
        return "gridkeep: security: " + who + " (" + role + ") is not allowed " + perm + (name == null ? "" : " on " + name);
    }
}
