package io.gridkeep.testkit;

import org.apache.ignite.configuration.IgniteConfiguration;

/**
 * Completes a forked test server's configuration, from a module the testkit does not depend on
 * (a metrics exporter, a cache store). Implementations need a public no-arg constructor.
 */
@FunctionalInterface
public interface NodeConfigurer {
    IgniteConfiguration configure(NodeSlot slot, IgniteConfiguration cfg);
}
