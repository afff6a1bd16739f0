package io.gridkeep.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
public final class HdfsServer extends TestServer {
    private static final String RESOURCE = "io/gridkeep/testkit/hdfs/server.classpath";
    private static final String LAUNCHER = "io.gridkeep.testkit.hdfs.HdfsLauncher";

    /**
     * Hadoop client settings for this one-DataNode HDFS: one replica, and no DataNode replacement on
     * a pipeline failure (there is no other). For stores ({@code setHadoopProperties}) and clients.
     */
    public static final Map<String, String> CLIENT_PROPERTIES = Map.of("dfs.replication", "1",
        "dfs.client.block.write.replace-datanode-on-failure.policy", "NEVER");

    private final int rpcPort;
    private final int httpPort;
    // The DataNode's data, HTTP and IPC ports: chosen here rather than by the kernel, because a stopped
    // DataNode comes back on the same ports, and a kernel-picked (ephemeral) one may meanwhile have
    // become some connection's source port.
    private final int[] dataNodePorts;
    // WebHDFS answers CREATE and OPEN with a redirect to the DataNode.
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS)
        .connectTimeout(Duration.ofSeconds(5)).build();

    private HdfsServer(Path dir, int rpcPort, int httpPort, int[] dataNodePorts) {
        super("hdfs", dir, Duration.ofSeconds(60));
        this.rpcPort = rpcPort;
        this.httpPort = httpPort;
        this.dataNodePorts = dataNodePorts;
    }

    /** Formats and starts HDFS under {@code dir}; waits until the DataNode has registered. */
    public static HdfsServer start(Path dir) {
        int[] ports = FreePorts.allocate(5);
        HdfsServer s = new HdfsServer(dir, ports[0], ports[1], Arrays.copyOfRange(ports, 2, 5));
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

    private int dataNodeStops;

    /** Stops the DataNode only (the NameNode keeps answering); returns once it is down. */
    public void stopDataNode() {
        control("stop-datanode");
        process().awaitOutput("hdfs datanode stopped #" + ++dataNodeStops + "\\b", Duration.ofSeconds(60));
    }

    /** Starts the DataNode stopped by {@link #stopDataNode()} again, on its ports, with its blocks. */
    public void startDataNode() {
        control("start-datanode");
        process().awaitOutput("hdfs datanode started #" + dataNodeStops + "\\b", Duration.ofSeconds(120));
    }

    private void control(String command) {
        try {
            Files.createFile(dir.resolve("hdfs").resolve("control").resolve(command));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot ask the test HDFS to " + command, e);
        }
    }

    @Override
    public void restart() {
        stop();
        launch(false);
    }

    /** A WebHDFS request ({@code path} starts with {@code /}, {@code op} and parameters in {@code query}); follows redirects. */
    public HttpResponse<String> webHdfs(String method, String path, String query, String body) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(webHdfs() + path + "?user.name=gridkeep&" + query))
            .timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
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
        // A new process counts its DataNode stops from 0 again.
        dataNodeStops = 0;
        List<String> cp = new ArrayList<>(List.of(ServerArtifacts.locationOf(RESOURCE).toString()));
        cp.addAll(ServerArtifacts.jars(RESOURCE));
        List<String> cmd = javaCommand("-Xms256m", "-Xmx384m", "-Djava.net.preferIPv4Stack=true",
            "-cp", String.join(File.pathSeparator, cp), LAUNCHER,
            dir.resolve("hdfs").toAbsolutePath().toString(), String.valueOf(rpcPort), String.valueOf(httpPort), format ? "format" : "keep",
            String.valueOf(dataNodePorts[0]), String.valueOf(dataNodePorts[1]), String.valueOf(dataNodePorts[2]));
        run(cmd, "^hdfs ready on ", Duration.ofSeconds(120));
    }
}
