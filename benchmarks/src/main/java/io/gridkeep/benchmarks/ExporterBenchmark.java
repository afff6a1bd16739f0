package io.gridkeep.benchmarks;

import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.JavaProcesses;
import io.gridkeep.testkit.NodeSlot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.ClientCacheConfiguration;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;

/**
 * {@code benchmarks/run exporter}: the cost of GridKeep's Prometheus exporter. The exporter does
 * nothing between scrapes (values are read when scraped), so its cost is the scrapes: thin-client
 * put throughput on a node with the exporter, scraped every second ("on") and not scraped ("off"),
 * in the order on, off, off, on, so that the same JVM is compared with itself. A second node
 * without the exporter at all is measured too, as a reference. Then the scrape time with 100 caches.
 */
final class ExporterBenchmark {
    private static final int KEYS = 100_000;

    private ExporterBenchmark() {
    }


    private interface Workload {
        double run(ClientCache<Object, Object> cache) throws Exception;
    }

    static void main(String[] args) throws Exception {
        long measureMs = 2_000;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seconds"))
                measureMs = (long) (Double.parseDouble(args[++i]) * 1000);
            else {
                System.err.println("benchmarks: exporter: unknown option '" + args[i] + "' (options: --seconds S)");
                System.exit(2);
            }
        }
        long measure = measureMs;
        Path logs = Path.of(System.getProperty("gridkeep.benchLogDir", "target/bench-logs"), "exporter");
        Files.createDirectories(logs);
        List<NodeSlot> slots = NodeSlot.forCluster("exp", 2);
        List<ExternalProcess> nodes = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        AtomicBoolean stop = new AtomicBoolean();
        try {
            for (int i = 0; i < 2; i++) {
                NodeSlot s = slots.get(i);
                List<String> a = new ArrayList<>(List.of(String.valueOf(s.discoveryPort()), String.valueOf(s.communicationPort()),
                    String.valueOf(s.clientPort())));
                if (i == 0)
                    a.add(String.valueOf(s.metricsPort()));
                ExternalProcess p = JavaProcesses.start(i == 0 ? "exporter-on" : "exporter-off", PlainIgniteNode.class.getName(), a,
                    List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-DIGNITE_QUIET=true", "-DIGNITE_NO_ASCII=true"),
                    logs.resolve((i == 0 ? "on" : "off") + ".log"));
                nodes.add(p);
                p.awaitOutput("^plain ignite node ready", Duration.ofSeconds(120));
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
                    c -> Throughput.measure(8, 1000, measure, (th, i) -> c.put(ThinClientLoad.key(KEYS), "v" + i)),
                    c -> ThinClientLoad.async(c, KEYS, 1, 1000, measure, true));
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
                    BenchmarkMain.FIGURES.printf(Locale.ROOT, "exporter_%s_scraped %.0f ops/s%n", names.get(w), onMed);
                    BenchmarkMain.FIGURES.printf(Locale.ROOT, "exporter_%s_not_scraped %.0f ops/s%n", names.get(w), offMed);
                    BenchmarkMain.FIGURES.printf(Locale.ROOT, "exporter_%s_no_exporter_node %.0f ops/s%n", names.get(w), none);
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
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(), HttpResponse.BodyHandlers.ofString());
                    double took = (System.nanoTime() - t0) / 1e6;
                    bytes = r.body().length();
                    if (i >= 20)
                        ms.add(took);
                }
                ms.sort(Double::compare);
                BenchmarkMain.FIGURES.printf(Locale.ROOT, "scrape_ms_p50_100_caches %.1f ms%n", ms.get(ms.size() / 2));
                BenchmarkMain.FIGURES.printf(Locale.ROOT, "scrape_bytes_100_caches %d bytes%n", bytes);
                for (int w = 0; w < names.size(); w++)
                    BenchmarkMain.FIGURES.printf(Locale.ROOT, "exporter_%s_on_vs_off_ratio %.3f%n", names.get(w), ratios.get(w));
                BenchmarkMain.FIGURES.printf(Locale.ROOT, "scrape_ms_p99_100_caches %.1f%n", ms.get((int) Math.ceil(ms.size() * 0.99) - 1));
                double geo = Math.exp(ratios.stream().mapToDouble(Math::log).average().orElse(0));
                BenchmarkMain.FIGURES.printf(Locale.ROOT, "exporter_overhead_ratio %.3f%n", geo);
            }
        }
        finally {
            stop.set(true);
            nodes.forEach(ExternalProcess::close);
        }
    }
}
