package io.gridkeep.node.cli;

import io.gridkeep.node.GridKeepException;
import io.gridkeep.node.tls.JdbcTlsFactory;
import io.gridkeep.node.tls.TlsStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientAuthenticationException;
import org.apache.ignite.client.ClientConnectionException;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.client.SslMode;
import org.apache.ignite.configuration.ClientConfiguration;
import picocli.CommandLine.Option;

/** Where the client commands connect: {@code --host} and connection timeouts. */
final class ConnectionOptions {
    static final String DEFAULT_HOST = "127.0.0.1:10800";

    /** The prefix under which the JDBC thin driver reads its settings from connection properties (URL parameters need none). */
    private static final String JDBC = "ignite.jdbc.";

    @Option(names = "--host", paramLabel = "HOST[:PORT][,...]", defaultValue = "${env:GRIDKEEP_HOST:-" + DEFAULT_HOST + "}",
        description = "Node(s) to connect to through the thin-client/JDBC port (default: ${DEFAULT-VALUE}; env GRIDKEEP_HOST).")
    String host;

    @Option(names = "--timeout-ms", defaultValue = "10000", paramLabel = "MS",
        description = "How long to wait for a node to accept the connection and to answer each request, SQL statements "
            + "included (default: ${DEFAULT-VALUE}; 0: no limit). A node that does not answer in time ends the command "
            + "with exit 1.")
    int timeoutMs;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "${env:GRIDKEEP_USER}",
        description = "Log in as NAME, for a node started with --auth (default: env GRIDKEEP_USER). The password comes from "
            + "--password-file, env GRIDKEEP_PASSWORD, or the terminal.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the --user password from the first line of FILE.")
    Path passwordFile;

    @Option(names = "--tls-truststore", paramLabel = "FILE", defaultValue = "${env:GRIDKEEP_TLS_TRUSTSTORE}",
        description = "Connect with TLS, trusting the nodes whose certificates this PKCS#12 trust store's CA signed "
            + "(default: env GRIDKEEP_TLS_TRUSTSTORE; plain TCP). Password: env GRIDKEEP_TRUSTSTORE_PASSWORD or FILE.password.")
    Path tlsTruststore;

    @Option(names = "--tls-keystore", paramLabel = "FILE", defaultValue = "${env:GRIDKEEP_TLS_KEYSTORE}",
        description = "Show this PKCS#12 client certificate, for nodes that require one (default: env GRIDKEEP_TLS_KEYSTORE). "
            + "Password: env GRIDKEEP_KEYSTORE_PASSWORD or FILE.password.")
    Path tlsKeystore;

    private char[] password;

    List<String> addresses() {
        return Arrays.stream(host.split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .map(a -> a.contains(":") ? a : a + ":10800").toList();
    }

    /** Opens a thin client, or fails with a message that says which address did not answer. */
    IgniteClient thinClient(String what) {
        ClientConfiguration cfg = new ClientConfiguration()
            .setAddresses(addresses().toArray(String[]::new))
            .setTimeout(timeoutMs);
        if (user != null && !user.isEmpty())
            cfg.setUserName(user).setUserPassword(new String(password(what)));
        if (tlsTruststore != null)
            cfg.setSslMode(SslMode.REQUIRED).setSslContextFactory(tls(what, () -> TlsStores.client(tlsKeystore, tlsTruststore)));
        try {
            return Ignition.startClient(cfg);
        }
        catch (ClientAuthenticationException e) {
            throw refused(what, e);
        }
        catch (ClientConnectionException e) {
            throw notReachable(what, e);
        }
    }

    /** Opens a JDBC thin connection; {@code engine} is null for the node's default SQL engine. */
    Connection jdbc(String what, String engine) {
        String url = jdbcUrl(engine);
        Properties props = new Properties();
        if (timeoutMs < 0)
            throw new UsageException(what, "--timeout-ms is 0 (no limit) or more, not " + timeoutMs, "--timeout-ms");
        // The driver's connectionTimeout bounds the connect and every read after it: a frozen node fails the
        // statement instead of hanging the shell. 0 is the driver's own "no limit".
        props.setProperty(JDBC + "connectionTimeout", Integer.toString(timeoutMs));
        if (user != null && !user.isEmpty()) {
            props.setProperty("user", user);
            props.setProperty("password", new String(password(what)));
        }
        if (tlsTruststore != null) {
            // The driver's own TLS settings insist on a client keystore; JdbcTlsFactory takes the trust store alone.
            tls(what, () -> TlsStores.client(tlsKeystore, tlsTruststore));
            System.setProperty(JdbcTlsFactory.TRUSTSTORE, tlsTruststore.toAbsolutePath().toString());
            if (tlsKeystore != null)
                System.setProperty(JdbcTlsFactory.KEYSTORE, tlsKeystore.toAbsolutePath().toString());
            props.setProperty(JDBC + "sslMode", "require");
            props.setProperty(JDBC + "sslFactory", JdbcTlsFactory.class.getName());
        }
        try {
            Connection c = within(what, () -> DriverManager.getConnection(url, props));
            if (timeoutMs > 0)
                c.setNetworkTimeout(Runnable::run, timeoutMs);
            return c;
        }
        catch (SQLException e) {
            String refusal = handshakeRefusal(e);
            if (refusal != null)
                throw refused(what, refusal, e);
            throw notReachable(what, e);
        }
    }

    /**
     * The driver's handshake reads with no timeout of its own: a node that accepts the connection and then
     * answers nothing (frozen, overloaded) would hang the command. The connect runs on a daemon thread, so
     * that giving up on it lets the JVM exit.
     */
    private <T> T within(String what, Callable<T> connect) throws SQLException {
        if (timeoutMs == 0) {
            try {
                return connect.call();
            }
            catch (SQLException | RuntimeException e) {
                throw e;
            }
            catch (Exception e) {
                throw new SQLException(e);
            }
        }
        FutureTask<T> task = new FutureTask<>(connect);
        Thread t = new Thread(task, "gridkeep-connect");
        t.setDaemon(true);
        t.start();
        try {
            return task.get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            throw noAnswer(what);
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql)
                throw sql;
            if (e.getCause() instanceof RuntimeException re)
                throw re;
            throw new SQLException(e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while connecting", e);
        }
    }

    String jdbcUrl(String engine) {
        String url = "jdbc:ignite:thin://" + String.join(",", addresses());
        return engine == null ? url : url + "?queryEngine=" + engine;
    }

    private static <T> T tls(String what, Supplier<T> make) {
        try {
            return make.get();
        }
        catch (GridKeepException e) {
            throw new GridKeepException(what, e.why(), e.where(), e);
        }
    }

    private char[] password(String what) {
        if (password == null) {
            if (passwordFile != null)
                password = PasswordSource.fromFile(what, passwordFile);
            else if (System.getenv("GRIDKEEP_PASSWORD") != null)
                password = System.getenv("GRIDKEEP_PASSWORD").toCharArray();
            else
                password = PasswordSource.prompt(what, "Password for " + user + ": ", false,
                    "use --password-file or env GRIDKEEP_PASSWORD");
        }
        return password;
    }

    /**
     * The server's reason when the JDBC driver's handshake was rejected (SQLState 08004), which is how
     * a refused login reaches it: {@code Handshake failed [..., err=REASON]}.
     */
    private static String handshakeRefusal(SQLException e) {
        String msg = e.getMessage();
        if (!"08004".equals(e.getSQLState()) || msg == null)
            return null;
        int at = msg.lastIndexOf(", err=");
        if (at < 0 || !msg.endsWith("]"))
            return null;
        String reason = msg.substring(at + ", err=".length(), msg.length() - 1);
        return reason.isBlank() || reason.equals("null") ? null : reason;
    }

    private GridKeepException refused(String what, Exception e) {
        return refused(what, Errors.describe(e), e);
    }

    private GridKeepException refused(String what, String reason, Exception e) {
        String hint = user == null || user.isEmpty() ? "; pass --user NAME (or env GRIDKEEP_USER) and a password" : "";
        return new GridKeepException(what, "login refused: " + reason + hint, String.join(",", addresses()), e);
    }

    private GridKeepException noAnswer(String what) {
        return new GridKeepException(what, "no answer within " + timeoutMs + " ms (--timeout-ms): the node accepted the "
            + "connection but did not reply; it may be frozen, overloaded or shutting down", String.join(",", addresses()));
    }

    private GridKeepException notReachable(String what, Exception e) {
        // The thin client's handshake timeout: the port took the connection, so something listens there.
        if (String.valueOf(e.getMessage()).startsWith("Timeout was reached"))
            return noAnswer(what);
        String hint = tlsTruststore == null
            ? "; is a node running (start one with 'gridkeep node start')? if it has TLS on, pass --tls-truststore FILE"
            : "; is a node running, and does --tls-truststore hold the CA that signed its certificate?";
        return new GridKeepException(what, "cannot connect: " + Errors.describe(e) + hint, String.join(",", addresses()), e);
    }
}
