package io.gridkeep.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestDirs;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SQL through the JDBC thin driver on a 3-node cluster started from GridKeep's embedded default,
 * checked against the same computation done in Java, on both engines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(TestDirs.Extension.class)
class ThreeNodeSqlIT {
    private static final int CUSTOMERS = 300;
    private static final int ORDERS = 999;

    private InJvmCluster cluster;
    private final List<int[]> orders = new ArrayList<>();

    @BeforeAll
    void startClusterAndLoadData(TestDirs dirs) throws SQLException {
        cluster = InJvmCluster.start(3, slot -> GridKeepTestNodes.defaultConfig(slot, dirs.work().resolve(slot.name())));
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE customer (id INT PRIMARY KEY, region VARCHAR) WITH \"template=partitioned,backups=1\"");
            // Orders are colocated with their customer by customer_id; the region table is not.
            st.execute("CREATE TABLE orders (id INT, customer_id INT, amount BIGINT, PRIMARY KEY (id, customer_id)) "
                + "WITH \"template=partitioned,backups=1,affinity_key=customer_id\"");
            st.execute("CREATE TABLE region (name VARCHAR PRIMARY KEY, manager VARCHAR) WITH \"template=partitioned,backups=1\"");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO customer (id, region) VALUES (?, ?)")) {
                for (int i = 0; i < CUSTOMERS; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, region(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, customer_id, amount) VALUES (?, ?, ?)")) {
                for (int i = 0; i < ORDERS; i++) {
                    int customer = (i * 7) % CUSTOMERS;
                    int amount = 10 + (i * 13) % 500;
                    orders.add(new int[] {i, customer, amount});
                    ps.setInt(1, i);
                    ps.setInt(2, customer);
                    ps.setLong(3, amount);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            for (String r : List.of("north", "south", "east", "west", "centre"))
                st.execute("INSERT INTO region (name, manager) VALUES ('" + r + "', 'mgr-" + r + "')");
        }
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null)
            cluster.close();
    }

    private static String region(int customer) {
        return List.of("north", "south", "east", "west", "centre").get(customer % 5);
    }

    private Connection connect(String engine) throws SQLException {
        // H2 needs distributedJoins for a non-colocated join; Calcite does not.
        String url = cluster.jdbcUrl() + (engine.equals("h2") ? "?queryEngine=h2&distributedJoins=true" : "?queryEngine=calcite");
        return DriverManager.getConnection(url);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"calcite", "h2"})
    void groupByReturnsTheSameTotalsAsJava(String engine) throws SQLException {
        Map<Integer, long[]> expected = new TreeMap<>();
        for (int[] o : orders) {
            long[] a = expected.computeIfAbsent(o[1], k -> new long[2]);
            a[0]++;
            a[1] += o[2];
        }
        Map<Integer, long[]> actual = new TreeMap<>();
        try (Connection c = connect(engine); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT customer_id, COUNT(*), SUM(amount) FROM orders GROUP BY customer_id")) {
            while (rs.next())
                actual.put(rs.getInt(1), new long[] {rs.getLong(2), rs.getLong(3)});
        }
        assertThat(actual).hasSameSizeAs(expected);
        expected.forEach((k, v) -> assertThat(actual.get(k)).as("customer %d", k).containsExactly(v));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"calcite", "h2"})
    void colocatedJoinReturnsEveryOrderWithItsCustomer(String engine) throws SQLException {
        Map<Integer, String> expected = new TreeMap<>();
        for (int[] o : orders)
            expected.put(o[0], region(o[1]));
        assertThat(intToString(engine, "SELECT o.id, c.region FROM orders o JOIN customer c ON o.customer_id = c.id"))
            .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"calcite", "h2"})
    void nonColocatedJoinReturnsEveryMatchingRow(String engine) throws SQLException {
        Map<Integer, String> expected = new TreeMap<>();
        for (int i = 0; i < CUSTOMERS; i++)
            expected.put(i, "mgr-" + region(i));
        assertThat(intToString(engine, "SELECT c.id, r.manager FROM customer c JOIN region r ON c.region = r.name"))
            .isEqualTo(expected);
    }

    /** Runs a two-column query and keys its rows by the first column, failing on a duplicate key. */
    private Map<Integer, String> intToString(String engine, String sql) throws SQLException {
        Map<Integer, String> rows = new TreeMap<>();
        try (Connection c = connect(engine); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next())
                assertThat(rows.put(rs.getInt(1), rs.getString(2))).as("duplicate row %d", rs.getInt(1)).isNull();
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"calcite", "h2"})
    void invalidStatementFailsWithAClearErrorAndTheClusterKeepsServing(String engine) throws SQLException {
        try (Connection c = connect(engine); Statement st = c.createStatement()) {
            Assertions.assertThatThrownBy(() -> st.executeQuery("SELEC id FROM customer"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("parse");
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM customer")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(CUSTOMERS);
            }
        }
    }
}
