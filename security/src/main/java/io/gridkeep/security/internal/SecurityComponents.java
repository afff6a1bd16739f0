package io.gridkeep.security.internal;

import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.security.GridSecurityProcessor;
import org.apache.ignite.plugin.PluginContext;

/** Answers the plugin's {@code createComponent}: Ignite asks each plugin for the components it may replace. */
public final class SecurityComponents {
    private SecurityComponents() {
    }

    /** The component of type {@code cls} for the node of {@code ctx}, or null when GridKeep does not provide it. */
    public static Object create(PluginContext ctx, Class<?> cls, SecuritySettings settings) {
        if (cls != GridSecurityProcessor.class)
            return null;
        return new GridKeepSecurityProcessor(((IgniteEx)ctx.grid()).context(), settings);
    }
}
