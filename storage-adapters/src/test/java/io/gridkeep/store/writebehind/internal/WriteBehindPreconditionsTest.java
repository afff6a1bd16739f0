package io.gridkeep.store.writebehind.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.Test;

class WriteBehindPreconditionsTest {
    private static CacheConfiguration<Object, Object> served() {
        return new CacheConfiguration<>("c").setBackups(1).setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
            .setWriteThrough(true);
    }

    @Test
    void anAtomicCacheWithABackupAndFullSyncIsServed() {
        assertThat(WriteBehindPreconditions.violation(served())).isEmpty();
    }

    @Test
    void aReplicatedCacheNeedsNoBackupsSetting() {
        assertThat(WriteBehindPreconditions.violation(served().setCacheMode(CacheMode.REPLICATED).setBackups(0))).isEmpty();
    }

    @Test
    void aTransactionalCacheIsRefusedNamingTheSettingAndTheFix() {
        assertThat(WriteBehindPreconditions.violation(served().setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL)))
            .get().asString().startsWith("atomicityMode=TRANSACTIONAL is not supported").endsWith("Use atomicityMode=ATOMIC");
    }

    @Test
    void noBackupsIsRefused() {
        assertThat(WriteBehindPreconditions.violation(served().setBackups(0))).get().asString()
            .startsWith("backups=0").contains("set backups to 1 or more");
    }

    @Test
    void primarySyncIsRefused() {
        assertThat(WriteBehindPreconditions.violation(served().setWriteSynchronizationMode(CacheWriteSynchronizationMode.PRIMARY_SYNC)))
            .get().asString().startsWith("writeSynchronizationMode=PRIMARY_SYNC").contains("set writeSynchronizationMode=FULL_SYNC");
    }

    @Test
    void ignitesOwnWriteBehindOnTopIsRefused() {
        assertThat(WriteBehindPreconditions.violation(served().setWriteBehindEnabled(true))).get().asString()
            .startsWith("writeBehindEnabled=true");
    }
}
