package io.gridkeep.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.gridkeep.store.Intruders;
import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.StoreReadings;
import io.gridkeep.testkit.CassandraServer;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.SharedCassandra;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.integration.CacheLoaderException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.QueryEntity;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.transactions.Transaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Cassandra store against a real Cassandra 5.0: read-through, write-through, deletes, bulk writes, loadCache, schema checks. */
@ExtendWith({TestDirs.Extension.class, SharedCassandra.class})
class CassandraStoreIT {
    static CassandraServer cassandra;
    static CqlSession cql;
    static InJvmCluster cluster;
    static Ignite node;

    @BeforeAll
    static void start(CassandraServer server) {
        cassandra = server;
        cql = CqlSession.builder().addContactPoint(cassandra.contactPoint()).withLocalDatacenter(CassandraServer.DATACENTER).build();
        cluster = InJvmCluster.start(1, TestNodeConfigs::server);
        node = cluster.node(0);
    }

    @AfterAll
    static void stop() {
        if (cluster != null)
            cluster.close();
        if (cql != null)
            cql.close();
    }

    static CassandraStoreFactory<Long, Order> orders(String table) {
        Map<String, String> cols = new LinkedHashMap<>();
        cols.put("customer", "text");
        cols.put("total", "double");
        cols.put("created", "timestamp");
        cols.put("items", "int");
        return new CassandraStoreFactory<Long, Order>().setContactPoints("127.0.0.1:" + cassandra.nativePort())
            .setKeyspace("shop").setTable(table).setKeyColumn("id").setKeyType("bigint")
            .setValueType(Order.class.getName()).setValueColumns(cols);
    }

    static <V> IgniteCache<Long, V> cache(String name, CassandraStoreFactory<Long, V> f, CacheAtomicityMode mode) {
        return node.getOrCreateCache(new CacheConfiguration<Long, V>(name).setAtomicityMode(mode)
            .setCacheStoreFactory(f).setReadThrough(true).setWriteThrough(true));
    }

    static Order order(int i) {
        return new Order("c" + i, i * 1.5, Date.from(Instant.ofEpochMilli(1_700_000_000_000L + i)), i % 7);
    }

    @Test
    void aMissIsReadThroughFromCassandra() {
        IgniteCache<Long, Order> c = cache("read1", orders("read1"), CacheAtomicityMode.ATOMIC);
        c.get(-1L); // connects and creates the table
        cql.execute("INSERT INTO shop.read1 (id, customer, total, created, items) VALUES (42, 'ann', 9.5, '2026-01-02T03:04:05Z', 3)");

        Order o = c.get(42L);

        assertThat(o).isEqualTo(new Order("ann", 9.5, Date.from(Instant.parse("2026-01-02T03:04:05Z")), 3));
        assertThat(c.get(43L)).isNull();
    }

    @Test
    void putsAndRemovesOfAnAtomicCacheReachCassandra() {
        IgniteCache<Long, Order> c = cache("atomic1", orders("atomic1"), CacheAtomicityMode.ATOMIC);
        c.put(1L, order(1));
        Row row = cql.execute("SELECT customer, total, created, items FROM shop.atomic1 WHERE id = 1").one();
        assertThat(row).isNotNull();
        assertThat(row.getString("customer")).isEqualTo("c1");
        assertThat(row.getDouble("total")).isEqualTo(1.5);
        assertThat(row.getInstant("created")).isEqualTo(Instant.ofEpochMilli(1_700_000_000_001L));
        assertThat(row.getInt("items")).isEqualTo(1);

        c.remove(1L);
        assertThat(cql.execute("SELECT id FROM shop.atomic1 WHERE id = 1").one()).isNull();
    }

    @Test
    void putAllAndRemoveAllWriteEveryRow() {
        IgniteCache<Long, Order> c = cache("bulk1", orders("bulk1"), CacheAtomicityMode.ATOMIC);
        Map<Long, Order> m = new HashMap<>();
        for (int i = 0; i < 2000; i++)
            m.put((long)i, order(i));
        c.putAll(m);
        assertThat(cql.execute("SELECT COUNT(*) FROM shop.bulk1").one().getLong(0)).isEqualTo(2000);
        assertThat(cql.execute("SELECT customer FROM shop.bulk1 WHERE id = 1999").one().getString(0)).isEqualTo("c1999");

        c.removeAll(new HashSet<>(m.keySet()));
        assertThat(cql.execute("SELECT COUNT(*) FROM shop.bulk1").one().getLong(0)).isZero();
    }

