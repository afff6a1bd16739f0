package io.gridkeep.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Prometheus server (Debian's {@code prometheus}) on a free loopback port, scraping the
 * given targets every second, with rule files evaluated every second; its data in a temp dir.
 *
 * <pre>{@code
 * try (PrometheusServer prom = PrometheusServer.start(dir, List.of("127.0.0.1:9464"), List.of(rules))) {
 *     String json = prom.query("up");
 * }
 * }</pre>
 */
public final class PrometheusServer implements AutoCloseable {
    private final ExternalProcess process;
    private final int port;

    private PrometheusServer(ExternalProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Prometheus scraping {@code targets} (host:port) with job name {@code gridkeep}. */
    public static PrometheusServer start(Path dir, List<String> targets, List<Path> ruleFiles) {
        Path binary = DebianTools.require("prometheus", "prometheus");
        int port = FreePorts.one();
        StringBuilder cfg = new StringBuilder("""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            """);
        if (!ruleFiles.isEmpty()) {
            cfg.append("rule_files:\n");
            ruleFiles.forEach(r -> cfg.append("  - ").append(r.toAbsolutePath()).append('\n'));
        }
        cfg.append("scrape_configs:\n  - job_name: gridkeep\n    static_configs:\n      - targets: [");
        cfg.append(String.join(", ", targets.stream().map(t -> "'" + t + "'").toList())).append("]\n");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("prometheus.yml"), cfg);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExternalProcess p = ExternalProcess.start("prometheus", List.of(binary.toString(),
            "--config.file=" + dir.resolve("prometheus.yml"),
            "--storage.tsdb.path=" + dir.resolve("data"),
            "--web.listen-address=127.0.0.1:" + port,
            "--web.enable-lifecycle"), Map.of(), dir.resolve("prometheus.log"));
        PrometheusServer server = new PrometheusServer(p, port);
        try {
            p.awaitOutput("Server is ready to receive web requests", Duration.ofSeconds(60));
        }
        catch (AssertionError e) {
            p.close();
            throw e;
        }
        return server;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** GET of an API path, returning the body; fails on a non-200 answer. */
    public String get(String pathAndQuery) {
        Http.Response r = Http.get(port, pathAndQuery);
        if (r.status() != 200)
            throw new AssertionError("Prometheus answered " + r.status() + " to " + pathAndQuery + ": " + r.body());
        return r.body();
    }

    /** The JSON answer of an instant query. */
    public String query(String promql) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    public ExternalProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.terminate(Duration.ofSeconds(30));
    }
}
