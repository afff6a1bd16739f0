package io.gridkeep.store.writebehind;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.gridkeep.store.cassandra.CassandraStoreFactory;
import io.gridkeep.testkit.CassandraServer;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.SharedCassandra;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.nio.ByteBuffer;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Write-behind versions order updates across whole-cluster restarts and against other writers of the table. */
@ExtendWith({TestDirs.Extension.class, SharedCassandra.class})
class WriteBehindVersionsIT {
    static CassandraServer cassandra;
    static CqlSession cql;

    @BeforeAll
    static void start(CassandraServer server) {
        cassandra = server;
        cql = CqlSession.builder().addContactPoint(cassandra.contactPoint()).withLocalDatacenter(CassandraServer.DATACENTER).build();
    }

    @AfterAll
    static void stop() {
        if (cql != null)
            cql.close();
    }

    static CassandraStoreFactory<Integer, String> table(String table) {
        return new CassandraStoreFactory<Integer, String>().setContactPoints("127.0.0.1:" + cassandra.nativePort())
            .setKeyspace("versions").setTable(table).setKeyColumn("k").setKeyType("int").setValueBlobColumn("v");
    }

    static CacheConfiguration<Integer, String> writeBehind(String table) {
        return new CacheConfiguration<Integer, String>(table)
            .setBackups(1).setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC).setWriteThrough(true)
            .setCacheStoreFactory(new LossFreeWriteBehindFactory<Integer, String>().setStore(table(table)).setFlushIntervalMillis(200));
    }

    @Test
    void anUpdateAfterARestartOfTheWholeClusterReplacesTheOneBefore() throws Exception {
        // Three nodes first, one after: the second cluster's topology versions are lower than the first's.
        try (InJvmCluster first = InJvmCluster.start(3, TestNodeConfigs::server)) {
            first.node(0).getOrCreateCache(writeBehind("restart")).put(1, "before");
        }
        assertThat(valueOf("restart", 1)).isEqualTo("before");

        try (InJvmCluster second = InJvmCluster.start(1, TestNodeConfigs::server)) {
            second.node(0).getOrCreateCache(writeBehind("restart")).put(1, "after");
        }

        assertThat(valueOf("restart", 1)).isEqualTo("after");
    }

    @Test
    void aWriteBehindUpdateReplacesARowWrittenThroughBefore() throws Exception {
        try (InJvmCluster cluster = InJvmCluster.start(1, TestNodeConfigs::server)) {
            IgniteCache<Integer, String> through = cluster.node(0).getOrCreateCache(new CacheConfiguration<Integer, String>("mixed_through")
                .setWriteThrough(true).setCacheStoreFactory(table("mixed")));
            through.put(1, "written through");
            assertThat(valueOf("mixed", 1)).isEqualTo("written through");
            through.destroy();

            cluster.node(0).getOrCreateCache(writeBehind("mixed")).put(1, "written behind");
        }

        assertThat(valueOf("mixed", 1)).isEqualTo("written behind");
    }

    /** The value Cassandra holds for a key, read with the driver (a graceful stop has flushed). */
    private static String valueOf(String table, int key) throws Exception {
        var row = cql.execute("SELECT v FROM versions." + table + " WHERE k = " + key).one();
        assertThat(row).as("row %d of %s", key, table).isNotNull();
        ByteBuffer b = row.getByteBuffer(0);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (String)in.readObject();
        }
    }
}
