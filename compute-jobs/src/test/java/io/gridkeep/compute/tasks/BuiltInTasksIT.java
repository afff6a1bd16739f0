package io.gridkeep.compute.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.compute.ThinGridCompute;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestNodeConfigs;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.client.ClientCacheConfiguration;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in tasks, run from a thin client by class name, against 3 servers; each result must
 * equal a plain single-threaded computation over the same data, exactly.
 */
class BuiltInTasksIT {
    private static final List<String> WORDS = List.of("grid", "data", "node", "cache", "Ignite", "query", "it's", "partition");
    private static final List<String> REGIONS = List.of("north", "south", "east", "west");

    private static InJvmCluster cluster;
    private static IgniteClient client;
    private static final List<String> LINES = new ArrayList<>();
    private static final List<Object[]> SALES = new ArrayList<>();

    @BeforeAll
    static void startClusterAndLoad() throws Exception {
        cluster = InJvmCluster.start(3, TestNodeConfigs::server);
        client = Ignition.startClient(new ClientConfiguration().setAddresses(cluster.clientAddresses()));
        Random rnd = new Random(42);
        var text = client.getOrCreateCache(new ClientCacheConfiguration().setName("lines")
            .setCacheMode(CacheMode.PARTITIONED).setBackups(1));
        Map<Integer, String> batch = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0, n = 1 + rnd.nextInt(12); w < n; w++)
                sb.append(WORDS.get(rnd.nextInt(WORDS.size()))).append(rnd.nextBoolean() ? " " : ", ");
            LINES.add(sb.toString());
            batch.put(i, sb.toString());
        }
        text.putAll(batch);
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE sale (id INT PRIMARY KEY, region VARCHAR, amount BIGINT, price DOUBLE) "
                + "WITH \"template=partitioned,backups=1\"");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sale (id, region, amount, price) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < 3_000; i++) {
                    Object[] row = {i, REGIONS.get(rnd.nextInt(REGIONS.size())), (long)rnd.nextInt(1_000_000), rnd.nextDouble() * 100};
                    SALES.add(row);
                    for (int k = 0; k < 4; k++)
                        ps.setObject(k + 1, row[k]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null)
            client.close();
        if (cluster != null)
            cluster.close();
    }

    private static List<List<Object>> rows(TableResult r) {
        return r.rows().stream().map(List::of).toList();
    }

    @Test
    void wordCountEqualsASingleThreadedCount() throws Exception {
        Map<String, Long> expected = new HashMap<>();
        for (String l : LINES)
            WordCountTask.countWords(l, expected);

        TableResult r = client.compute().execute(WordCountTask.class.getName(), new WordCountTask.Arg("lines", null, 20));

        assertThat(r.columns()).containsExactly("WORD", "COUNT");
        assertThat(rows(r)).isEqualTo(rows(WordCountTask.top(expected, 20)));
        // The definition itself, checked independently: "Ignite" counts as "ignite", "it's" keeps its apostrophe.
        long ignite = LINES.stream().mapToLong(l -> l.split("Ignite", -1).length - 1).sum();
        assertThat(r.rows()).anySatisfy(row -> assertThat(List.of(row)).isEqualTo(List.of("ignite", ignite)));
        assertThat(r.rows()).anySatisfy(row -> assertThat(row[0]).isEqualTo("it's"));
    }

    @Test
    void aggregateOfAnIntegerColumnEqualsSingleThreadedSums() throws Exception {
        Map<String, AggregateTask.Acc> expected = new HashMap<>();
        Map<String, long[]> plain = new HashMap<>();
        for (Object[] s : SALES) {
            expected.computeIfAbsent((String)s[1], g -> new AggregateTask.Acc()).add(BigDecimal.valueOf((Long)s[2]));
            long[] a = plain.computeIfAbsent((String)s[1], g -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
            a[0]++;
            a[1] += (Long)s[2];
            a[2] = Math.min(a[2], (Long)s[2]);
            a[3] = Math.max(a[3], (Long)s[2]);
        }

        TableResult r = client.compute().execute(AggregateTask.class.getName(),
            new AggregateTask.Arg("SQL_PUBLIC_SALE", "region", "amount"));

        assertThat(rows(r)).isEqualTo(rows(AggregateTask.table(expected)));
        for (Object[] row : r.rows()) {
            long[] a = plain.get((String)row[0]);
            assertThat(List.of(row[1], ((BigDecimal)row[2]).longValueExact(), ((BigDecimal)row[3]).longValueExact(),
                ((BigDecimal)row[4]).longValueExact())).isEqualTo(List.of(a[0], a[1], a[2], a[3]));
        }
    }

    @Test
    void aggregateOfADoubleColumnIsExactWhateverOrderPartitionsFinishIn() throws Exception {
        Map<String, AggregateTask.Acc> expected = new HashMap<>();
        for (Object[] s : SALES)
            expected.computeIfAbsent((String)s[1], g -> new AggregateTask.Acc()).add(new BigDecimal((Double)s[3]));

        TableResult first = client.compute().execute(AggregateTask.class.getName(),
            new AggregateTask.Arg("SQL_PUBLIC_SALE", "REGION", "PRICE"));
        TableResult second = client.compute().execute(AggregateTask.class.getName(),
            new AggregateTask.Arg("SQL_PUBLIC_SALE", "REGION", "PRICE"));

        assertThat(rows(first)).isEqualTo(rows(AggregateTask.table(expected))).isEqualTo(rows(second));
    }

    @Test
    void topKEqualsASortOfEveryValue() throws Exception {
        List<Object[]> all = new ArrayList<>();
        for (Object[] s : SALES)
            all.add(new Object[] {String.valueOf(s[0]), BigDecimal.valueOf((Long)s[2])});
        List<List<Object>> expected = TopKTask.best(all, 10).stream()
            .map(r -> List.of(r[0], ((BigDecimal)r[1]).stripTrailingZeros())).toList();

        TableResult r = ThinGridCompute.on(client).withTimeout(Duration.ofMinutes(1))
            .execute(TopKTask.class, new TopKTask.Arg("SQL_PUBLIC_SALE", "amount", 10));

        assertThat(rows(r)).isEqualTo(expected);
        long max = SALES.stream().mapToLong(s -> (Long)s[2]).max().orElseThrow();
        assertThat(((BigDecimal)r.rows().get(0)[1]).longValueExact()).isEqualTo(max);
    }
}
