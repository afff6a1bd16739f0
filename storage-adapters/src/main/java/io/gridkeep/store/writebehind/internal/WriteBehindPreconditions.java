package io.gridkeep.store.writebehind.internal;

import io.gridkeep.store.internal.StartingCacheConfig;
import java.util.Optional;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * The cache settings under which the loss-free write-behind keeps its promise; any other is refused
 * when the cache starts, in one line that names the setting, rather than losing updates later.
 *
 * <ul>
 *   <li>ATOMIC: in a TRANSACTIONAL cache Ignite calls the store on the node that started the
 *       transaction, which may be a thick client whose queue dies with it, and no backup holds it.</li>
 *   <li>backups of 1 or more (or REPLICATED) and FULL_SYNC: the replay after a failure reads the
 *       acknowledged values from the copies that survive.</li>
 *   <li>Ignite's own write-behind off: this is the write-behind.</li>
 * </ul>
 */
final class WriteBehindPreconditions {
    private WriteBehindPreconditions() {
    }

    /** Why {@code cfg} cannot be served, or empty when it can. */
    static Optional<String> violation(CacheConfiguration<?, ?> cfg) {
        if (cfg.getAtomicityMode() == CacheAtomicityMode.TRANSACTIONAL)
            return Optional.of("atomicityMode=TRANSACTIONAL is not supported: Ignite writes a transaction's store from the node that "
                + "started it, which may be a client whose queue dies with it. Use atomicityMode=ATOMIC");
        if (cfg.isWriteBehindEnabled())
            return Optional.of("writeBehindEnabled=true: this store is the write-behind; set writeBehindEnabled=false");
        if (cfg.getCacheMode() != CacheMode.REPLICATED && cfg.getBackups() < 1)
            return Optional.of("backups=" + cfg.getBackups() + ": updates not yet written are recovered from the backups after a "
                + "failure; set backups to 1 or more");
        if (cfg.getWriteSynchronizationMode() != CacheWriteSynchronizationMode.FULL_SYNC)
            return Optional.of("writeSynchronizationMode=" + cfg.getWriteSynchronizationMode() + ": an update must be on its backups "
                + "before it is acknowledged; set writeSynchronizationMode=FULL_SYNC");
        return Optional.empty();
    }

    /** The same, for the cache a store starts in; nothing to check outside a server node. */
    static Optional<String> violation(Ignite ignite, String cacheName) {
        return StartingCacheConfig.of(ignite, cacheName).flatMap(WriteBehindPreconditions::violation);
    }
}
