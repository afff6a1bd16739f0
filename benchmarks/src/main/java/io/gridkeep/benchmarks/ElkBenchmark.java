package io.gridkeep.benchmarks;

import io.gridkeep.observability.elasticsearch.ElasticsearchShipper;
import io.gridkeep.observability.elasticsearch.ShippingStats;
import io.gridkeep.testkit.ElasticsearchServer;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestNodeConfigs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code benchmarks/run elk}: what shipping logs to Elasticsearch costs a node. An operation is a
 * cache put plus an INFO log line every {@code --ops-per-line} puts (default 1: every put logs, a far
 * chattier node than a real one; try 100). The same JVM and node run
 * the same operation with the line going to a logger the shipper is attached to ("shipped") and to
 * one it is not ("unshipped", the baseline), alternated, first with Elasticsearch up and then with
 * it stopped (the buffer fills and drops). Medians of three rounds each.
 */
@Command(name = "elk", description = "Put throughput with INFO log lines shipped to Elasticsearch (up, then stopped) vs not shipped.")
final class ElkBenchmark extends Benchmark {
    @Mixin
    Timing timing = new Timing(3, 0.5);

    @Option(names = "--threads", paramLabel = "N", converter = Numbers.PositiveInt.class,
        description = "Threads doing puts (default: ${DEFAULT-VALUE}).")
    int threads = 4;

    @Option(names = "--ops-per-line", paramLabel = "N", converter = Numbers.PositiveInt.class,
        description = "Puts per INFO log line; 1 logs every put, far chattier than a real node (default: ${DEFAULT-VALUE}).")
    int opsPerLine = 1;

    ElkBenchmark() {
        super("elk_shipping_overhead_ratio");
    }

    @Override void run(Figures out) throws Exception {
        System.setProperty("log4j2.configurationFile", ElkBenchmark.class.getResource("log4j2-elk.xml").toString());
        System.setProperty("IGNITE_QUIET", "false");
        Path dir = scratchDir();
        Logger shipped = LogManager.getLogger("bench.shipped");
        Logger unshipped = LogManager.getLogger("bench.unshipped");
        progress("starting Elasticsearch and a node...");
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
                Phase withShipped = () -> putAndLog(cache, shipped);
                Phase withUnshipped = () -> putAndLog(cache, unshipped);
                withShipped.run();
                withUnshipped.run();

                double[] up = alternate(withShipped, withUnshipped);
                ShippingStats afterUp = shipper.stats();

                progress("stopping Elasticsearch...");
                es.stop();
                double[] down = alternate(withShipped, withUnshipped);
                ShippingStats afterDown = shipper.stats();

                out.count("elk_ops_per_log_line", opsPerLine, "ops");
                out.figure("elk_put_and_log_unshipped_es_up", up[1], "ops/s");
                out.figure("elk_put_and_log_shipped_es_up", up[0], "ops/s");
                out.figure("elk_put_and_log_unshipped_es_down", down[1], "ops/s");
                out.figure("elk_put_and_log_shipped_es_down", down[0], "ops/s");
                out.count("elk_documents_shipped_while_up", afterUp.shipped(), "docs");
                out.count("elk_documents_dropped_while_up", afterUp.dropped(), "docs");
                out.count("elk_documents_dropped_while_down", afterDown.dropped() - afterUp.dropped(), "docs");
                out.ratio("elk_es_down_vs_unshipped_ratio", down[0] / down[1]);
                // Issue 5's figure: shipping on (INFO, Elasticsearch up) vs off.
                out.ratio(ratio(), up[0] / up[1]);
            }
        }
    }

    private interface Phase {
        double run() throws InterruptedException;
    }

    /** Three rounds of {@code a} then {@code b}; their medians. */
    private static double[] alternate(Phase a, Phase b) throws InterruptedException {
        List<Double> as = new ArrayList<>();
        List<Double> bs = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            as.add(a.run());
            bs.add(b.run());
        }
        return new double[] {Stats.median(as), Stats.median(bs)};
    }

    private double putAndLog(IgniteCache<Integer, String> cache, Logger log) throws InterruptedException {
        int every = opsPerLine;
        return Throughput.measure(threads, timing.warmupMs(), timing.measureMs(), (th, i) -> {
            int k = ThreadLocalRandom.current().nextInt(100_000);
            cache.put(k, "v" + i);
            if (i % every == 0)
                log.info("put key {} from thread {}", k, th);
        });
    }
}
