package io.gridkeep.benchmarks;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.cassandra.CassandraStoreFactory;
import io.gridkeep.store.writebehind.LossFreeWriteBehindFactory;
import io.gridkeep.testkit.CassandraServer;
import io.gridkeep.testkit.NodeMetrics;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestNodeConfigs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code benchmarks/run cassandra}: the Cassandra store against the raw driver, into one Cassandra in
 * one run.
 *
 * <ul>
 *   <li>Writes: the same N entries (default 200,000) written by the store in loss-free write-behind
 *       mode (timed from the first put into the grid until the last row is acknowledged by Cassandra),
 *       by the driver alone (asynchronous, the same statement and the same cap on requests in
 *       flight), and "write-aside": put into a cache without a store and written by the driver from
 *       the same thread, which pays for the grid as the store does; and by the driver in unlogged
 *       batches of {@code --batch-rows} rows, as the store groups them (its {@code batchRows}); each
 *       into its own table; odd rounds run in reverse order.</li>
 *   <li>Read-through: gets of keys the grid does not hold, each read from Cassandra by the store,
 *       p50/p99, against the driver's own synchronous read of the same keys.</li>
 *   <li>{@code loadCache}: the store's table loaded into an empty cache, rows/s, against a driver
 *       full-table scan.</li>
 * </ul>
 */
@Command(name = "cassandra", description = "The Cassandra store's write-behind vs the raw driver (async, batched, write-aside); "
    + "read-through latency; loadCache rows/s.")
final class CassandraBenchmark extends Benchmark {
    private static final int IN_FLIGHT = 256;

    @Mixin
    WriteRounds size = new WriteRounds();

    @Option(names = "--reads", paramLabel = "N", converter = Numbers.PositiveInt.class,
        description = "Read-through misses timed, and as many driver reads (default: ${DEFAULT-VALUE}).")
    int reads = 20_000;

    @Option(names = "--batch-rows", paramLabel = "N", converter = Numbers.PositiveInt.class,
        description = "The store's batchRows, and the rows of the batched driver leg's unlogged batches (default: ${DEFAULT-VALUE}).")
    int batchRows = 10;

    CassandraBenchmark() {
        super("cassandra_store_vs_driver_ratio");
    }

