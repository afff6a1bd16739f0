package io.gridkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test Cassandra accepts CQL from the Apache driver, keeps written rows across a restart, and stops. */
@ExtendWith(TestDirs.Extension.class)
class CassandraServerIT {
    private static CqlSession connect(CassandraServer c) {
        return CqlSession.builder().addContactPoint(c.contactPoint()).withLocalDatacenter(CassandraServer.DATACENTER).build();
    }

    @Test
    void acceptsCqlAndKeepsRowsAcrossARestart(TestDirs dirs) {
        try (CassandraServer cassandra = CassandraServer.start(dirs.work("cassandra"))) {
            try (CqlSession s = connect(cassandra)) {
                s.execute("CREATE KEYSPACE gk WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
                s.execute("CREATE TABLE gk.kv (k int PRIMARY KEY, v text)");
                s.execute("INSERT INTO gk.kv (k, v) VALUES (1, 'one')");
                Row r = s.execute("SELECT v FROM gk.kv WHERE k = 1").one();
                assertThat(r).isNotNull();
                assertThat(r.getString("v")).isEqualTo("one");
            }

            cassandra.restart();

            try (CqlSession s = connect(cassandra)) {
                assertThat(s.execute("SELECT v FROM gk.kv WHERE k = 1").one().getString("v")).isEqualTo("one");
            }
        }
    }
}
