package io.gridkeep.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * A real Elasticsearch 8.19 node for tests, in its own JVM, on free loopback ports, with its data in
 * a directory of the test's. Assembled at run time from the server's Maven artifacts (listed by the
 * testkit-elasticsearch module): the server jars on the module path, the transport-netty4 module in
 * {@code modules/}. Has no rest-root, ingest pipelines, data streams, painless, ILM or security:
 * use cluster health rather than {@code GET /}.
 *
 * <p>{@link #startWithTls} serves HTTPS as well: that needs the security module, which is not among
 * the published artifacts, so a {@link TlsFront} in the test's JVM terminates TLS with a {@link TestCa}
 * key and relays to the node's plain port. {@link #url()} is then the HTTPS one; {@link #request}
 * keeps to the plain port, for the test's own reads.
 *
 * <pre>{@code
 * try (ElasticsearchServer es = ElasticsearchServer.start(tempDir)) {
 *     es.request("PUT", "/logs/_doc/1?refresh=true", "{\"message\":\"hi\"}");
 *     es.stop();      // SIGTERM, data kept
 *     es.restart();   // same ports, same data
 * }
 * }</pre>
 */
public final class ElasticsearchServer extends TestServer {
    private static final String RESOURCE = "io/gridkeep/testkit/elasticsearch/server.classpath";
    private static final String LAUNCHER = "io.gridkeep.testkit.elasticsearch.EsLauncher";

    private final int httpPort;
    private final int transportPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TlsFront tls;

    private ElasticsearchServer(Path dir, int httpPort, int transportPort) {
        super("elasticsearch", dir, Duration.ofSeconds(60));
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    /** Lays the server out under {@code dir} and starts it; waits until it answers. */
    public static ElasticsearchServer start(Path dir) {
        int[] ports = FreePorts.allocate(2);
        ElasticsearchServer s = new ElasticsearchServer(dir, ports[0], ports[1]);
        s.layout();
        s.launch();
        return s;
    }

    /** Like {@link #start(Path)}, and serves HTTPS with {@code key} on a port of its own: {@link #url()}. */
    public static ElasticsearchServer startWithTls(Path dir, TestCa.ServerKey key) {
        ElasticsearchServer s = start(dir);
        try {
            s.tls = TlsFront.start(FreePorts.allocate(1)[0], s.httpPort, key);
        }
        catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** {@code http://127.0.0.1:PORT}, or {@code https://127.0.0.1:PORT} when started with TLS. */
    public String url() {
        return tls == null ? plainUrl() : "https://127.0.0.1:" + tls.port();
    }

    private String plainUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    @Override
    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        if (tls != null)
            tls.close();
        super.close();
    }

    /**
     * An HTTP request to the plain port; returns the status and body.
     *
     * @param jsonBody the request body (JSON or NDJSON), or null
     */
    public HttpResponse<String> request(String method, String path, String jsonBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(plainUrl() + path)).timeout(Duration.ofSeconds(30))
            .header("Content-Type", path.contains("_bulk") ? "application/x-ndjson" : "application/json");
        b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch request " + method + " " + path + " failed", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void launch() {
        List<String> cmd = javaCommand("-Xms256m", "-Xmx256m", "-Djava.net.preferIPv4Stack=true",
            "--module-path", dir.resolve("dist/lib").toString(), "--add-modules", "ALL-MODULE-PATH",
            "-cp", ServerArtifacts.locationOf(RESOURCE).toString(), LAUNCHER,
            dir.resolve("home").toString(), String.valueOf(httpPort), String.valueOf(transportPort),
            dir.resolve("dist/modules").toString());
        run(cmd, "^elasticsearch ready on ", Duration.ofSeconds(120));
        try {
            awaitHealth();
        }
        catch (AssertionError e) {
            process().close();
            throw e;
        }
    }

    private void awaitHealth() {
        try {
            Await.every(Duration.ofMillis(200)).until(this::healthy, Duration.ofSeconds(60), "a healthy Elasticsearch cluster");
        }
        catch (AssertionError e) {
            throw new AssertionError("Elasticsearch did not report a healthy cluster within 60 s:\n" + process().output(), e);
        }
    }

    private boolean healthy() {
        try {
            HttpResponse<String> r = request("GET", "/_cluster/health", null);
            return r.statusCode() == 200 && !r.body().contains("\"status\":\"red\"");
        }
        catch (UncheckedIOException e) {
            // Not listening yet.
            return false;
        }
    }

    /** Symlinks the server jars into lib/ and the transport module into modules/transport-netty4/. */
    private void layout() {
        try {
            Path lib = Files.createDirectories(dir.resolve("dist/lib"));
            Path netty = Files.createDirectories(dir.resolve("dist/modules/transport-netty4"));
            Files.createDirectories(dir.resolve("home/config"));
            Path transportJar = null;
            for (String entry : ServerArtifacts.jars(RESOURCE)) {
                Path jar = Path.of(entry);
                String name = jar.getFileName().toString();
                boolean module = name.startsWith("transport-netty4") || name.startsWith("netty-")
                    || name.startsWith("elasticsearch-ssl-config");
                Files.createSymbolicLink((module ? netty : lib).resolve(name), jar);
                if (name.startsWith("transport-netty4"))
                    transportJar = jar;
            }
            if (transportJar == null)
                throw new IllegalStateException("transport-netty4 is missing from " + RESOURCE);
            try (ZipFile z = new ZipFile(transportJar.toFile())) {
                for (String f : List.of("plugin-descriptor.properties", "entitlement-policy.yaml")) {
                    var e = z.getEntry("META-INF/es-plugins/transport-netty4/" + f);
                    if (e != null) {
                        try (InputStream in = z.getInputStream(e)) {
                            Files.copy(in, netty.resolve(f));
                        }
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot lay Elasticsearch out in " + dir, e);
        }
    }
}
