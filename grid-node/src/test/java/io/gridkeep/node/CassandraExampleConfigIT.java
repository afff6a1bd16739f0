package io.gridkeep.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.gridkeep.testkit.CassandraServer;
import io.gridkeep.testkit.CommandResult;
import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestDirs;
import java.time.Duration;
import java.util.Map;
import org.apache.ignite.Ignition;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code config/examples/cassandra.xml} as shipped, against a real Cassandra: SQL writes reach it, a restarted node reads through it. */
@ExtendWith(TestDirs.Extension.class)
class CassandraExampleConfigIT {
    private static final Distribution DIST = Distribution.built();

    private ExternalProcess start(TestDirs dirs, NodeSlot slot, CassandraServer cassandra, String name) {
        return DIST.startNode(name, dirs.logs(), Distribution.nodeStartArgs(slot, dirs.work().resolve("node"),
            "--config", DIST.home().resolve("config/examples/cassandra.xml").toString(),
                "-D", "gridkeep.cassandra.contact.points=127.0.0.1:" + cassandra.nativePort()), Map.of());
    }

    // The node only has to run while the body talks to it: it is a resource for its close, never referenced.
    @SuppressWarnings("try")
    @Test
    void sqlWritesReachCassandraAndARestartedNodeReadsThemBack(TestDirs dirs) {
        NodeSlot slot = NodeSlot.forCluster("cass-example", 1).get(0);
        try (CassandraServer cassandra = CassandraServer.start(dirs.work("cassandra"));
             CqlSession cql = CqlSession.builder().addContactPoint(cassandra.contactPoint())
                 .withLocalDatacenter(CassandraServer.DATACENTER).build()) {
            try (ExternalProcess node = start(dirs, slot, cassandra, "cass-node-1")) {
                CommandResult ins = DIST.run("sql", "--host", slot.clientAddress(), "-e",
                    "INSERT INTO orders (id, customer, total) VALUES (1, 'ann', 9.5), (2, 'bob', 20.25)");
                assertThat(ins.exitCode()).as(ins.toString()).isZero();
                Row row = cql.execute("SELECT customer, total FROM gridkeep.orders WHERE id = 2").one();
                assertThat(row).isNotNull();
                assertThat(row.getString("customer")).isEqualTo("bob");
                assertThat(row.getDouble("total")).isEqualTo(20.25);
                node.terminate(Duration.ofSeconds(60));
            }
            // An in-memory node starts empty; a key read goes through to Cassandra.
            try (ExternalProcess node = start(dirs, slot, cassandra, "cass-node-2");
                 IgniteClient client = Ignition.startClient(new ClientConfiguration().setAddresses(slot.clientAddress()))) {
                BinaryObject o = client.cache("orders").<Long, BinaryObject>withKeepBinary().get(1L);
                assertThat(o).isNotNull();
                assertThat(o.<String>field("customer")).isEqualTo("ann");
                assertThat(o.<Double>field("total")).isEqualTo(9.5);
                CommandResult kv = DIST.run("kv", "get", "orders", "1", "--key-type", "long", "--host", slot.clientAddress());
                assertThat(kv.stdout()).as(kv.toString()).startsWith("Order{").contains("customer=ann").contains("total=9.5");
                // Loaded into the grid, so SQL sees it now.
                CommandResult sql = DIST.run("sql", "--host", slot.clientAddress(), "--format", "csv", "-e",
                    "SELECT id, customer, total FROM orders");
                assertThat(sql.stdout()).isEqualTo("ID,CUSTOMER,TOTAL\n1,ann,9.5\n");

                // The rest comes with loadCache, started from the CLI.
                CommandResult load = DIST.run("store", "load", "orders", "--host", slot.clientAddress());
                assertThat(load.exitCode()).as(load.toString()).isZero();
                assertThat(load.stdout()).startsWith("loaded orders: 2 entries in the cache (1 new)");
                CommandResult all = DIST.run("sql", "--host", slot.clientAddress(), "--format", "csv", "-e",
                    "SELECT id, customer FROM orders ORDER BY id");
                assertThat(all.stdout()).isEqualTo("ID,CUSTOMER\n1,ann\n2,bob\n");

                CommandResult status = DIST.run("store", "status", "--host", slot.clientAddress());
                assertThat(status.exitCode()).as(status.toString()).isZero();
                assertThat(status.stdout()).contains("CACHE").contains("orders").contains("cassandra").contains("write-through")
                    .contains("up").contains("LAST ERROR");

                // A value the mapping cannot store fails the put, and status shows why.
                CommandResult bad = DIST.run("kv", "put", "orders", "3", "not an order", "--key-type", "long",
                    "--host", slot.clientAddress());
                assertThat(bad.exitCode()).as(bad.toString()).isNotZero();
                CommandResult after = DIST.run("store", "status", "--host", slot.clientAddress());
                System.out.println("gridkeep store status after a failed write:\n" + after.stdout());
                assertThat(after.stdout()).as(after.toString()).contains("cannot write key 3: java.lang.String has no field 'customer'")
                    .containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ cannot write key 3");

                CommandResult missing = DIST.run("store", "load", "nosuch", "--host", slot.clientAddress());
                assertThat(missing.exitCode()).isEqualTo(1);
                assertThat(missing.stderr()).contains("no cache or SQL table named 'nosuch'");
            }
        }
    }
}
