package io.gridkeep.node.cli;

import io.gridkeep.node.GridKeepException;
import io.gridkeep.node.GridKeepNode;
import io.gridkeep.node.ListenAddresses;
import io.gridkeep.node.NodeConfigLoader;
import io.gridkeep.node.internal.ConsistentIds;
import io.gridkeep.node.internal.NodeLogging;
import io.gridkeep.observability.prometheus.PrometheusExporterSpi;
import io.gridkeep.security.GridKeepSecurity;
import io.gridkeep.security.User;
import io.gridkeep.security.UsersFile;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.ignite.IgniteState;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gridkeep node start}: runs one server node in this process until SIGTERM or Ctrl-C. */
@Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Start a grid node and run it until SIGTERM or Ctrl-C.",
        "Without --config it runs the embedded default: one node on loopback, a REPLICATED 'kv' cache,",
        "SQL (Calcite; H2 per connection), thin client/JDBC on 10800, data in memory."},
    footer = {"", "Flags fill the placeholders of the shipped configs; any placeholder can be set with -D key=value,",
        "a system property or an environment variable (gridkeep.client.port == GRIDKEEP_CLIENT_PORT)."})
final class NodeStartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    NodeCommand parent;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:GRIDKEEP_CONFIG}",
        description = "Ignite Spring XML configuration (default: env GRIDKEEP_CONFIG, else the embedded default-config.xml).")
    Path config;

    @Option(names = "--persistence", paramLabel = "DIR",
        description = "Turn on native persistence with data in DIR; a lone first node activates the cluster itself.")
    Path persistenceDir;

    @Option(names = "--consistent-id", paramLabel = "ID",
        description = "Stable node id (default with --persistence: kept in DIR/consistent-id).")
    String consistentId;

    @Option(names = "--name", paramLabel = "NAME", description = "Ignite instance name.")
    String name;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Local address to listen on (default: 127.0.0.1).")
    String bind;

    @Option(names = "--client-port", paramLabel = "PORT", description = "Thin client / JDBC port (default: 10800).")
    Integer clientPort;

    @Option(names = "--discovery-port", paramLabel = "PORT", description = "Discovery port, first of a range of 10 (default: 47500).")
    Integer discoveryPort;

    @Option(names = "--communication-port", paramLabel = "PORT",
        description = "Communication port, first of a range of 10 (default: 47100).")
    Integer communicationPort;

    @Option(names = "--metrics-port", paramLabel = "PORT", description = "Prometheus /metrics and /health port (default: 9464).")
    Integer metricsPort;

    @Option(names = "--elasticsearch", paramLabel = "URLS",
        description = "Ship logs and cluster events to Elasticsearch at these comma-separated URLs (default: off). "
            + "Credentials: GRIDKEEP_ELASTICSEARCH_API_KEY or GRIDKEEP_ELASTICSEARCH_USERNAME/_PASSWORD.")
    String elasticsearch;

    @Option(names = "--discovery-addresses", paramLabel = "LIST",
        description = "Comma-separated host:port or host:from..to of nodes to join (default: 127.0.0.1:47500..47509).")
    String discoveryAddresses;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Ignite work directory (default: the distribution's work/).")
    Path workDir;

    @Option(names = "--auth",
        description = "Require thin clients and JDBC to log in with a user of the users file (add one with 'gridkeep user add').")
    boolean auth;

    @Mixin
    UsersFileOption users;

    @Option(names = "--tls-keystore", paramLabel = "FILE", defaultValue = "${env:GRIDKEEP_TLS_KEYSTORE}",
        description = "TLS on discovery, communication, the thin client/JDBC port and /metrics, with this node's PKCS#12 keystore "
            + "from 'gridkeep certs issue' (default: env GRIDKEEP_TLS_KEYSTORE; off). "
            + "Password: env GRIDKEEP_KEYSTORE_PASSWORD or FILE.password.")
    Path tlsKeystore;

    @Option(names = "--tls-truststore", paramLabel = "FILE", defaultValue = "${env:GRIDKEEP_TLS_TRUSTSTORE}",
        description = "The cluster's trust store (default: truststore.p12 beside the keystore). Password: env GRIDKEEP_TRUSTSTORE_PASSWORD "
            + "or FILE.password.")
    Path tlsTruststore;

    @Option(names = "--tls-client-certificates", paramLabel = "required|optional", defaultValue = "optional",
        description = "Whether thin clients and JDBC must show a certificate the cluster's CA signed (default: ${DEFAULT-VALUE}).")
    String clientCertificates;

    @Option(names = "--export-roots", paramLabel = "URIS",
        description = "Where 'gridkeep store export' may write: comma-separated URI prefixes, e.g. file:///var/lib/gridkeep/exports "
            + "(default: none, every export is refused).")
    String exportRoots;

    @Option(names = "--insecure",
        description = "Allow --bind to a non-loopback address without TLS and --auth: anyone who reaches the node owns the cluster.")
    boolean insecure;

    @Option(names = "-D", paramLabel = "KEY=VALUE",
        description = "Set any configuration placeholder, e.g. -D gridkeep.memory.max.bytes=2147483648.")
    Map<String, String> placeholders = new LinkedHashMap<>();

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "INFO",
        description = "GridKeep's log level: ERROR, WARN, INFO, DEBUG, TRACE (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Override
    public Integer call() throws Exception {
        GridKeepCli root = (GridKeepCli)spec.root().userObject();
        NodeLogging.configure(logLevel, root.verbose);
        PrintWriter out = spec.commandLine().getOut();

        Map<String, String> overrides = overrides();
        IgniteConfiguration cfg = config == null ? NodeConfigLoader.loadDefault(overrides) : NodeConfigLoader.load(config, overrides);
        NodeLogging.useFor(cfg);

        CountDownLatch stopped = new CountDownLatch(1);
        Ignition.addListener((name, state) -> {
            if (state != IgniteState.STARTED)
                stopped.countDown();
        });
        GridKeepNode node = GridKeepNode.start(cfg);
        Thread hook = new Thread(() -> {
            out.println("gridkeep: stopping node...");
            out.flush();
            node.close();
            out.println("gridkeep: node stopped");
            out.flush();
            NodeLogging.shutdown();
        }, "gridkeep-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        boolean activated = persistenceDir != null && node.activateIfSoleServer();
        printBanner(out, node, cfg, activated);
        stopped.await();
        // Reaching here without the hook means Ignite stopped the node itself (segmentation, failure handler).
        return 1;
    }

    private Map<String, String> overrides() {
        Map<String, String> o = new LinkedHashMap<>(placeholders);
        if (persistenceDir != null) {
            Path dir = persistenceDir.toAbsolutePath().normalize();
            o.put("gridkeep.persistence.enabled", "true");
            o.put("gridkeep.work.dir", dir.toString());
            if (consistentId == null)
                consistentId = ConsistentIds.stableIn(dir);
        }
        else if (workDir != null)
            o.put("gridkeep.work.dir", workDir.toAbsolutePath().normalize().toString());
        else if (System.getProperty("gridkeep.home") != null && !o.containsKey("gridkeep.work.dir")
            && System.getProperty("gridkeep.work.dir") == null && System.getenv("GRIDKEEP_WORK_DIR") == null)
            o.put("gridkeep.work.dir", Path.of(System.getProperty("gridkeep.home"), "work").toString());
        putIfSet(o, "gridkeep.consistent.id", consistentId);
        putIfSet(o, "gridkeep.instance.name", name);
        putIfSet(o, "gridkeep.local.host", bind);
        putIfSet(o, "gridkeep.client.host", bind);
        putIfSet(o, "gridkeep.metrics.host", bind);
        putIfSet(o, "gridkeep.metrics.port", metricsPort);
        putIfSet(o, "gridkeep.elasticsearch.urls", elasticsearch);
        putIfSet(o, "gridkeep.client.port", clientPort);
        putIfSet(o, "gridkeep.discovery.port", discoveryPort);
        putIfSet(o, "gridkeep.communication.port", communicationPort);
        putIfSet(o, "gridkeep.discovery.addresses", discoveryAddresses);
        if (!o.containsKey("gridkeep.security.users.file"))
            o.put("gridkeep.security.users.file", users.resolve().toString());
        if (auth) {
            o.put("gridkeep.security.authentication", "true");
            checkUsers(Path.of(o.get("gridkeep.security.users.file")));
        }
        if (tlsKeystore != null)
            o.put("gridkeep.tls.keystore", tlsKeystore.toAbsolutePath().normalize().toString());
        if (tlsTruststore != null)
            o.put("gridkeep.tls.truststore", tlsTruststore.toAbsolutePath().normalize().toString());
        switch (clientCertificates) {
            case "required" -> o.put("gridkeep.tls.client.auth", "true");
            case "optional" -> { }
            default -> throw new UsageException("node start", "--tls-client-certificates is 'required' or 'optional', not '"
                + clientCertificates + "'", null);
        }
        putIfSet(o, "gridkeep.export.roots", exportRoots);
        BindCheck.refuseOpenDoors(o, insecure);
        return o;
    }

    /** Refuses --auth before the node starts when no one could log in. */
    private static void checkUsers(Path file) {
        List<User> list;
        try {
            list = UsersFile.at(file).users();
        }
        catch (UncheckedIOException e) {
            throw new GridKeepException("cannot start node", e.getMessage(), file.toString(), e);
        }
        if (list.isEmpty()) {
            throw new GridKeepException("cannot start node", "--auth needs a user to log in with; add one with "
                + "'gridkeep user add NAME --role admin --users-file " + file + "'", file.toString());
        }
    }

    private static void putIfSet(Map<String, String> m, String key, Object v) {
        if (v != null)
            m.put(key, v.toString());
    }

    private void printBanner(PrintWriter out, GridKeepNode node, IgniteConfiguration cfg, boolean activated) {
        ListenAddresses a = node.addresses();
        var cluster = node.ignite().cluster();
        out.println("GridKeep node started (Apache Ignite " + VersionProvider.igniteVersion() + ")");
        out.println("  consistent id    : " + cluster.localNode().consistentId());
        out.println("  thin client/JDBC : " + a.host() + ":" + a.clientPort() + "   " + a.jdbcUrl());
        out.println("  discovery        : " + a.host() + ":" + a.discoveryPort());
        out.println("  communication    : " + a.host() + ":" + a.communicationPort());
        if (a.metricsPort() > 0)
            out.println("  metrics / health : " + metricsScheme(cfg) + "://" + a.host() + ":" + a.metricsPort() + "/metrics   /health");
        String persistence = persistenceDir == null
            ? (isPersistent(cfg) ? "on (" + cfg.getWorkDirectory() + ")" : "off (data in memory)")
            : "on (" + persistenceDir.toAbsolutePath().normalize() + ")";
        out.println("  persistence      : " + persistence);
        out.println("  tls              : " + (cfg.getSslContextFactory() != null
            ? "on (discovery, communication, thin client/JDBC" + (cfg.getClientConnectorConfiguration() != null
                && cfg.getClientConnectorConfiguration().isSslClientAuth() ? " with client certificates" : "") + ")"
            : "off"));
        Object authOn = cluster.localNode().attribute(GridKeepSecurity.AUTHENTICATION_ATTRIBUTE);
        out.println("  authentication   : " + (Boolean.TRUE.equals(authOn)
            ? "on" + usersFileOf(cfg)
            : "off: open to anyone who reaches the client port (--auth turns it on)"));
        out.println("  cluster          : " + cluster.state() + (activated ? " (activated by this node)" : "")
            + ", " + cluster.forServers().nodes().size() + " server node(s)");
        String logFile = NodeLogging.logFile();
        if (logFile != null)
            out.println("  log file         : " + logFile);
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private static String metricsScheme(IgniteConfiguration cfg) {
        for (Object spi : cfg.getMetricExporterSpi()) {
            if (spi instanceof PrometheusExporterSpi p)
                return p.scheme();
        }
        return "http";
    }

    /** " (users file F)", or nothing when another plugin than GridKeep's checks the users. */
    private static String usersFileOf(IgniteConfiguration cfg) {
        for (Object p : cfg.getPluginProviders()) {
            if (p instanceof GridKeepSecurity s)
                return " (users file " + s.getUsersFile() + ")";
        }
        return "";
    }

    private static boolean isPersistent(IgniteConfiguration cfg) {
        var ds = cfg.getDataStorageConfiguration();
        return ds != null && ds.getDefaultDataRegionConfiguration() != null
            && ds.getDefaultDataRegionConfiguration().isPersistenceEnabled();
    }
}
