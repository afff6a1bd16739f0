package io.gridkeep.node;

import io.gridkeep.node.internal.PortProbe;
import io.gridkeep.observability.prometheus.PrometheusExporterSpi;
import java.util.Collection;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;

/**
 * A running GridKeep node: an Ignite server started from an {@link IgniteConfiguration}, with
 * the addresses it listens on and errors a user can act on when it cannot start.
 *
 * <pre>{@code
 * try (GridKeepNode node = GridKeepNode.start(NodeConfigLoader.loadDefault(Map.of()))) {
 *     System.out.println(node.addresses().jdbcUrl());
 *     node.ignite().cache("kv").put("k", "v");
 * }
 * }</pre>
 */
public final class GridKeepNode implements AutoCloseable {
    private static final String CLIENT_PORT_ATTR = "clientListenerPort";
    private static final String COMM_PORT_ATTR_SUFFIX = "comm.tcp.port";

    private final Ignite ignite;
    private final ListenAddresses addresses;

    private GridKeepNode(Ignite ignite, ListenAddresses addresses) {
        this.ignite = ignite;
        this.addresses = addresses;
    }

    /**
     * Starts a server node.
     *
     * @throws GridKeepException when the node cannot start; a port that is taken is named
     */
    public static GridKeepNode start(IgniteConfiguration cfg) {
        Ignite ignite;
        try {
            ignite = Ignition.start(cfg);
        }
        catch (IgniteException e) {
            throw explainStartFailure(cfg, e);
        }
        return new GridKeepNode(ignite, readAddresses(ignite, cfg));
    }

    /** The Ignite API of this node. */
    public Ignite ignite() {
        return ignite;
    }

    /** What this node listens on. */
    public ListenAddresses addresses() {
        return addresses;
    }

    /**
     * Activates the cluster when this node is its only server and no baseline exists yet: the
     * first start of a single node with native persistence. A cluster that has a baseline
     * activates itself once its baseline nodes are back, so it is left alone.
     *
     * @return whether this call activated the cluster
     */
    public boolean activateIfSoleServer() {
        if (ignite.cluster().state() != ClusterState.INACTIVE)
            return false;
        if (ignite.cluster().currentBaselineTopology() != null)
            return false;
        if (ignite.cluster().forServers().nodes().size() != 1)
            return false;
        ignite.cluster().state(ClusterState.ACTIVE);
        return true;
    }

    /** Stops the node, letting running jobs finish. */
    @Override
    public void close() {
        Ignition.stop(ignite.name(), false);
    }

    private static ListenAddresses readAddresses(Ignite ignite, IgniteConfiguration cfg) {
        ClusterNode local = ignite.cluster().localNode();
        Integer clientPort = local.attribute(CLIENT_PORT_ATTR);
        int commPort = -1;
        for (Map.Entry<String, Object> a : local.attributes().entrySet()) {
            if (a.getKey().endsWith(COMM_PORT_ATTR_SUFFIX) && a.getValue() instanceof Integer p)
                commPort = p;
        }
        int discoPort = cfg.getDiscoverySpi() instanceof TcpDiscoverySpi d ? d.getLocalPort() : -1;
        String host = cfg.getLocalHost() != null ? cfg.getLocalHost() : firstAddress(local.addresses());
        Integer metricsPort = local.attribute(PrometheusExporterSpi.PORT_ATTRIBUTE);
        return new ListenAddresses(host, discoPort, commPort, clientPort == null ? -1 : clientPort, metricsPort == null ? -1 : metricsPort);
    }

    private static String firstAddress(Collection<String> addrs) {
        return addrs.isEmpty() ? "0.0.0.0" : addrs.iterator().next();
    }

    /** Finds which configured port range is fully taken, since Ignite's own message is buried in a long chain. */
    private static GridKeepException explainStartFailure(IgniteConfiguration cfg, IgniteException e) {
        String host = cfg.getLocalHost() == null ? "0.0.0.0" : cfg.getLocalHost();
        ClientConnectorConfiguration cc = cfg.getClientConnectorConfiguration();
        if (cc != null && cc.getPort() > 0) {
            String ccHost = cc.getHost() == null ? host : cc.getHost();
            if (PortProbe.allTaken(ccHost, cc.getPort(), cc.getPortRange()))
                return portTaken("thin client/JDBC", ccHost, cc.getPort(), cc.getPortRange(), "--client-port", e);
        }
        if (cfg.getDiscoverySpi() instanceof TcpDiscoverySpi d
            && PortProbe.allTaken(host, d.getLocalPort(), d.getLocalPortRange()))
            return portTaken("discovery", host, d.getLocalPort(), d.getLocalPortRange(), "--discovery-port", e);
        if (cfg.getCommunicationSpi() instanceof TcpCommunicationSpi c
            && PortProbe.allTaken(host, c.getLocalPort(), c.getLocalPortRange()))
            return portTaken("communication", host, c.getLocalPort(), c.getLocalPortRange(), "--communication-port", e);
        if (cfg.getMetricExporterSpi() != null) {
            for (var spi : cfg.getMetricExporterSpi()) {
                if (spi instanceof PrometheusExporterSpi p && PortProbe.allTaken(p.getHost(), p.getPort(), p.getPortRange()))
                    return portTaken("metrics", p.getHost(), p.getPort(), p.getPortRange(), "--metrics-port", e);
            }
        }
        return new GridKeepException("cannot start node", rootMessage(e), null, e);
    }

    private static GridKeepException portTaken(String what, String host, int port, int range, String flag, Throwable e) {
        String ports = range > 0 ? port + "-" + (port + range) : String.valueOf(port);
        String why = (range > 0 ? what + " ports " : what + " port ") + ports
            + " already in use; stop the process using it or pass " + flag;
        return new GridKeepException("cannot start node", why, host + ":" + port, e);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root)
            root = root.getCause();
        String msg = root.getMessage();
        return msg == null ? root.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg);
    }
}
