package io.gridkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Http against a real HTTP server on loopback (the JDK's). */
class HttpTest {
    private HttpServer server;
    private int port;

    @BeforeEach
    void start() throws IOException {
        port = FreePorts.one();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/health", ex -> answer(ex, 503, "{\"status\":\"DOWN\"}"));
        server.createContext("/metrics", ex -> answer(ex, 200, "up 1.0\nquery " + ex.getRequestURI().getQuery() + "\n"));
        server.start();
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void getReturnsStatusBodyAndHeaders() {
        Http.Response r = Http.get(port, "/metrics?name=up");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("up 1.0\nquery name=up\n");
        assertThat(r.header("content-type")).hasValue("text/plain; version=0.0.4");
        assertThat(r.header("Content-Type")).hasValue("text/plain; version=0.0.4");
        assertThat(r.header("X-Nope")).isEmpty();
    }

    @Test
    void anErrorStatusIsAnAnswerNotAFailure() {
        Http.Response r = Http.get("http://127.0.0.1:" + port + "/health");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("{\"status\":\"DOWN\"}");
    }

    @Test
    void nothingListeningFailsNamingTheUrl() {
        server.stop(0);
        assertThatThrownBy(() -> Http.get(port, "/metrics"))
            .isInstanceOf(AssertionError.class)
            .hasMessageStartingWith("GET http://127.0.0.1:" + port + "/metrics failed (is the server up and listening?)");
    }
}
