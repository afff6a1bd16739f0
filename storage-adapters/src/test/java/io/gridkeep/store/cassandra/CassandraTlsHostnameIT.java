package io.gridkeep.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridkeep.testkit.CassandraServer;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestCa;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store's host name check, against a TLS-only Cassandra 5.0 whose certificate (of the trusted CA) names another host. */
@ExtendWith(TestDirs.Extension.class)
class CassandraTlsHostnameIT {
    static TestCa ca;
    static CassandraServer cassandra;
    static InJvmCluster cluster;
    static Ignite node;

    @BeforeAll
    static void start(TestDirs dirs) {
        ca = TestCa.create(dirs.work("ca"));
        cassandra = CassandraServer.startWithTls(dirs.work("cassandra"), ca.issueServer("cassandra", "dns:cassandra.example"));
        cluster = InJvmCluster.start(1, TestNodeConfigs::server);
        node = cluster.node(0);
    }

    @AfterAll
    static void stop() {
        if (cluster != null)
            cluster.close();
        if (cassandra != null)
            cassandra.close();
    }

    static IgniteCache<Long, Order> cache(String table, boolean hostnameValidation) {
        return CassandraTlsIT.cache(node, table, CassandraTlsIT.orders(cassandra, table).setSslCaFile(ca.pem().toString())
            .setSslHostnameValidation(hostnameValidation));
    }

    @Test
    void aCertificateThatDoesNotNameTheContactPointIsRefusedNamingSslHostnameValidation() {
        IgniteCache<Long, Order> c = cache("named", true);

        assertThatThrownBy(() -> c.put(1L, CassandraTlsIT.order(1)))
            .hasStackTraceContaining("the server's certificate is refused: it does not name the contact point")
            .hasStackTraceContaining("set property 'sslHostnameValidation' to false");
    }

    @Test
    void withHostnameValidationOffTheCaCheckAloneLetsTheStoreConnect() {
        IgniteCache<Long, Order> c = cache("unnamed", false);

        c.put(1L, CassandraTlsIT.order(1));
        c.clear(); // the next get reads through from Cassandra

        assertThat(c.get(1L)).isEqualTo(CassandraTlsIT.order(1));
    }
}
