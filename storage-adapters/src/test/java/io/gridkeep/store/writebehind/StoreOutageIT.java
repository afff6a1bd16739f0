package io.gridkeep.store.writebehind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.StoreReadings;
import io.gridkeep.store.cassandra.CassandraStoreFactory;
import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.CassandraServer;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.SharedCassandra;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.cache.integration.CacheWriterException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cassandra stopped under a working node: write-behind keeps every update and delivers it later; write-through fails clearly.
 * One Cassandra and one node serve both tests (each stops Cassandra and starts it again), on tables and caches of their own.
 */
@ExtendWith({TestDirs.Extension.class, SharedCassandra.class})
class StoreOutageIT {
    private static CassandraServer cassandra;
    private static InJvmCluster cluster;
    private static Ignite node;

    @BeforeAll
    static void start(CassandraServer server) {
        cassandra = server;
        cluster = InJvmCluster.start(1, TestNodeConfigs::server);
        node = cluster.node(0);
    }

    @AfterAll
    static void stop() {
        if (cluster != null)
            cluster.close();
    }

    static CassandraStoreFactory<Integer, String> cassandra(CassandraServer c, String table) {
        return new CassandraStoreFactory<Integer, String>().setContactPoints("127.0.0.1:" + c.nativePort())
            .setKeyspace("outage").setTable(table).setKeyColumn("k").setKeyType("int").setValueBlobColumn("v");
    }

    @Test
    void writeBehindKeepsEveryUpdateThroughAnOutageAndWriteThroughFailsClearly() throws Exception {
        IgniteCache<Integer, String> behind = node.getOrCreateCache(new CacheConfiguration<Integer, String>("behind")
            .setBackups(1).setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC).setWriteThrough(true)
            .setCacheStoreFactory(new LossFreeWriteBehindFactory<Integer, String>().setStore(cassandra(cassandra, "behind"))
                .setFlushIntervalMillis(300)));
        IgniteCache<Integer, String> through = node.getOrCreateCache(new CacheConfiguration<Integer, String>("through")
            .setWriteThrough(true).setReadThrough(true).setCacheStoreFactory(cassandra(cassandra, "through")));
        StoreReadings metrics = StoreReadings.of(node, "cassandra", "behind");
        LongSupplier pending = () -> metrics.value(StoreMetrics.PENDING_ENTRIES);
        LongSupplier up = () -> metrics.value(StoreMetrics.BACKEND_UP);

        for (int k = 0; k < 1000; k++)
            behind.put(k, "v" + k);
        through.put(1, "one");
        Await.until(() -> pending.getAsLong() == 0, Duration.ofSeconds(120), "the first 1000 updates written");

        cassandra.stop();

        for (int k = 1000; k < 3000; k++)
            behind.put(k, "v" + k);
        assertThatThrownBy(() -> through.put(2, "two")).isInstanceOf(CacheWriterException.class)
            .hasStackTraceContaining("gridkeep: cassandra store of cache through: cannot write key 2");
        assertThat(behind.get(5)).isEqualTo("v5");
        assertThat(through.get(1)).isEqualTo("one");
        StoreReadings throughMetrics = StoreReadings.of(node, "cassandra", "through");
        assertThatThrownBy(() -> through.remove(1)).isInstanceOf(CacheWriterException.class)
            .hasStackTraceContaining("gridkeep: cassandra store of cache through: cannot delete key 1");
        assertThat(throughMetrics.value(StoreMetrics.FAILURES)).as("a failed put and a failed delete").isEqualTo(2);
        assertThat(throughMetrics.value(StoreMetrics.ROWS_WRITTEN)).as("the put before the outage").isEqualTo(1);
        Await.until(() -> up.getAsLong() == 0, Duration.ofSeconds(120), "BackendUp to drop to 0");
        assertThat(pending.getAsLong()).isEqualTo(2000);

        cassandra.restart();

        Await.until(() -> pending.getAsLong() == 0, Duration.ofSeconds(120), "the 2000 waiting updates written after the restart");
        assertThat(up.getAsLong()).isEqualTo(1);
        try (CqlSession cql = CqlSession.builder().addContactPoint(cassandra.contactPoint())
            .withLocalDatacenter(CassandraServer.DATACENTER).build()) {
            assertThat(cql.execute("SELECT COUNT(*) FROM outage.behind").one().getLong(0)).isEqualTo(3000);
        }
        assertThat(metrics.lastError()).contains("cannot write");
        assertThat(throughMetrics.lastError()).contains("cannot delete key 1");
    }

    @Test
    void whenMaxPendingKeysWaitFurtherUpdatesWaitForRoomAndNoneIsDropped() throws Exception {
        IgniteCache<Integer, String> behind = node.getOrCreateCache(new CacheConfiguration<Integer, String>("capped")
            .setBackups(1).setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC).setWriteThrough(true)
            .setCacheStoreFactory(new LossFreeWriteBehindFactory<Integer, String>().setStore(cassandra(cassandra, "capped"))
                .setFlushIntervalMillis(300).setFlushSize(50).setMaxPending(100)));
        StoreReadings metrics = StoreReadings.of(node, "cassandra", "capped");
        LongSupplier pending = () -> metrics.value(StoreMetrics.PENDING_ENTRIES);
        behind.put(-1, "first");
        Await.until(() -> pending.getAsLong() == 0, Duration.ofSeconds(120), "the first update written (schema created)");

        cassandra.stop();
        for (int k = 0; k < 100; k++)
            behind.put(k, "v" + k);
        // The same keys again take no more room: the newest value replaces the waiting one.
        for (int k = 0; k < 100; k++)
            behind.put(k, "w" + k);
        assertThat(pending.getAsLong()).isEqualTo(100);

        AtomicInteger done = new AtomicInteger();
        Thread writer = new Thread(() -> {
            for (int k = 100; k < 150; k++) {
                behind.put(k, "v" + k);
                done.incrementAndGet();
            }
        }, "writer-past-max-pending");
        writer.start();
        // With the backend down nothing can make room: the writer's first new key must wait, whatever the timing.
        Await.holds(() -> done.get() == 0 && writer.isAlive(), Duration.ofSeconds(2), "the writer's first new key waiting for room");
        assertThat(done.get()).isZero();
        assertThat(writer.isAlive()).isTrue();
        assertThat(pending.getAsLong()).isEqualTo(100);
        assertThat(behind.get(7)).isEqualTo("w7");

        cassandra.restart();

        Await.until(() -> done.get() == 50, Duration.ofSeconds(180), "the writer's 50 new keys accepted after the restart");
        Await.until(() -> pending.getAsLong() == 0, Duration.ofSeconds(120), "every waiting update written after the restart");
        try (CqlSession cql = CqlSession.builder().addContactPoint(cassandra.contactPoint())
            .withLocalDatacenter(CassandraServer.DATACENTER).build()) {
            assertThat(cql.execute("SELECT COUNT(*) FROM outage.capped").one().getLong(0)).isEqualTo(151);
            ByteBuffer blob = cql.execute("SELECT v FROM outage.capped WHERE k = 7").one().getByteBuffer(0);
            byte[] bytes = new byte[blob.remaining()];
            blob.get(bytes);
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                assertThat(in.readObject()).isEqualTo("w7");
            }
        }
        assertThat(behind.get(7)).isEqualTo("w7");
    }
}
