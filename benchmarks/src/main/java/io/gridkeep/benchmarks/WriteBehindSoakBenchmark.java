package io.gridkeep.benchmarks;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.tasks.StoreStatusTask;
import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.CassandraServer;
import io.gridkeep.testkit.ForkedCluster;
import io.gridkeep.testkit.TestNodeConfigs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmarks/run writebehind-soak}: the loss-free write-behind under a long run of failures. Three
 * server JVMs (backups=1, FULL_SYNC) write behind into one Cassandra; {@code --entries} keys (default
 * 500,000) are loaded, then {@code --writers} threads put and delete random keys at full speed (one
 * delete in five) while all three nodes restart one by one (SIGTERM, rejoin, rebalance) and then one is
 * SIGKILLed. Writers stop, the queues and replays drain, and the grid and Cassandra are compared key by
 * key. The last line is the verdict: {@code soak_missing} (a key the grid holds that Cassandra lacks),
 * {@code soak_stale} (both hold it, with different values) and {@code soak_resurrected} (Cassandra holds
 * a key the grid deleted), each of which must be 0.
 */
@Command(name = "writebehind-soak", description = "Loss-free write-behind into Cassandra: puts and deletes at full speed through a "
    + "rolling restart of 3 node JVMs and a SIGKILL, then grid and Cassandra compared exactly.")
final class WriteBehindSoakBenchmark extends Benchmark {
    private static final Duration STEP = Duration.ofSeconds(180);

    @Option(names = "--entries", paramLabel = "N", converter = Numbers.PositiveInt.class,
        description = "Keys loaded before the writers start, and the key range they write (default: ${DEFAULT-VALUE}).")
    int entries = 500_000;

    @Option(names = "--writers", paramLabel = "N", converter = Numbers.PositiveInt.class,
        description = "Writer threads of the client (default: ${DEFAULT-VALUE}).")
    int writers = 2;

    WriteBehindSoakBenchmark() {
        super(null);
    }

    @Override
    void run(Figures figures) throws Exception {
        Path dir = scratchDir();
        progress("starting Cassandra in " + dir);
        try (CassandraServer cassandra = CassandraServer.start(dir.resolve("cassandra"));
             CqlSession cql = CqlSession.builder().addContactPoint(cassandra.contactPoint())
                 .withLocalDatacenter(CassandraServer.DATACENTER).build()) {
            progress("starting 3 server JVMs");
            try (ForkedCluster cluster = ForkedCluster.start(3, dir.resolve("logs"),
                    List.of("-Xmx768m", "-DIGNITE_NO_SHUTDOWN_HOOK=true", "-Dgridkeep.bench.cassandra=127.0.0.1:" + cassandra.nativePort()),
                    null, SoakConfigurer.class);
                 Ignite client = Ignition.start(TestNodeConfigs.client("soak-client", cluster.slots()))) {
                IgniteCache<Integer, String> cache = client.cache(SoakConfigurer.CACHE);
                load(cache);
                awaitDrained(client, "the " + entries + " loaded entries written");
                long replayed = 0;
                Writers w = Writers.start(cache, entries, writers);
                try {
                    w.awaitOps(20_000);
                    for (int i = 0; i < 3; i++) {
                        replayed += sum(client, StoreMetrics.UPDATES_REPLAYED);
                        progress("rolling restart: stopping " + cluster.slots().get(i).name() + " (" + w.ops() + " operations so far)");
                        int exit = cluster.stop(i, STEP);
                        if (exit != 143)
                            throw new IllegalStateException(cluster.slots().get(i).name() + " exited with " + exit + " on SIGTERM");
                        awaitServers(client, 2);
                        w.awaitOps(10_000);
                        cluster.restart(i);
                        awaitServers(client, 3);
                        String name = cluster.slots().get(i).name();
                        Await.until(() -> client.affinity(SoakConfigurer.CACHE).primaryPartitions(
                            client.cluster().forServers().nodes().stream().filter(n -> name.equals(String.valueOf(n.consistentId())))
                                .findFirst().orElseThrow()).length > 0, STEP, name + " primary again (rebalanced)");
                        w.awaitOps(10_000);
                    }
                    replayed += sum(client, StoreMetrics.UPDATES_REPLAYED);
                    progress("SIGKILL of " + cluster.slots().get(1).name() + " (" + w.ops() + " operations so far)");
                    cluster.kill(1);
                    awaitServers(client, 2);
                    w.awaitOps(10_000);
                    w.stop();
                    figures.count("soak_updates", w.puts(), "puts");
                    figures.count("soak_deletes", w.deletes(), "deletes");
                    figures.count("soak_failed_operations_retried", w.failures(), "operations");
                }
                finally {
                    w.stop();
                }
                long topology = client.cluster().topologyVersion();
                Await.until(() -> values(client, StoreMetrics.REPLAYED_TOPOLOGY).values().stream().allMatch(t -> t >= topology)
                    && sum(client, StoreMetrics.PENDING_ENTRIES) == 0, STEP, "the survivors' replays done and their queues empty");
                replayed += sum(client, StoreMetrics.UPDATES_REPLAYED);
                figures.count("soak_replayed_writes", replayed, "writes");
                progress("comparing the grid with Cassandra");
                Map<Integer, String> grid = grid(cache);
                Map<Integer, String> backend = backend(cql);
                long missing = 0;
                long stale = 0;
                long resurrected = 0;
                for (Map.Entry<Integer, String> e : grid.entrySet()) {
                    String b = backend.get(e.getKey());
                    if (b == null)
                        missing++;
                    else if (!b.equals(e.getValue()))
                        stale++;
                }
                for (Integer k : backend.keySet()) {
                    if (!grid.containsKey(k))
                        resurrected++;
                }
                figures.count("soak_grid_entries", grid.size(), "entries");
                figures.count("soak_backend_rows", backend.size(), "rows");
                figures.verdict("soak_missing " + missing + " soak_stale " + stale + " soak_resurrected " + resurrected);
            }
        }
    }

