package io.gridkeep.testkit.elasticsearch;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.PluginsLoader;

/**
 * Main class of the test Elasticsearch node's JVM (started by testkit's ElasticsearchServer with the
 * server's jars on the module path): one node, single-node discovery, loopback, the given ports, its
 * data under HOME, the transport-netty4 module loaded from MODULES. Prints a ready line; stops on SIGTERM.
 *
 * <p>Arguments: HOME, HTTP port, transport port, MODULES directory.
 */
public final class EsLauncher {
    private EsLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int http = Integer.parseInt(args[1]);
        int transport = Integer.parseInt(args[2]);
        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "gridkeep-test")
            .put("node.name", "es-test")
            .put("network.host", "127.0.0.1")
            .put("http.port", http)
            .put("transport.port", transport)
            .put("discovery.type", "single-node")
            // A test disk may be nearly full; tests must not stall on watermarks.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        // Elasticsearch's logging must be set up before anything in the server logs.
        LogConfigurator.configureESLogging();
        LogConfigurator.configureWithoutConfig(settings);
        PluginsLoader plugins = PluginsLoader.createPluginsLoader(PluginsLoader.loadModulesBundles(Path.of(args[3])), Set.of(), Map.of());
        Node node = new Node(new Environment(settings, home.resolve("config")), plugins).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            }
            catch (Exception e) {
                e.printStackTrace();
            }
        }, "es-shutdown"));
        System.out.println("elasticsearch ready on http://127.0.0.1:" + http);
        System.out.flush();
        Thread.currentThread().join();
    }
}
