package io.gridkeep.store.export;

import io.gridkeep.store.export.internal.ExportTargets;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.lifecycle.LifecycleBean;
import org.apache.ignite.lifecycle.LifecycleEventType;

/**
 * Where {@link ExportTask} may write on this node: directories under these URI prefixes, and nowhere
 * else. The task can be run by any thin client, and an export with {@code overwrite} deletes its
 * target first, so the roots are the node's own configuration, never part of a request. A node
 * without this bean, or with no roots, refuses every export, naming this bean and its property:
 * a default root (say, under the node's work directory, beside its persistence files) would let any
 * client fill or overwrite that disk, and the operator should choose where exports go.
 *
 * <p>A target must lie strictly below a root, with the same scheme and authority; it is normalised
 * first ({@code .} and {@code ..} resolved, a {@code ..} above a root refused), and for
 * {@code file://} targets the existing part of the path is resolved through symbolic links. The check
 * runs before anything is created or deleted, on the node that runs the task and again on every node
 * that writes. Every server that takes part in exports should carry the same bean.
 *
 * <pre>{@code
 * <property name="lifecycleBeans">
 *   <list>
 *     <bean class="io.gridkeep.store.export.ExportRoots">
 *       <property name="roots" value="${gridkeep.export.roots:}"/>   <!-- file:///var/lib/gridkeep/exports,hdfs://nn:8020/exports -->
 *     </bean>
 *   </list>
 * </property>
 * }</pre>
 */
public class ExportRoots implements LifecycleBean {
    /** How messages name this bean's property. */
    static final String PROPERTY = "the property 'roots' of the io.gridkeep.store.export.ExportRoots bean (the node's lifecycleBeans)";

    private String roots = "";
    private LinkedHashMap<String, String> hadoopProperties = new LinkedHashMap<>();
    private volatile List<URI> parsed;

    /**
     * Comma-separated URI prefixes under which exports may write ({@code file:///var/lib/gridkeep/exports,
     * hdfs://nn:8020/exports}); default none, which refuses every export.
     */
    public ExportRoots setRoots(String roots) {
        this.roots = roots == null ? "" : roots;
        this.parsed = null;
        return this;
    }

    /**
     * Hadoop client settings for exports that a request may not set itself, such as an HA
     * nameservice's {@code dfs.client.failover.proxy.provider.<ns>}; below a request's own properties.
     */
    public ExportRoots setHadoopProperties(Map<String, String> hadoopProperties) {
        this.hadoopProperties = new LinkedHashMap<>(hadoopProperties);
        return this;
    }

    /** The roots, parsed and checked; throws naming the property when one is not a usable URI. */
    List<URI> roots() {
        List<URI> r = parsed;
        if (r == null) {
            try {
                parsed = r = ExportTargets.roots(roots);
            }
            catch (IllegalArgumentException e) {
                throw new IgniteException("gridkeep: export: " + e.getMessage() + " (" + PROPERTY + ")", e);
            }
        }
        return r;
    }

    Map<String, String> hadoopProperties() {
        return hadoopProperties;
    }

    /** Checks the roots when the node starts, so that a wrong one fails the start with the property's name. */
    @Override
    public void onLifecycleEvent(LifecycleEventType evt) {
        if (evt == LifecycleEventType.BEFORE_NODE_START)
            roots();
    }

    /** The node's bean among its lifecycle beans; empty when it has none. */
    static Optional<ExportRoots> of(Ignite ignite) {
        LifecycleBean[] beans = ignite.configuration().getLifecycleBeans();
        if (beans != null) {
            for (LifecycleBean b : beans) {
                if (b instanceof ExportRoots r)
                    return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