    private void load(IgniteCache<Integer, String> cache) {
        progress("loading " + entries + " entries");
        for (int start = 0; start < entries; start += 1000) {
            Map<Integer, String> batch = new TreeMap<>();
            for (int k = start; k < Math.min(entries, start + 1000); k++)
                batch.put(k, "load" + k);
            cache.putAll(batch);
        }
    }

    private void awaitDrained(Ignite client, String what) throws InterruptedException {
        Await.until(() -> sum(client, StoreMetrics.PENDING_ENTRIES) == 0, STEP.multipliedBy(2), what);
    }

    private static void awaitServers(Ignite client, int n) throws InterruptedException {
        Await.until(() -> client.cluster().forServers().nodes().size() == n, STEP, n + " servers in the cluster");
    }

    private static Map<Integer, String> grid(IgniteCache<Integer, String> cache) {
        Map<Integer, String> out = new HashMap<>();
        try (QueryCursor<Cache.Entry<Integer, String>> c = cache.query(new ScanQuery<Integer, String>())) {
            for (Cache.Entry<Integer, String> e : c)
                out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static Map<Integer, String> backend(CqlSession cql) throws IOException, ClassNotFoundException {
        Map<Integer, String> out = new HashMap<>();
        for (Row r : cql.execute("SELECT k, v FROM soak.kv")) {
            ByteBuffer b = r.getByteBuffer("v");
            byte[] bytes = new byte[b.remaining()];
            b.duplicate().get(bytes);
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                out.put(r.getInt("k"), (String)in.readObject());
            }
        }
        return out;
    }

    private static long sum(Ignite client, String metric) {
        return values(client, metric).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> values(Ignite client, String metric) {
        List<StoreStatusTask.NodeStores> nodes = client.compute(client.cluster().forServers()).execute(new StoreStatusTask(), null);
        Map<String, Long> out = new TreeMap<>();
        String registry = StoreMetrics.registryName("cassandra", SoakConfigurer.CACHE);
        for (StoreStatusTask.NodeStores n : nodes) {
            Map<String, String> v = n.stores().get(registry);
            if (v == null)
                throw new IllegalStateException("no store metrics on " + n.node() + ": " + n.error());
            out.put(n.node(), Long.parseLong(v.get(metric)));
        }
        return out;
    }

    /** Client threads that put (four in five) and delete random keys at full speed; a failed operation is retried. */
    private static final class Writers {
        private final IgniteCache<Integer, String> cache;
        private final int keys;
        private final AtomicLong puts = new AtomicLong();
        private final AtomicLong deletes = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final AtomicLong seq = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean stopped;
        private volatile Throwable died;

        private Writers(IgniteCache<Integer, String> cache, int keys) {
            this.cache = cache;
            this.keys = keys;
        }

        static Writers start(IgniteCache<Integer, String> cache, int keys, int threads) {
            Writers w = new Writers(cache, keys);
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(w::run, "soak-writer-" + i);
                w.threads.add(t);
                t.start();
            }
            return w;
        }

        private void run() {
            try {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (!stopped) {
                    int k = rnd.nextInt(keys);
                    boolean delete = rnd.nextInt(5) == 0;
                    String v = "w" + seq.incrementAndGet();
                    while (true) {
                        try {
                            if (delete)
                                cache.remove(k);
                            else
                                cache.put(k, v);
                            break;
                        }
                        catch (RuntimeException e) {
                            failures.incrementAndGet();
                            if (stopped)
                                return;
                        }
                    }
                    (delete ? deletes : puts).incrementAndGet();
                }
            }
            catch (Throwable t) {
                died = t;
            }
        }

        long ops() {
            return puts.get() + deletes.get();
        }

        long puts() {
            return puts.get();
        }

        long deletes() {
            return deletes.get();
        }

        long failures() {
            return failures.get();
        }

        void awaitOps(long more) throws InterruptedException {
            long target = ops() + more;
            Await.until(() -> ops() >= target || died != null, STEP, more + " more operations of the writers");
            if (died != null)
                throw new IllegalStateException("a writer died", died);
        }

        /** Stops the writers and waits for them (their last operations complete). */
        void stop() {
            stopped = true;
            try {
                for (Thread t : threads)
                    t.join(60_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