    @Test
    void deletesCountAsRowsWrittenLikeWrites() {
        IgniteCache<Long, Order> c = cache("counted1", orders("counted1"), CacheAtomicityMode.ATOMIC);
        StoreReadings metrics = StoreReadings.of(node, "cassandra", "counted1");
        for (long k = 1; k <= 4; k++)
            c.put(k, order((int)k));

        c.remove(1L);
        c.removeAll(Set.of(2L, 3L));

        assertThat(cql.execute("SELECT COUNT(*) FROM shop.counted1").one().getLong(0)).isEqualTo(1);
        assertThat(metrics.value(StoreMetrics.ROWS_WRITTEN)).as("4 puts, 1 remove, a removeAll of 2").isEqualTo(7);
        assertThat(metrics.value(StoreMetrics.FAILURES)).isZero();
    }

    @Test
    void putAllSendsRowsOfTheSameReplicasAsUnloggedBatchesOfAtMostBatchRows() {
        IgniteCache<Long, Order> c = cache("batched1", orders("batched1").setBatchRows(7), CacheAtomicityMode.ATOMIC);
        Map<Long, Order> m = new HashMap<>();
        for (int i = 0; i < 700; i++)
            m.put((long)i, order(i));
        c.putAll(m);
        assertThat(cql.execute("SELECT COUNT(*) FROM shop.batched1").one().getLong(0)).isEqualTo(700);
        // Cassandra's own account of the unlogged batches it received (a histogram of partitions per batch).
        Row b = cql.execute("SELECT max, p50th FROM system_views.batch_metrics WHERE name = 'partitions_per_unlogged_batch'").one();
        assertThat(b).isNotNull();
        assertThat(b.getDouble("p50th")).isGreaterThan(1.0);
        assertThat(b.getLong("max")).isLessThanOrEqualTo(10);
    }

    @Test
    void aRowTooLargeForABatchGoesAloneAndEveryRowIsWritten() {
        CassandraStoreFactory<Long, byte[]> f = new CassandraStoreFactory<Long, byte[]>()
            .setContactPoints("127.0.0.1:" + cassandra.nativePort())
            .setKeyspace("shop").setTable("mixed1").setKeyColumn("id").setKeyType("bigint").setValueBlobColumn("value");
        IgniteCache<Long, byte[]> c = cache("mixed1", f, CacheAtomicityMode.ATOMIC);
        Map<Long, byte[]> m = new HashMap<>();
        for (int i = 0; i < 300; i++)
            m.put((long)i, new byte[i % 3 == 0 ? 9000 : 10]);
        c.putAll(m);
        assertThat(cql.execute("SELECT COUNT(*) FROM shop.mixed1").one().getLong(0)).isEqualTo(300);
        c.clear();
        assertThat(c.get(3L)).hasSize(9000);
        assertThat(c.get(4L)).hasSize(10);
    }

    @Test
    void aTransactionalCacheWritesAtCommitNotBefore() {
        IgniteCache<Long, Order> c = cache("tx1", orders("tx1"), CacheAtomicityMode.TRANSACTIONAL);
        c.get(-1L);
        try (Transaction tx = node.transactions().txStart()) {
            c.put(7L, order(7));
            c.put(8L, order(8));
            assertThat(cql.execute("SELECT COUNT(*) FROM shop.tx1").one().getLong(0)).isZero();
            tx.commit();
        }
        assertThat(cql.execute("SELECT COUNT(*) FROM shop.tx1").one().getLong(0)).isEqualTo(2);

        try (Transaction tx = node.transactions().txStart()) {
            c.put(9L, order(9));
            tx.rollback();
        }
        assertThat(cql.execute("SELECT id FROM shop.tx1 WHERE id = 9").one()).isNull();
    }

    @Test
    void loadCacheReadsEveryRowThroughParallelTokenRangeScans() {
        CassandraStoreFactory<Long, Order> f = orders("load1").setLoadParallelism(3);
        IgniteCache<Long, Order> c = cache("load1", f, CacheAtomicityMode.ATOMIC);
        c.get(-1L);
        var insert = cql.prepare("INSERT INTO shop.load1 (id, customer, total, created, items) VALUES (?, ?, ?, ?, ?)");
        for (int i = 0; i < 5000; i++) {
            Order o = order(i);
            cql.execute(insert.bind((long)i, o.customer, o.total, o.created.toInstant(), o.items));
        }

        c.loadCache(null);

        assertThat(c.size()).isEqualTo(5000);
        for (int i = 0; i < 5000; i += 97)
            assertThat(c.localPeek((long)i)).isEqualTo(order(i));
    }

