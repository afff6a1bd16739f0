package io.gridkeep.security;

import io.gridkeep.security.internal.SecurityComponents;
import io.gridkeep.security.internal.SecuritySettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.ignite.IgniteCheckedException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.plugin.CachePluginContext;
import org.apache.ignite.plugin.CachePluginProvider;
import org.apache.ignite.plugin.ExtensionRegistry;
import org.apache.ignite.plugin.IgnitePlugin;
import org.apache.ignite.plugin.PluginConfiguration;
import org.apache.ignite.plugin.PluginContext;
import org.apache.ignite.plugin.PluginProvider;

/**
 * GridKeep's security plugin for Ignite: thin clients and JDBC connections log in with a user of
 * a {@link UsersFile}, each user has a {@link Role}, and thin clients run only allow-listed tasks.
 * It works in memory as well as with native persistence (Ignite's built-in authentication needs
 * persistence and has no roles). Every node of a cluster, thick clients included, must carry the
 * plugin with the same {@code authentication} setting, or Ignite refuses its join.
 *
 * <p>Nodes are not asked for a password: beyond loopback they authenticate with the cluster's
 * certificate (TLS on discovery and communication), which a node without it cannot get past.
 *
 * <pre>{@code
 * <property name="pluginProviders">
 *   <list>
 *     <bean class="io.gridkeep.security.GridKeepSecurity">
 *       <property name="authentication" value="true"/>
 *       <property name="usersFile" value="/etc/gridkeep/users"/>
 *       <property name="allowedTasks" value="com.acme.tasks.*"/>
 *     </bean>
 *   </list>
 * </property>
 * }</pre>
 */
public class GridKeepSecurity implements PluginProvider<PluginConfiguration> {
    /**
     * Node attribute: {@code true} on a node that requires clients to log in, {@code false} on one
     * with the plugin and no authentication, absent without the plugin. Every node must agree.
     */
    public static final String AUTHENTICATION_ATTRIBUTE = "gridkeep.security.authentication";

    /** The plugin's name in Ignite's plugin list. */
    public static final String NAME = "GridKeepSecurity";

    /**
     * GridKeep's tasks that a thin client with the admin role may run. The classes live in other
     * modules; grid-node's contract test checks that every name exists.
     */
    public static final List<String> BUILT_IN_TASKS = List.of(
        "io.gridkeep.store.tasks.LoadCacheTask",
        "io.gridkeep.store.export.ExportTask");

    /** GridKeep's tasks that only read, which readonly users may run too. */
    public static final List<String> READ_ONLY_BUILT_IN_TASKS = List.of(
        "io.gridkeep.compute.tasks.AggregateTask",
        "io.gridkeep.compute.tasks.TopKTask",
        "io.gridkeep.compute.tasks.WordCountTask",
        "io.gridkeep.store.tasks.StoreStatusTask");

    private boolean enabled = true;
    private boolean authentication;
    private String usersFile;
    private List<String> allowedTasks = new ArrayList<>();
    private List<String> readOnlyTasks = new ArrayList<>();
    private SecuritySettings settings;

    /** Whether the plugin is on (default true); off, Ignite runs without a security processor. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether thin clients and JDBC must log in (default false: they are the anonymous admin). */
    public void setAuthentication(boolean authentication) {
        this.authentication = authentication;
    }

    /** The users file; required with authentication. */
    public void setUsersFile(String usersFile) {
        this.usersFile = usersFile;
    }

    /** The users file, or null. */
    public String getUsersFile() {
        return usersFile;
    }

    /** Tasks beyond the built-ins that admins may run from a thin client: class names, or {@code package.*}. */
    public void setAllowedTasks(List<String> allowedTasks) {
        this.allowedTasks = allowedTasks == null ? new ArrayList<>() : new ArrayList<>(allowedTasks);
    }

    /** Tasks beyond the read-only built-ins that readonly users (and admins) may run. */
    public void setReadOnlyTasks(List<String> readOnlyTasks) {
        this.readOnlyTasks = readOnlyTasks == null ? new ArrayList<>() : new ArrayList<>(readOnlyTasks);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        Package p = GridKeepSecurity.class.getPackage();
        return p.getImplementationVersion() == null ? "dev" : p.getImplementationVersion();
    }

    @Override
    public String copyright() {
        return "GridKeep";
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends IgnitePlugin> T plugin() {
        return (T)new IgnitePlugin() {
        };
    }

    @Override
    public void initExtensions(PluginContext ctx, ExtensionRegistry registry) {
        if (enabled)
            settings();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T createComponent(PluginContext ctx, Class<T> cls) {
        if (!enabled)
            return null;
        return (T)SecurityComponents.create(ctx, cls, settings());
    }

    /** Checked once, when Ignite first asks (initExtensions): a wrong setting stops the node before it joins. */
    private SecuritySettings settings() {
        if (settings == null)
            settings = SecuritySettings.of(authentication, usersFile, allowedTasks, readOnlyTasks);
        return settings;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public CachePluginProvider createCacheProvider(CachePluginContext ctx) {
        return null;
    }

    @Override
    public void start(PluginContext ctx) throws IgniteCheckedException {
        // The security processor does the work; Ignite starts it with the other processors.
    }

    @Override
    public void stop(boolean cancel) {
        // Nothing held.
    }

    @Override
    public void onIgniteStart() {
        // Nothing to do once the node runs.
    }

    @Override
    public void onIgniteStop(boolean cancel) {
        // Nothing held.
    }

    @Override
    public Serializable provideDiscoveryData(UUID nodeId) {
        return null;
    }

    @Override
    public void receiveDiscoveryData(UUID nodeId, Serializable data) {
        // No discovery data.
    }

    @Override
    @Deprecated
    public void validateNewNode(ClusterNode node) {
        // The security processor checks that nodes agree on authentication.
    }
}
