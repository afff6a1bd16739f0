package io.gridkeep.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import io.gridkeep.store.cassandra.internal.CaFile;
import io.gridkeep.testkit.CassandraServer;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestCa;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Cassandra store against a real Cassandra 5.0 that accepts CQL over TLS only, its certificate from a test CA. */
@ExtendWith(TestDirs.Extension.class)
class CassandraTlsIT {
    static TestCa ca;
    static TestCa otherCa;
    static CassandraServer cassandra;
    static CqlSession cql;
    static InJvmCluster cluster;
    static Ignite node;

    @BeforeAll
    static void start(TestDirs dirs) {
        ca = TestCa.create(dirs.work("ca"));
        otherCa = TestCa.create(dirs.work("other-ca"));
        cassandra = CassandraServer.startWithTls(dirs.work("cassandra"), ca.issueServer("cassandra"));
        cql = CqlSession.builder().addContactPoint(cassandra.contactPoint()).withLocalDatacenter(CassandraServer.DATACENTER)
            .withSslContext(CaFile.sslContext(ca.pem(), null)).build();
        cluster = InJvmCluster.start(1, TestNodeConfigs::server);
        node = cluster.node(0);
    }

    @AfterAll
    static void stop() {
        if (cluster != null)
            cluster.close();
        if (cql != null)
            cql.close();
        if (cassandra != null)
            cassandra.close();
    }

    static CassandraStoreFactory<Long, Order> orders(String table) {
        return orders(cassandra, table);
    }

    static CassandraStoreFactory<Long, Order> orders(CassandraServer cassandra, String table) {
        Map<String, String> cols = new LinkedHashMap<>();
        cols.put("customer", "text");
        cols.put("total", "double");
        cols.put("created", "timestamp");
        cols.put("items", "int");
        return new CassandraStoreFactory<Long, Order>().setContactPoints("127.0.0.1:" + cassandra.nativePort())
            .setKeyspace("tls").setTable(table).setKeyColumn("id").setKeyType("bigint")
            .setValueType(Order.class.getName()).setValueColumns(cols);
    }

    static IgniteCache<Long, Order> cache(String name, CassandraStoreFactory<Long, Order> f) {
        return cache(node, name, f);
    }

    static IgniteCache<Long, Order> cache(Ignite node, String name, CassandraStoreFactory<Long, Order> f) {
        return node.getOrCreateCache(new CacheConfiguration<Long, Order>(name).setCacheStoreFactory(f)
            .setReadThrough(true).setWriteThrough(true));
    }

    static Order order(int i) {
        return new Order("c" + i, i * 1.5, Date.from(Instant.ofEpochMilli(1_700_000_000_000L + i)), i % 7);
    }

    @Test
    void givenThePemCaFileTheStoreWritesAndReadsThroughTls() {
        IgniteCache<Long, Order> c = cache("pem1", orders("pem1").setSslCaFile(ca.pem().toString()));

        c.put(1L, order(1));
        cql.execute("INSERT INTO tls.pem1 (id, customer, total, created, items) VALUES (2, 'ann', 9.5, '2026-01-02T03:04:05Z', 3)");

        assertThat(cql.execute("SELECT customer FROM tls.pem1 WHERE id = 1").one().getString(0)).isEqualTo("c1");
        assertThat(c.get(2L)).isEqualTo(new Order("ann", 9.5, Date.from(Instant.parse("2026-01-02T03:04:05Z")), 3));
    }

    @Test
    void aPkcs12TrustStoreWithItsPasswordServesAsTheCaFile() {
        IgniteCache<Long, Order> c = cache("p12", orders("p12").setSslCaFile(ca.truststore().toString())
            .setSslCaFilePassword(TestCa.PASSWORD));

        c.put(1L, order(1));

        assertThat(cql.execute("SELECT customer FROM tls.p12 WHERE id = 1").one().getString(0)).isEqualTo("c1");
    }

    @Test
    void withTlsButNoCaFileTheUntrustedServerIsRefusedNamingSslCaFile() {
        IgniteCache<Long, Order> c = cache("noca", orders("noca").setSsl(true));

        assertThatThrownBy(() -> c.put(1L, order(1)))
            .hasStackTraceContaining("TLS with Cassandra at 127.0.0.1:" + cassandra.nativePort() + " failed")
            .hasStackTraceContaining("the server's certificate is refused: the JVM's default CAs do not trust it; "
                + "set property 'sslCaFile' to the CA file");
    }

    @Test
    void theCaFileOfAnotherCaIsRefusedNamingTheFile() {
        IgniteCache<Long, Order> c = cache("otherca", orders("otherca").setSslCaFile(otherCa.pem().toString()));

        assertThatThrownBy(() -> c.put(1L, order(1)))
            .hasStackTraceContaining("the server's certificate is refused: it is not signed by a CA in " + otherCa.pem()
                + " (property 'sslCaFile')");
    }

    @Test
    void aPlainConnectionIsRefusedByTheTlsOnlyServer() {
        IgniteCache<Long, Order> c = cache("plain", orders("plain"));

        assertThatThrownBy(() -> c.put(1L, order(1))).hasStackTraceContaining("cannot write key 1");
    }
}