    @Test
    void valuesOfAClassTheNodeDoesNotHaveComeBackAsBinaryObjects() {
        CassandraStoreFactory<Long, Order> f = orders("bin1").setValueType("com.example.NotOnThisClassPath");
        IgniteCache<Long, Order> c = cache("bin1", f, CacheAtomicityMode.ATOMIC);
        c.get(-1L);
        cql.execute("INSERT INTO shop.bin1 (id, customer, total, created, items) VALUES (5, 'bo', 2.5, '2026-01-02T03:04:05Z', 1)");

        BinaryObject bo = c.<Long, BinaryObject>withKeepBinary().get(5L);

        assertThat(bo.type().typeName()).isEqualTo("com.example.NotOnThisClassPath");
        assertThat(bo.<String>field("customer")).isEqualTo("bo");
        assertThat(bo.<Double>field("total")).isEqualTo(2.5);
    }

    @Test
    void aBlobValueRoundTrips() {
        CassandraStoreFactory<Long, String> f = new CassandraStoreFactory<Long, String>()
            .setContactPoints("127.0.0.1:" + cassandra.nativePort())
            .setKeyspace("shop").setTable("blob1").setKeyColumn("id").setKeyType("bigint").setValueBlobColumn("value");
        IgniteCache<Long, String> c = cache("blob1", f, CacheAtomicityMode.ATOMIC);
        c.put(1L, "hello");
        c.clear();
        assertThat(c.get(1L)).isEqualTo("hello");
    }

    static CassandraStoreFactory<Long, Object> blobs(String table) {
        return new CassandraStoreFactory<Long, Object>().setContactPoints("127.0.0.1:" + cassandra.nativePort())
            .setKeyspace("shop").setTable(table).setKeyColumn("id").setKeyType("bigint").setValueBlobColumn("value");
    }

    @Test
    void blobsNamingAClassOffTheAllowListAreSkippedByLoadCacheCountedAndNeverRun() {
        IgniteCache<Long, Object> c = cache("allow1", blobs("allow1"), CacheAtomicityMode.ATOMIC);
        for (long k = 0; k < 50; k++)
            c.put(k, "v" + k);
        // What someone who can write the table could put there: a gadget, and one hidden inside a map.
        var insert = cql.prepare("INSERT INTO shop.allow1 (id, value) VALUES (?, ?)");
        cql.execute(insert.bind(100L, ByteBuffer.wrap(Intruders.javaSerialized(new Intruders.WithReadObject("top")))));
        Map<String, Object> hiding = new HashMap<>(Map.of("in", new Intruders.Plain("nested")));
        cql.execute(insert.bind(101L, ByteBuffer.wrap(Intruders.javaSerialized(hiding))));
        c.clear();
        Intruders.RAN.set(0);
        StoreReadings metrics = StoreReadings.of(node, "cassandra", "allow1");

        c.loadCache(null);

        System.out.println("cassandra loadCache with intruders: loaded " + c.size() + " of 52 rows, RejectedValues "
            + metrics.value(StoreMetrics.REJECTED_VALUES) + ", intruder code ran " + Intruders.RAN.get() + " times");
        assertThat(c.size()).isEqualTo(50);
        assertThat(c.localPeek(7L)).isEqualTo("v7");
        assertThat(metrics.value(StoreMetrics.REJECTED_VALUES)).isEqualTo(2);
        assertThat(Intruders.RAN.get()).isZero();

        // A read through of such a key fails, naming the class and the property; the cache carries on.
        assertThatThrownBy(() -> c.get(100L)).isInstanceOf(CacheLoaderException.class)
            .hasStackTraceContaining("gridkeep: cassandra store of cache allow1: cannot read key 100 in shop.allow1: "
                + "the stored bytes name class " + Intruders.WithReadObject.class.getName())
            .hasStackTraceContaining("CassandraStoreFactory property 'allowedClasses'");
        assertThat(metrics.value(StoreMetrics.REJECTED_VALUES)).isEqualTo(3);
        assertThat(metrics.value(StoreMetrics.FAILURES)).isZero();
        assertThat(Intruders.RAN.get()).isZero();
        assertThat(c.get(8L)).isEqualTo("v8");
        assertThat(cql.execute("SELECT COUNT(*) FROM shop.allow1").one().getLong(0)).as("rejected rows stay in Cassandra").isEqualTo(52);
    }

