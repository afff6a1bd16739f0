package io.gridkeep.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * HTTP GETs of a test node's endpoints ({@code /metrics}, {@code /health}) or a test server's API on
 * loopback: one client, a timeout, and a failure that names the URL when nothing answers.
 *
 * <pre>{@code
 * Http.Response health = Http.get(slot.metricsPort(), "/health");
 * assertThat(health.status()).isEqualTo(200);
 * }</pre>
 */
public final class Http {
    /** How long a GET may take, from connecting to the last byte of the body. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /**
     * A GET's answer.
     *
     * @param status HTTP status code
     * @param body the body as text
     * @param headers the response headers, by lower-case name
     */
    public record Response(int status, String body, Map<String, List<String>> headers) {
        /** The first value of header {@code name} (any case), if there is one. */
        public Optional<String> header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
        }
    }

    /** GET {@code http://127.0.0.1:PORT/PATH}; {@code path} starts with {@code /} and may carry a query. */
    public static Response get(int port, String path) {
        return get("http://127.0.0.1:" + port + path);
    }

    /**
     * GET {@code url}, whatever its status.
     *
     * @throws AssertionError naming the URL when it cannot connect or the answer does not come within {@link #TIMEOUT}
     */
    public static Response get(String url) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> r = CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
            Map<String, List<String>> headers = new TreeMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            return new Response(r.statusCode(), r.body(), Collections.unmodifiableMap(headers));
        }
        catch (IOException e) {
            throw new AssertionError("GET " + url + " failed (is the server up and listening?): " + e, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during GET " + url, e);
        }
    }
}
