package io.gridkeep.node;

/**
 * The addresses a started node listens on.
 *
 * @param host the local host the node binds to
 * @param discoveryPort TCP discovery port
 * @param communicationPort TCP communication port
 * @param clientPort thin-client and JDBC port, or -1 when the client connector is off
 * @param metricsPort Prometheus metrics and health port, or -1 when the exporter is not configured
 */
public record ListenAddresses(String host, int discoveryPort, int communicationPort, int clientPort, int metricsPort) {
    /** The JDBC thin driver URL for this node. */
    public String jdbcUrl() {
        return "jdbc:ignite:thin://" + host + ":" + clientPort;
    }
}
