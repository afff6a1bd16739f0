package io.gridkeep.store.writebehind;

import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteLogger;

/**
 * A store used inside {@link LossFreeWriteBehind}: Ignite injects its resources into the outer store
 * only, which hands them on through this.
 */
public interface WrappedStore {
    /** The node, its logger and the cache, as Ignite would have injected them. */
    void bind(Ignite ignite, IgniteLogger log, String cacheName);
}
