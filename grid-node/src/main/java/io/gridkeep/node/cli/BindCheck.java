package io.gridkeep.node.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Secure by default beyond loopback: a node bound to an address other hosts can reach refuses to
 * start without TLS (so that only nodes with the cluster's certificate join) and authentication
 * (so that only users log in), unless the operator says {@code --insecure}. Like Redis's protected
 * mode, a node on loopback stays open: only this host reaches it.
 */
final class BindCheck {
    private BindCheck() {
    }

    static void refuseOpenDoors(Map<String, String> placeholders, boolean insecure) {
        if (insecure)
            return;
        String host = placeholders.getOrDefault("gridkeep.local.host", System.getenv().getOrDefault("GRIDKEEP_LOCAL_HOST", "127.0.0.1"));
        if (isLoopback(host))
            return;
        boolean tls = !placeholders.getOrDefault("gridkeep.tls.keystore", "").isBlank();
        boolean auth = "true".equals(placeholders.get("gridkeep.security.authentication"));
        if (tls && auth)
            return;
        String missing = !tls && !auth ? "TLS and authentication" : !tls ? "TLS" : "authentication";
        throw new UsageException("node start", "--bind " + host + " is reachable from other hosts, and " + missing + " is off: "
            + "create certificates with 'gridkeep certs create-ca --dir DIR' and 'gridkeep certs issue --ca DIR --name NODE --ip "
            + host + "', add a user with 'gridkeep user add NAME', then start with --tls-keystore DIR/NODE.p12 --auth "
            + "(or --insecure to run without)", "docs/security.md");
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        }
        catch (UnknownHostException e) {
            return false;
        }
    }
}
