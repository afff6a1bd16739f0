package io.gridkeep.security.internal;

import io.gridkeep.security.GridKeepSecurity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.ignite.IgniteCheckedException;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.internal.GridKernalContext;
import org.apache.ignite.internal.IgniteNodeAttributes;
import org.apache.ignite.internal.processors.GridProcessorAdapter;
import org.apache.ignite.internal.processors.authentication.IgniteAccessControlException;
import org.apache.ignite.internal.processors.security.GridSecurityProcessor;
import org.apache.ignite.internal.processors.security.SecurityContext;
import org.apache.ignite.plugin.security.AuthenticationContext;
import org.apache.ignite.plugin.security.SecurityCredentials;
import org.apache.ignite.plugin.security.SecurityException;
import org.apache.ignite.plugin.security.SecurityPermission;
import org.apache.ignite.plugin.security.SecuritySubject;
import org.apache.ignite.plugin.security.SecuritySubjectType;
import org.apache.ignite.spi.IgniteNodeValidationResult;
import org.jetbrains.annotations.Nullable;

/**
 * The security processor GridKeep's plugin gives Ignite. Nodes are admitted as nodes: beyond
 * loopback they had to present the cluster's certificate to reach discovery at all. Thin clients
 * and JDBC connections log in against the users file when authentication is on, and are the
 * anonymous admin otherwise; either way they run only allow-listed tasks.
 */
public final class GridKeepSecurityProcessor extends GridProcessorAdapter implements GridSecurityProcessor {
    private static final String AUTHENTICATION_ATTRIBUTE = GridKeepSecurity.AUTHENTICATION_ATTRIBUTE;

    private final SecuritySettings settings;
    private final IgniteLogger securityLog;
    private final Refusals refusals;
    private UserDirectory users;

    /** A processor for the node of {@code ctx}. */
    public GridKeepSecurityProcessor(GridKernalContext ctx, SecuritySettings settings) {
        super(ctx);
        this.settings = settings;
        this.securityLog = ctx.log(GridKeepSecurityProcessor.class);
        this.refusals = new Refusals(securityLog::warning);
    }

    @Override
    public void start() throws IgniteCheckedException {
        ctx.addNodeAttribute(AUTHENTICATION_ATTRIBUTE, settings.authentication());
        // Discovery expects credentials from every joining node; nodes prove who they are with the cluster's certificate instead.
        ctx.addNodeAttribute(IgniteNodeAttributes.ATTR_SECURITY_CREDENTIALS, new SecurityCredentials("gridkeep-node", null));
        if (settings.usersFile() == null)
            return;
        try {
            users = new UserDirectory(settings.usersFile(), securityLog::warning);
        }
        catch (IOException e) {
            throw new IgniteCheckedException("gridkeep: security: cannot read the users file " + settings.usersFile() + ": "
                + e.getMessage(), e);
        }
        if (settings.authentication() && users.size() == 0) {
            throw new IgniteCheckedException("gridkeep: security: authentication is on but the users file " + settings.usersFile()
                + " holds no user; add one with 'gridkeep user add NAME --role admin --users-file " + settings.usersFile() + "'");
        }
    }

    @Override
    public SecurityContext authenticateNode(ClusterNode node, SecurityCredentials cred) {
        InetSocketAddress addr = node.addresses().isEmpty() ? null : new InetSocketAddress(node.addresses().iterator().next(), 0);
        return new Access(new Subject(node.id(), SecuritySubjectType.REMOTE_NODE, String.valueOf(node.consistentId()), addr), Grant.NODE);
    }

    @Override
    public boolean isGlobalNodeAuthentication() {
        return false;
    }

    @Override
    public SecurityContext authenticate(AuthenticationContext authCtx) throws IgniteCheckedException {
        if (!settings.authentication())
            return anonymous(authCtx.address());
        SecurityCredentials cred = authCtx.credentials();
        String login = cred == null || cred.getLogin() == null ? null : cred.getLogin().toString();
        if (login == null || login.isEmpty()) {
            securityLog.warning("gridkeep: security: refused a client without a user name from " + authCtx.address());
            throw new IgniteAccessControlException("gridkeep: authentication required: this node accepts only users of its users file "
                + "(thin client: ClientConfiguration.setUserName/setUserPassword; JDBC: user= and password=; CLI: --user)");
        }
        Object pwd = cred.getPassword();
        UserRecord u = pwd == null ? null : users.authenticate(login, pwd.toString().toCharArray());
        if (u == null) {
            securityLog.warning("gridkeep: security: wrong user name or password for user '" + login + "' from " + authCtx.address());
            throw new IgniteAccessControlException("gridkeep: authentication failed for user '" + login
                + "': wrong user name or password");
        }
        return user(u, authCtx.address());
    }

    @Override
    public Collection<SecuritySubject> authenticatedSubjects() {
        return List.of();
    }

    @Override
    public SecuritySubject authenticatedSubject(UUID subjId) {
        SecurityContext c = securityContext(subjId);
        return c == null ? null : c.subject();
    }

    @Override
    public @Nullable SecurityContext securityContext(UUID subjId) {
        if (subjId.equals(Grants.ANONYMOUS_ID))
            return settings.authentication() ? denied(subjId) : anonymous(null);
        if (!Grants.isUserId(subjId))
            return null;
        UserRecord u = users == null ? null : users.byId(subjId);
        return u == null ? denied(subjId) : user(u, null);
    }

    @Override
    public void authorize(String name, SecurityPermission perm, SecurityContext securityCtx) throws SecurityException {
        if (!(securityCtx instanceof Access access))
            throw new SecurityException("gridkeep: security: unknown security context " + securityCtx);
        try {
            Grants.check(access, name, perm, settings.tasks());
        }
        catch (SecurityException e) {
            // Thin clients see only "not authorized": the node's log says who was refused what.
            refusals.log(access.subject().login() + "/" + perm + "/" + name, e.getMessage());
            throw e;
        }
    }

    @Override
    public void onSessionExpired(UUID subjId) {
        // Contexts are derived from the users file on demand; there is no session state to drop.
    }

    @Override
    @Deprecated
    public boolean enabled() {
        return true;
    }

    @Override
    public @Nullable IgniteNodeValidationResult validateNode(ClusterNode node) {
        Object theirs = node.attribute(AUTHENTICATION_ATTRIBUTE);
        if (Objects.equals(theirs, settings.authentication()))
            return null;
        String msg = "gridkeep: security: node " + node.consistentId() + " has authentication " + onOff(theirs)
            + " but this cluster has it " + onOff(settings.authentication()) + "; every node must agree";
        return new IgniteNodeValidationResult(node.id(), msg, msg);
    }

    private static String onOff(Object v) {
        return Boolean.TRUE.equals(v) ? "on" : v == null ? "unset" : "off";
    }

    private static Access anonymous(InetSocketAddress addr) {
        return new Access(new Subject(Grants.ANONYMOUS_ID, SecuritySubjectType.REMOTE_CLIENT, "anonymous", addr), Grant.ADMIN);
    }

    private static Access user(UserRecord u, InetSocketAddress addr) {
        Grant g = switch (u.role()) {
            case ADMIN -> Grant.ADMIN;
            case READONLY -> Grant.READONLY;
        };
        return new Access(new Subject(Grants.userId(u.name()), SecuritySubjectType.REMOTE_CLIENT, u.name(), addr), g);
    }

    private static Access denied(UUID id) {
        return new Access(new Subject(id, SecuritySubjectType.REMOTE_CLIENT, "unknown subject " + id, null), Grant.NONE);
    }
}
