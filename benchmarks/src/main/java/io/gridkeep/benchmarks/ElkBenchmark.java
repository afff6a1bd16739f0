package io.gridkeep.benchmarks;

import io.gridkeep.observability.elasticsearch.ElasticsearchShipper;
import io.gridkeep.observability.elasticsearch.ShippingStats;
import io.gridkeep.testkit.ElasticsearchServer;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestNodeConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.logger.log4j2.Log4J2Logger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * {@code benchmarks/run elk}: what shipping logs to Elasticsearch costs a node. An operation is a
 * cache put plus an INFO log line every {@code --ops-per-line} puts (default 1: every put logs, a far
 * chattier node than a real one; try 100). The same JVM and node run
 * the same operation with the line going to a logger the shipper is attached to ("shipped") and to
 * one it is not ("unshipped", the baseline), alternated, first with Elasticsearch up and then with
 * it stopped (the buffer fills and drops). Medians of three rounds each.
 */
final class ElkBenchmark {
    private ElkBenchmark() {
    }

    static void main(String[] args) throws Exception {
        long measureMs = 3_000;
        int threads = 4;
        int opsPerLine = 1;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seconds"))
                measureMs = (long)(Double.parseDouble(args[++i]) * 1000);
            else if (args[i].equals("--threads"))
                threads = Integer.parseInt(args[++i]);
            else if (args[i].equals("--ops-per-line"))
                opsPerLine = Integer.parseInt(args[++i]);
            else {
                System.err.println("benchmarks: elk: unknown option '" + args[i] + "' (options: --seconds S, --threads N, --ops-per-line N)");
                System.exit(2);
            }
        }
        System.setProperty("log4j2.configurationFile", ElkBenchmark.class.getResource("log4j2-elk.xml").toString());
        System.setProperty("IGNITE_QUIET", "false");
        Path dir = Files.createTempDirectory("gridkeep-bench-elk");
        Logger shipped = LogManager.getLogger("bench.shipped");
        Logger unshipped = LogManager.getLogger("bench.unshipped");
        System.err.println("benchmarks: elk: starting Elasticsearch and a node...");
        try (ElasticsearchServer es = ElasticsearchServer.start(dir.resolve("es"))) {
            ElasticsearchShipper shipper = new ElasticsearchShipper().setUrls(es.url()).setIndexPrefix("bench").setBufferCapacity(10_000);
            NodeSlot slot = NodeSlot.forCluster("elk", 1).get(0);
            try (Ignite node = Ignition.start(TestNodeConfigs.server(slot).setGridLogger(new Log4J2Logger()).setLifecycleBeans(shipper))) {
                // The baseline logger gets its configuration only now, after the shipper attached itself to the others.
                LoggerContext ctx = (LoggerContext)LogManager.getContext(false);
                Configuration cfg = ctx.getConfiguration();
                cfg.addLogger("bench.unshipped", new LoggerConfig("bench.unshipped", Level.INFO, false));
                ctx.updateLoggers(cfg);

                IgniteCache<Integer, String> cache = node.getOrCreateCache("bench");
                long ms = measureMs;
                int t = threads;
                int every = opsPerLine;
                Phase withShipped = () -> run(cache, shipped, t, ms, every);
                Phase withUnshipped = () -> run(cache, unshipped, t, ms, every);
                withShipped.run();
                withUnshipped.run();

                List<Double> upShipped = new ArrayList<>();
                List<Double> upBase = new ArrayList<>();
                for (int r = 0; r < 3; r++) {
                    upShipped.add(withShipped.run());
                    upBase.add(withUnshipped.run());
                }
                ShippingStats afterUp = shipper.stats();

                System.err.println("benchmarks: elk: stopping Elasticsearch...");
                es.stop();
                List<Double> downShipped = new ArrayList<>();
                List<Double> downBase = new ArrayList<>();
                for (int r = 0; r < 3; r++) {
                    downShipped.add(withShipped.run());
                    downBase.add(withUnshipped.run());
                }
                ShippingStats afterDown = shipper.stats();

                double us = Stats.median(upShipped);
                double ub = Stats.median(upBase);
                double ds = Stats.median(downShipped);
                double db = Stats.median(downBase);
                figure("elk_ops_per_log_line", opsPerLine, "");
                figure("elk_put_and_log_unshipped_es_up", ub, "ops/s");
                figure("elk_put_and_log_shipped_es_up", us, "ops/s");
                figure("elk_put_and_log_unshipped_es_down", db, "ops/s");
                figure("elk_put_and_log_shipped_es_down", ds, "ops/s");
                figure("elk_documents_shipped_while_up", afterUp.shipped(), "docs");
                figure("elk_documents_dropped_while_up", afterUp.dropped(), "docs");
                figure("elk_documents_dropped_while_down", afterDown.dropped() - afterUp.dropped(), "docs");
                figure("elk_es_up_vs_unshipped_ratio", us / ub, "");
                figure("elk_es_down_vs_unshipped_ratio", ds / db, "");
            }
        }
    }

    private interface Phase {
        double run() throws InterruptedException;
    }

    private static double run(IgniteCache<Integer, String> cache, Logger log, int threads, long ms, int opsPerLine)
        throws InterruptedException {
        return Throughput.measure(threads, 500, ms, (th, i) -> {
            int k = ThreadLocalRandom.current().nextInt(100_000);
            cache.put(k, "v" + i);
            if (i % opsPerLine == 0)
                log.info("put key {} from thread {}", k, th);
        });
    }


    private static void figure(String name, double value, String unit) {
        BenchmarkMain.FIGURES.println(String.format(Locale.ROOT, unit.isEmpty() ? "%s %.3f" : "%s %.0f %s", name, value, unit).trim());
    }
}