    @Override void run(Figures out) throws Exception {
        int entries = size.entries;
        int rounds = size.rounds;
        Path dir = scratchDir();
        progress("starting Cassandra and a node...");
        try (CassandraServer cassandra = CassandraServer.start(dir.resolve("cassandra"));
             CqlSession cql = CqlSession.builder().addContactPoint(cassandra.contactPoint())
                 .withLocalDatacenter(CassandraServer.DATACENTER).build();
             Ignite node = Ignition.start(TestNodeConfigs.server(NodeSlot.forCluster("cassandra-bench", 1).get(0)))) {
            String contact = "127.0.0.1:" + cassandra.nativePort();
            cql.execute("CREATE KEYSPACE IF NOT EXISTS bench WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");

            // Warm-up, a whole round untimed: the JIT, heap sizing, the driver's connections, Cassandra's
            // memtables and first flushes. Shorter warm-ups left the first timed round 2-3 times slower.
            progress(String.format(Locale.ROOT, "warming up (a round of %,d entries each way, not counted)...", entries));
            driverWrites(cql, table(cql, "warm_driver"), entries, 1);
            driverWrites(cql, table(cql, "warm_batched"), entries, batchRows);
            storeWrites(node, contact, table(cql, "warm_store"), entries);
            writeAside(node, cql, table(cql, "warm_aside"), entries);

            List<Double> driverRates = new ArrayList<>();
            List<Double> storeRates = new ArrayList<>();
            List<Double> asideRates = new ArrayList<>();
            List<Double> batchedRates = new ArrayList<>();
            String lastStoreTable = null;
            String lastDriverTable = null;
            for (int r = 0; r < rounds; r++) {
                String dt = table(cql, "driver_" + r);
                String st = table(cql, "store_" + r);
                String at = table(cql, "aside_" + r);
                String bt = table(cql, "batched_" + r);
                // Odd rounds run the legs in reverse, so that drift on a shared machine falls on every side.
                List<Integer> legs = r % 2 == 0 ? List.of(0, 1, 2, 3) : List.of(3, 2, 1, 0);
                for (int leg : legs) {
                    if (leg == 0) {
                        progress(String.format(Locale.ROOT, "round %d/%d: %,d entries by the raw driver...", r + 1, rounds, entries));
                        driverRates.add(leg(driverWrites(cql, dt, entries, 1)));
                    }
                    else if (leg == 3) {
                        progress(String.format(Locale.ROOT, "round %d/%d: %,d entries by the driver in unlogged batches of %d...",
                            r + 1, rounds, entries, batchRows));
                        batchedRates.add(leg(driverWrites(cql, bt, entries, batchRows)));
                    }
                    else if (leg == 1) {
                        progress(String.format(Locale.ROOT, "round %d/%d: %,d entries by the store (write-behind)...",
                            r + 1, rounds, entries));
                        storeRates.add(leg(storeWrites(node, contact, st, entries)));
                    }
                    else {
                        progress(String.format(Locale.ROOT,
                            "round %d/%d: %,d entries put in the grid and written by the driver (write-aside)...", r + 1, rounds, entries));
                        asideRates.add(leg(writeAside(node, cql, at, entries)));
                    }
                }
                lastStoreTable = st;
                lastDriverTable = dt;
            }

            progress(String.format(Locale.ROOT, "read-through: %,d misses read from Cassandra...", reads));
            long[] keys = ThreadLocalRandom.current().longs(reads, 0, entries).toArray();
            List<Double> driverLat = driverReads(cql, lastDriverTable, keys);
            IgniteCache<Long, BenchOrder> rt = node.getOrCreateCache(new CacheConfiguration<Long, BenchOrder>("rt")
                .setReadThrough(true).setCacheStoreFactory(store(contact, lastDriverTable)));
            rt.get(-1L);
            List<Double> storeLat = new ArrayList<>(keys.length);
            for (long key : keys) {
                long t0 = System.nanoTime();
                if (rt.get(key) == null)
                    throw new IllegalStateException("read-through found no row for key " + key);
                storeLat.add((System.nanoTime() - t0) / 1e3);
                rt.clear(key);
            }

            progress("loadCache of " + lastStoreTable + " vs a driver scan...");
            long scanStart = System.nanoTime();
            long scanned = 0;
            for (var row : cql.execute("SELECT k, customer, total, created, items FROM bench." + lastStoreTable))
                scanned += row.getLong(0) >= 0 ? 1 : 0;
            double scanRate = Stats.perSecond(scanned, scanStart);
            IgniteCache<Long, BenchOrder> lc = node.getOrCreateCache(new CacheConfiguration<Long, BenchOrder>("lc")
                .setCacheStoreFactory(store(contact, lastStoreTable)));
            long loadStart = System.nanoTime();
            lc.loadCache(null);
            double loadRate = Stats.perSecond(lc.size(), loadStart);
            if (lc.size() != entries || scanned != entries)
                throw new IllegalStateException("loadCache loaded " + lc.size() + " and the scan read " + scanned + " rows, not "
                    + entries);

            double driver = Stats.median(driverRates);
            double batched = Stats.median(batchedRates);
            double store = Stats.median(storeRates);
            double aside = Stats.median(asideRates);
            out.count("cassandra_entries", entries, "entries");
            out.count("cassandra_in_flight_cap", IN_FLIGHT, "requests");
            out.count("cassandra_batch_rows", batchRows, "rows");
            out.figure("cassandra_driver_async_writes", driver, "rows/s");
            out.figure("cassandra_driver_batched_writes", batched, "rows/s");
            out.figure("cassandra_write_aside_writes", aside, "rows/s");
            out.figure("cassandra_store_write_behind_writes", store, "rows/s");
            out.figure("cassandra_read_through_p50", Stats.percentile(storeLat, 50), "us");
            out.figure("cassandra_read_through_p99", Stats.percentile(storeLat, 99), "us");
            out.figure("cassandra_driver_read_p50", Stats.percentile(driverLat, 50), "us");
            out.figure("cassandra_driver_read_p99", Stats.percentile(driverLat, 99), "us");
            out.figure("cassandra_driver_scan", scanRate, "rows/s");
            out.figure("cassandra_load_cache", loadRate, "rows/s");
            out.ratio("cassandra_read_through_vs_driver_p50_ratio", Stats.percentile(storeLat, 50) / Stats.percentile(driverLat, 50));
            out.ratio("cassandra_load_cache_vs_scan_ratio", loadRate / scanRate);
            out.ratio("cassandra_store_vs_write_aside_ratio", store / aside);
            out.ratio("cassandra_store_vs_batched_driver_ratio", store / batched);
            out.ratio(ratio(), store / driver);
        }
    }

