package io.gridkeep.observability.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.SimpleJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.gridkeep.observability.elasticsearch.internal.CaFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Where an Elasticsearch cluster is and how to log in to it: one or more URLs, and an optional
 * API key or user and password, and for https the CAs to trust. Builds the official
 * {@code elasticsearch-java} client.
 *
 * <pre>{@code
 * ElasticsearchConnection es = ElasticsearchConnection.of("https://es1:9200,https://es2:9200")
 *     .apiKey(System.getenv("ES_API_KEY"))
 *     .caFile(Path.of("/etc/elasticsearch/certs/http_ca.crt"), null);
 * try (ElasticsearchConnection.Client c = es.open()) {
 *     c.api().cluster().health();
 * }
 * }</pre>
 */
public final class ElasticsearchConnection {
    private final List<HttpHost> hosts;
    private String apiKey;
    private String username;
    private String password;
    private Path caFile;
    private SSLContext tls;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration requestTimeout = Duration.ofSeconds(30);

    private ElasticsearchConnection(List<HttpHost> hosts) {
        this.hosts = hosts;
    }

    /**
     * @param urls comma-separated {@code http(s)://host:port} URLs of the same cluster
     * @throws IllegalArgumentException naming the URL that is not one
     */
    public static ElasticsearchConnection of(String urls) {
        List<HttpHost> hosts = new ArrayList<>();
        for (String u : urls.split(",")) {
            String url = u.trim();
            if (url.isEmpty())
                continue;
            URI uri;
            try {
                uri = URI.create(url);
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a URL: '" + url + "'");
            }
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())))
                throw new IllegalArgumentException("not an http(s)://host:port URL: '" + url + "'");
            int port = uri.getPort() > 0 ? uri.getPort() : 9200;
            hosts.add(new HttpHost(uri.getHost(), port, uri.getScheme()));
        }
        if (hosts.isEmpty())
            throw new IllegalArgumentException("no Elasticsearch URL given");
        return new ElasticsearchConnection(List.copyOf(hosts));
    }

    /** Logs in with an API key (the base64 {@code id:key} that Elasticsearch hands out); null for none. */
    public ElasticsearchConnection apiKey(String apiKey) {
        this.apiKey = blankToNull(apiKey);
        return this;
    }

    /** Logs in with HTTP basic authentication; a null or empty user means none. */
    public ElasticsearchConnection basicAuth(String username, String password) {
        this.username = blankToNull(username);
        this.password = password;
        return this;
    }

    /**
     * Trusts exactly the CAs of this file for the https URLs, instead of the JVM's default ones: PEM
     * (one or more certificates, such as Elasticsearch's {@code config/certs/http_ca.crt}) or a PKCS#12
     * trust store. The server's certificate must also name the host of its URL. Null for the JVM's defaults.
     *
     * @param password the PKCS#12 trust store's password; ignored for PEM, null for none
     * @throws IllegalArgumentException naming the file when it is missing, unreadable or holds no certificate,
     *     or when no URL is https (the CAs would protect nothing)
     */
    public ElasticsearchConnection caFile(Path file, String password) {
        if (file == null) {
            caFile = null;
            tls = null;
            return this;
        }
        if (hosts.stream().noneMatch(h -> "https".equals(h.getSchemeName())))
            throw new IllegalArgumentException("a CA file (" + file + ") is given, but no URL is https: " + urls());
        tls = CaFile.sslContext(file, password);
        caFile = file;
        return this;
    }

    /** The CA file trusted for https, or null for the JVM's default CAs. */
    public Path caFile() {
        return caFile;
    }

    /** How long to wait for a TCP connection (default 2 s). */
    public ElasticsearchConnection connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /** How long to wait for an answer (default 30 s). */
    public ElasticsearchConnection requestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /** The URLs, for messages. */
    public String urls() {
        List<String> s = new ArrayList<>();
        for (HttpHost h : hosts)
            s.add(h.toURI());
        return String.join(",", s);
    }

    /** Opens a client; close it when done. */
    public Client open() {
        RestClientBuilder b = RestClient.builder(hosts.toArray(new HttpHost[0]))
            .setRequestConfigCallback(r -> r.setConnectTimeout((int)connectTimeout.toMillis())
                .setSocketTimeout((int)requestTimeout.toMillis()));
        if (apiKey != null)
            b.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + apiKey)});
        BasicCredentialsProvider creds = username == null ? null : new BasicCredentialsProvider();
        if (creds != null)
            creds.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(username, password == null ? "" : password));
        SSLContext ctx = tls;
        // One callback for both: the builder keeps only the last one set.
        b.setHttpClientConfigCallback(h -> {
            if (creds != null)
                h.setDefaultCredentialsProvider(creds);
            // With only a context set, the client keeps its default host name verifier.
            if (ctx != null)
                h.setSSLContext(ctx);
            return h;
        });
        RestClientTransport transport = new RestClientTransport(b.build(), new SimpleJsonpMapper(), null,
            co.elastic.clients.transport.instrumentation.NoopInstrumentation.INSTANCE);
        return new Client(new ElasticsearchClient(transport), transport);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** An open client and the transport it owns. */
    public static final class Client implements AutoCloseable {
        private final ElasticsearchClient api;
        private final RestClientTransport transport;

        private Client(ElasticsearchClient api, RestClientTransport transport) {
            this.api = api;
            this.transport = transport;
        }

        /** The typed API of {@code elasticsearch-java}. */
        public ElasticsearchClient api() {
            return api;
        }

        @Override
        public void close() {
            try {
                transport.close();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