    @Test
    void classesTheUserAllowsOrTheCacheDeclaresAreRead() {
        IgniteCache<Long, Object> c = cache("allow2", blobs("allow2").setAllowedClasses(List.of(Intruders.WithReadObject.class.getName())),
            CacheAtomicityMode.ATOMIC);
        c.put(1L, new Intruders.WithReadObject("allowed"));
        c.put(2L, new Intruders.Plain("declared"));
        Intruders.RAN.set(0);
        c.clear();

        c.loadCache(null);

        assertThat(c.size()).isEqualTo(1);
        assertThat(Intruders.RAN.get()).isEqualTo(1);
        assertThat(StoreReadings.of(node, "cassandra", "allow2").value(StoreMetrics.REJECTED_VALUES)).isEqualTo(1);

        // The same table for a cache that declares Plain as its value type: allowed without listing it.
        IgniteCache<Long, Object> declared = node.getOrCreateCache(new CacheConfiguration<Long, Object>("allow2b")
            .setCacheStoreFactory(blobs("allow2")).setReadThrough(true)
            .setQueryEntities(List.of(new QueryEntity(Long.class.getName(), Intruders.Plain.class.getName()))));
        declared.loadCache(null);
        assertThat(declared.size()).isEqualTo(1);
        assertThat(declared.localPeek(2L)).isInstanceOf(Intruders.Plain.class);
        assertThat(StoreReadings.of(node, "cassandra", "allow2b").value(StoreMetrics.REJECTED_VALUES)).isEqualTo(1);
    }

    @Test
    void aKeyOfSeveralFieldsIsACompositePartitionKey() {
        Map<String, String> keyCols = new LinkedHashMap<>();
        keyCols.put("region", "text");
        keyCols.put("id", "bigint");
        Map<String, String> cols = new LinkedHashMap<>();
        cols.put("customer", "text");
        cols.put("total", "double");
        cols.put("created", "timestamp");
        cols.put("items", "int");
        CassandraStoreFactory<OrderKey, Order> f = new CassandraStoreFactory<OrderKey, Order>()
            .setContactPoints("127.0.0.1:" + cassandra.nativePort())
            .setKeyspace("shop").setTable("composite1").setKeyClass(OrderKey.class.getName()).setKeyColumns(keyCols)
            .setValueType(Order.class.getName()).setValueColumns(cols);
        IgniteCache<OrderKey, Order> c = node.getOrCreateCache(new CacheConfiguration<OrderKey, Order>("composite1")
            .setCacheStoreFactory(f).setReadThrough(true).setWriteThrough(true));

        c.put(new OrderKey("eu", 1), order(1));
        c.put(new OrderKey("us", 1), order(2));

        assertThat(cql.execute("SELECT customer FROM shop.composite1 WHERE region = 'eu' AND id = 1").one().getString(0)).isEqualTo("c1");
        assertThat(cql.execute("SELECT customer FROM shop.composite1 WHERE region = 'us' AND id = 1").one().getString(0)).isEqualTo("c2");
        assertThat(cql.refreshSchema().getKeyspace("shop").orElseThrow().getTable("composite1").orElseThrow().getPartitionKey())
            .extracting(col -> col.getName().asInternal()).containsExactly("region", "id");
        c.clear();
        assertThat(c.get(new OrderKey("us", 1))).isEqualTo(order(2));
        c.clear();
        c.loadCache(null);
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.localPeek(new OrderKey("eu", 1))).isEqualTo(order(1));
        c.remove(new OrderKey("eu", 1));
        assertThat(cql.execute("SELECT COUNT(*) FROM shop.composite1").one().getLong(0)).isEqualTo(1);
    }

    @Test
    void aTableThatDoesNotFitTheMappingIsAClearErrorAndTheNodeCarriesOn() {
        cql.execute("CREATE KEYSPACE IF NOT EXISTS shop WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        cql.execute("CREATE TABLE IF NOT EXISTS shop.bad1 "
            + "(id bigint PRIMARY KEY, customer text, total text, created timestamp, items int)");
        IgniteCache<Long, Order> c = cache("bad1", orders("bad1").setCreateSchema(false), CacheAtomicityMode.ATOMIC);

        assertThatThrownBy(() -> c.get(1L)).hasRootCauseInstanceOf(IllegalStateException.class)
            .rootCause().hasMessageContaining("table shop.bad1 does not fit the mapping")
            .hasMessageContaining("column total is text, the mapping says double").hasMessageContaining("cache bad1");
        assertThatThrownBy(() -> c.get(1L)).isInstanceOf(CacheLoaderException.class);

        IgniteCache<Long, Order> good = cache("good1", orders("good1"), CacheAtomicityMode.ATOMIC);
        good.put(1L, order(1));
        assertThat(good.get(1L)).isEqualTo(order(1));
    }
}