    private static String table(CqlSession cql, String name) {
        cql.execute("CREATE TABLE IF NOT EXISTS bench." + name
            + " (k bigint PRIMARY KEY, customer text, total double, created timestamp, items int)");
        return name;
    }

    private CassandraStoreFactory<Long, BenchOrder> store(String contact, String table) {
        Map<String, String> cols = new LinkedHashMap<>();
        cols.put("customer", "text");
        cols.put("total", "double");
        cols.put("created", "timestamp");
        cols.put("items", "int");
        return new CassandraStoreFactory<Long, BenchOrder>().setContactPoints(contact).setKeyspace("bench").setTable(table)
            .setKeyColumn("k").setKeyType("bigint").setValueType(BenchOrder.class.getName()).setValueColumns(cols)
            .setMaxInFlight(IN_FLIGHT).setBatchRows(batchRows).setCreateSchema(false);
    }

    /**
     * Asynchronous inserts of the statement the store's write-behind sends, at most IN_FLIGHT at once,
     * as both driver baselines send them.
     */
    private static final class DriverInserts {
        private final CqlSession cql;
        private final PreparedStatement ps;
        private final Semaphore permits = new Semaphore(IN_FLIGHT);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final int rowsPerRequest;
        private final List<BatchableStatement<?>> open = new ArrayList<>();

        DriverInserts(CqlSession cql, String table) {
            this(cql, table, 1);
        }

        /** With {@code rowsPerRequest} > 1, consecutive rows go as one unlogged batch (one node here: every row has the same replica). */
        DriverInserts(CqlSession cql, String table, int rowsPerRequest) {
            this.cql = cql;
            this.rowsPerRequest = rowsPerRequest;
            this.ps = cql.prepare("INSERT INTO bench." + table
                + " (k, customer, total, created, items) VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ?");
        }

        void send(long k, BenchOrder o) throws InterruptedException {
            var st = ps.bind(k, o.customer, o.total, o.created.toInstant(), o.items, 1L + k)
                .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM);
            if (rowsPerRequest == 1) {
                execute(st);
                return;
            }
            open.add(st);
            if (open.size() == rowsPerRequest)
                flush();
        }

