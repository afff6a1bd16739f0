package io.gridkeep.benchmarks;

import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.NodeSlot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.ClientCacheConfiguration;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code benchmarks/run exporter}: the cost of GridKeep's Prometheus exporter. The exporter does
 * nothing between scrapes (values are read when scraped), so its cost is the scrapes: thin-client
 * put throughput on a node with the exporter, scraped every second ("on") and not scraped ("off"),
 * in the order on, off, off, on, so that the same JVM is compared with itself. A second node
 * without the exporter at all is measured too, as a reference. Then the scrape time with 100 caches.
 */
@Command(name = "exporter",
    description = "Put throughput with the Prometheus exporter scraped vs not scraped; scrape time with 100 caches.")
final class ExporterBenchmark extends Benchmark {
    private static final int KEYS = 100_000;

    @Mixin
    Timing timing = new Timing(2, 1);

    @Mixin
    LogDir logDir = new LogDir();

    ExporterBenchmark() {
        super("exporter_overhead_ratio");
    }

    private interface Workload {
        double run(ClientCache<Object, Object> cache) throws Exception;
    }

    @Override void run(Figures out) throws Exception {
        long measure = timing.measureMs();
        long warmup = timing.warmupMs();
        Path logs = logDir.forBenchmark("exporter");
        List<NodeSlot> slots = NodeSlot.forCluster("exp", 2);
        List<ExternalProcess> nodes = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        AtomicBoolean stop = new AtomicBoolean();
        try {
            for (int i = 0; i < 2; i++) {
                nodes.add(PlainIgniteNode.start(i == 0 ? "exporter-on" : "exporter-off", slots.get(i), i == 0,
                    List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-DIGNITE_QUIET=true", "-DIGNITE_NO_ASCII=true"),
                    logs.resolve((i == 0 ? "on" : "off") + ".log")));
            }
            String metricsUrl = "http://" + slots.get(0).metricsAddress() + "/metrics";
            // Prometheus's usual cadence, compressed: one scrape a second while "on".
            AtomicBoolean scraping = new AtomicBoolean();
            Thread scraper = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        if (scraping.get())
                            http.send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(), HttpResponse.BodyHandlers.discarding());
                        Thread.sleep(1000);
                    }
                    catch (Exception e) {
                        return;
                    }
                }
            }, "scraper");
            scraper.setDaemon(true);
            scraper.start();

            try (IgniteClient on = Ignition.startClient(new ClientConfiguration().setAddresses(slots.get(0).clientAddress()));
                 IgniteClient off = Ignition.startClient(new ClientConfiguration().setAddresses(slots.get(1).clientAddress()))) {
                ClientCache<Object, Object> onCache = on.cache("kv");
                ClientCache<Object, Object> offCache = off.cache("kv");
                List<String> names = List.of("put_sync_t8", "put_async_t1");
                List<Workload> work = List.of(
                    c -> Throughput.measure(8, warmup, measure, (th, i) -> c.put(ThinClientLoad.key(KEYS), "v" + i)),
                    c -> ThinClientLoad.async(c, KEYS, 1, warmup, measure, true));
                List<Double> ratios = new ArrayList<>();
                // Warm both JVMs up first, so that the first measured phase is not the slow one.
                for (Workload wl : work) {
                    wl.run(onCache);
                    wl.run(offCache);
                }
                for (int w = 0; w < work.size(); w++) {
                    // on, off, off, on, ... six of each: this machine is noisy; medians take the outliers out.
                    List<Double> scraped = new ArrayList<>();
                    List<Double> idle = new ArrayList<>();
                    for (int round = 0; round < 6; round++) {
                        boolean first = round % 2 == 0;
                        scraping.set(first);
                        (first ? scraped : idle).add(work.get(w).run(onCache));
                        scraping.set(!first);
                        (first ? idle : scraped).add(work.get(w).run(onCache));
                    }
                    scraping.set(false);
                    double none = work.get(w).run(offCache);
                    double onMed = Stats.median(scraped);
                    double offMed = Stats.median(idle);
                    out.figure("exporter_" + names.get(w) + "_scraped", onMed, "ops/s");
                    out.figure("exporter_" + names.get(w) + "_not_scraped", offMed, "ops/s");
                    out.figure("exporter_" + names.get(w) + "_no_exporter_node", none, "ops/s");
                    out.ratio("exporter_" + names.get(w) + "_on_vs_off_ratio", onMed / offMed);
                    ratios.add(onMed / offMed);
                }

                // 100 caches with statistics, one entry each, then 200 timed scrapes.
                for (int i = 0; i < 100; i++)
                    on.getOrCreateCache(new ClientCacheConfiguration().setName("c" + i).setStatisticsEnabled(true)).put(1, 1);
                stop.set(true);
                scraper.join(5000);
                List<Double> ms = new ArrayList<>();
                int bytes = 0;
                for (int i = 0; i < 220; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(),
                        HttpResponse.BodyHandlers.ofString());
                    double took = (System.nanoTime() - t0) / 1e6;
                    bytes = r.body().length();
                    if (i >= 20)
                        ms.add(took);
                }
                out.figure("scrape_ms_p50_100_caches", Stats.percentile(ms, 50), "ms");
                out.figure("scrape_ms_p99_100_caches", Stats.percentile(ms, 99), "ms");
                out.count("scrape_bytes_100_caches", bytes, "bytes");
                out.ratio(ratio(), Math.exp(ratios.stream().mapToDouble(Math::log).average().orElse(0)));
            }
        }
        finally {
            stop.set(true);
            nodes.forEach(ExternalProcess::close);
        }
    }
}
