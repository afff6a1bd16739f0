package io.gridkeep.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real HDFS (Hadoop's MiniDFSCluster: one NameNode, one DataNode) for tests, in its own JVM, on
 * free loopback ports, its storage under a directory of the test's; formatted on the first start
 * only, so data survives {@link #restart()}.
 *
 * <pre>{@code
 * try (HdfsServer hdfs = HdfsServer.start(tempDir)) {
 *     conf.set("fs.defaultFS", hdfs.uri());
 * }
 * }</pre>
 */
public final class HdfsServer implements AutoCloseable {
    private static final String RESOURCE = "io/gridkeep/testkit/hdfs/server.classpath";
    private static final String LAUNCHER = "io.gridkeep.testkit.hdfs.HdfsLauncher";

    private final Path dir;
    private final int rpcPort;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ExternalProcess process;
    private int starts;

    private HdfsServer(Path dir, int rpcPort, int httpPort) {
        this.dir = dir;
        this.rpcPort = rpcPort;
        this.httpPort = httpPort;
    }

    /** Formats and starts HDFS under {@code dir}; waits until the DataNode has registered. */
    public static HdfsServer start(Path dir) {
        int[] ports = FreePorts.allocate(2);
        HdfsServer s = new HdfsServer(dir, ports[0], ports[1]);
        s.launch(true);
        return s;
    }

    /** {@code hdfs://127.0.0.1:PORT}, for {@code fs.defaultFS}. */
    public String uri() {
        return "hdfs://127.0.0.1:" + rpcPort;
    }

    /** {@code http://127.0.0.1:PORT/webhdfs/v1}. */
    public String webHdfs() {
        return "http://127.0.0.1:" + httpPort + "/webhdfs/v1";
    }

    public ExternalProcess process() {
        return process;
    }

    /** SIGTERM: NameNode and DataNode shut down, keeping their data. */
    public void stop() {
        if (process != null && process.isAlive())
            process.terminate(Duration.ofSeconds(60));
    }

    /** SIGKILL, as in a crash of both daemons. */
    public void kill() {
        if (process != null && process.isAlive())
            process.kill();
    }

    /** Starts the stopped HDFS again, same ports, same data. */
    public void restart() {
        stop();
        launch(false);
    }

    /** A WebHDFS request ({@code path} starts with {@code /}, {@code op} and parameters in {@code query}); follows redirects. */
    public HttpResponse<String> webHdfs(String method, String path, String query, String body) {
        HttpClient follow = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest r = HttpRequest.newBuilder(URI.create(webHdfs() + path + "?user.name=gridkeep&" + query)).timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return follow.send(r, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException("WebHDFS " + method + " " + path + " failed", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void launch(boolean format) {
        starts++;
        List<String> cp = new ArrayList<>(List.of(ServerArtifacts.locationOf(RESOURCE).toString()));
        cp.addAll(ServerArtifacts.jars(RESOURCE));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xms256m", "-Xmx384m", "-Djava.net.preferIPv4Stack=true",
            "-cp", String.join(java.io.File.pathSeparator, cp), LAUNCHER,
            dir.resolve("hdfs").toAbsolutePath().toString(), String.valueOf(rpcPort), String.valueOf(httpPort), format ? "format" : "keep");
        process = ExternalProcess.start("hdfs", cmd, Map.of(), dir.resolve("hdfs-" + starts + ".log"));
        try {
            process.awaitOutput("^hdfs ready on ", Duration.ofSeconds(120));
        }
        catch (AssertionError e) {
            process.close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (process != null)
            process.terminate(Duration.ofSeconds(60));
    }
}