        private void flush() throws InterruptedException {
            if (open.isEmpty())
                return;
            execute(BatchStatement.newInstance(DefaultBatchType.UNLOGGED)
                .addAll(open).setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM));
            open.clear();
        }

        private void execute(Statement<?> st) throws InterruptedException {
            permits.acquire();
            cql.executeAsync(st)
                .whenComplete((rs, err) -> {
                    if (err != null)
                        failure.compareAndSet(null, err);
                    permits.release();
                });
        }

        /** Waits for every insert sent; throws the first failure. */
        void awaitAll() throws InterruptedException {
            flush();
            permits.acquire(IN_FLIGHT);
            permits.release(IN_FLIGHT);
            if (failure.get() != null)
                throw new IllegalStateException("driver write failed", failure.get());
        }
    }

    /** The baseline: the driver alone, values bound from the same objects. */
    private static double driverWrites(CqlSession cql, String table, int n, int rowsPerRequest) throws Exception {
        DriverInserts inserts = new DriverInserts(cql, table, rowsPerRequest);
        BenchOrder[] values = values(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++)
            inserts.send(i, values[i]);
        inserts.awaitAll();
        return Stats.perSecond(n, t0);
    }

    /**
     * What an application without the store would do: put each batch into a cache with no store and
     * write the same entries to Cassandra itself, asynchronously, with the same cap. It pays for the
     * grid's puts like the store does, which the raw driver does not.
     */
    private static double writeAside(Ignite node, CqlSession cql, String table, int n) throws Exception {
        IgniteCache<Long, BenchOrder> cache = node.getOrCreateCache(new CacheConfiguration<Long, BenchOrder>("aside_" + table)
            .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC));
        DriverInserts inserts = new DriverInserts(cql, table);
        BenchOrder[] values = values(n);
        long t0 = System.nanoTime();
        GridWrites.putAll(cache, n, i -> values[i], batch -> {
            for (Map.Entry<Long, BenchOrder> e : batch.entrySet())
                inserts.send(e.getKey(), e.getValue());
        });
        inserts.awaitAll();
        double rate = Stats.perSecond(n, t0);
        cache.destroy();
        return rate;
    }

    /** Puts into a write-behind cache in batches of 1,000 and waits until the store has written all of it. */
    private double storeWrites(Ignite node, String contact, String table, int n) throws Exception {
        String cacheName = "wb_" + table;
        IgniteCache<Long, BenchOrder> cache = GridWrites.writeBehindCache(node, cacheName,
            new LossFreeWriteBehindFactory<Long, BenchOrder>().setStore(store(contact, table)).setFlushIntervalMillis(1000)
                .setMaxPending(Math.max(100_000, n)));
        BenchOrder[] values = values(n);
        ReadOnlyMetricRegistry metrics = NodeMetrics.registry(node, StoreMetrics.listedName("cassandra", cacheName));
        GridWrites.Leg leg = GridWrites.writeBehind(cache, n, i -> values[i],
            () -> NodeMetrics.longValue(metrics, StoreMetrics.UPDATES_WRITTEN));
        double rate = n / (leg.nanos() / 1e9);
        progress(String.format(Locale.ROOT, "  puts acknowledged after %.1f s, all rows in Cassandra after %.1f s", leg.putNanos() / 1e9,
            leg.nanos() / 1e9));
        cache.destroy();
        return rate;
    }

    /** Microseconds of each synchronous driver read. */
    private static List<Double> driverReads(CqlSession cql, String table, long[] keys) {
        PreparedStatement ps = cql.prepare("SELECT customer, total, created, items FROM bench." + table + " WHERE k = ?");
        List<Double> lat = new ArrayList<>(keys.length);
        for (long key : keys) {
            long t0 = System.nanoTime();
            if (cql.execute(ps.bind(key).setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM)).one() == null)
                throw new IllegalStateException("no row for key " + key);
            lat.add((System.nanoTime() - t0) / 1e3);
        }
        return lat;
    }

    private static BenchOrder[] values(int n) {
        BenchOrder[] v = new BenchOrder[n];
        for (int i = 0; i < n; i++)
            v[i] = new BenchOrder(i);
        return v;
    }

    private double leg(double rowsPerSecond) {
        progress(String.format(Locale.ROOT, "  %,.0f rows/s", rowsPerSecond));
        return rowsPerSecond;
    }
}
