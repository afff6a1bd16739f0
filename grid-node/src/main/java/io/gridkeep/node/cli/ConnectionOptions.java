package io.gridkeep.node.cli;

import io.gridkeep.node.GridKeepException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientConnectionException;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import picocli.CommandLine.Option;

/** Where the client commands connect: {@code --host} and connection timeouts. */
final class ConnectionOptions {
    static final String DEFAULT_HOST = "127.0.0.1:10800";

    @Option(names = "--host", paramLabel = "HOST[:PORT][,...]", defaultValue = "${env:GRIDKEEP_HOST:-" + DEFAULT_HOST + "}",
        description = "Node(s) to connect to through the thin-client/JDBC port (default: ${DEFAULT-VALUE}; env GRIDKEEP_HOST).")
    String host;

    @Option(names = "--timeout-ms", defaultValue = "10000", paramLabel = "MS",
        description = "Socket timeout for requests (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    List<String> addresses() {
        return Arrays.stream(host.split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .map(a -> a.contains(":") ? a : a + ":10800").toList();
    }

    /** Opens a thin client, or fails with a message that says which address did not answer. */
    IgniteClient thinClient(String what) {
        ClientConfiguration cfg = new ClientConfiguration()
            .setAddresses(addresses().toArray(String[]::new))
            .setTimeout(timeoutMs);
        try {
            return Ignition.startClient(cfg);
        }
        catch (ClientConnectionException e) {
            throw notReachable(what, e);
        }
    }

    /** Opens a JDBC thin connection; {@code engine} is null for the node's default SQL engine. */
    Connection jdbc(String what, String engine) {
        String url = jdbcUrl(engine);
        try {
            return DriverManager.getConnection(url);
        }
        catch (SQLException e) {
            throw notReachable(what, e);
        }
    }

    String jdbcUrl(String engine) {
        String url = "jdbc:ignite:thin://" + String.join(",", addresses());
        return engine == null ? url : url + "?queryEngine=" + engine;
    }

    private GridKeepException notReachable(String what, Exception e) {
        return new GridKeepException(what, "cannot connect: " + Errors.describe(e)
            + "; is a node running? start one with 'gridkeep node start'", String.join(",", addresses()), e);
    }
}
