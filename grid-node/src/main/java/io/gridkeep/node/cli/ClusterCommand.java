package io.gridkeep.node.cli;

import io.gridkeep.node.internal.TextTable;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.client.ClientCacheConfiguration;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.cluster.ClusterState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridkeep cluster status|activate}. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Inspect or activate the cluster.")
final class ClusterCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the cluster state, its nodes (role, addresses), the baseline and every cache with its size.")
    int status(@Mixin ConnectionOptions conn,
               @Option(names = "--metrics",
                   description = "Add top-line figures per server node, read from each node's /metrics endpoint.") boolean metrics) {
        PrintWriter out = spec.commandLine().getOut();
        try (IgniteClient client = conn.thinClient("cluster status")) {
            ClusterState state = client.cluster().state();
            List<ClusterNode> nodes = new ArrayList<>(client.cluster().nodes());
            nodes.sort(Comparator.comparingLong(ClusterNode::order));
            long servers = nodes.stream().filter(n -> !n.isClient()).count();
            ClusterNode coordinator = nodes.stream().filter(n -> !n.isClient()).findFirst().orElse(null);
            Map<String, Boolean> baseline = state == ClusterState.INACTIVE ? null : baseline(conn);

            out.println("state      " + state);
            out.println("servers    " + servers + (nodes.size() > servers ? ", clients " + (nodes.size() - servers) : ""));
            out.println("baseline   " + describeBaseline(baseline));
            out.println();

            TextTable nodeTable = new TextTable("CONSISTENT ID", "ROLE", "ADDRESSES", "CLIENT PORT", "ORDER", "NODE ID");
            for (ClusterNode n : nodes) {
                String role = n.isClient() ? "client" : "server";
                if (n == coordinator)
                    role += ", coordinator";
                if (baseline != null && baseline.containsKey(String.valueOf(n.consistentId())))
                    role += ", baseline";
                Object clientPort = n.attribute("clientListenerPort");
                nodeTable.row(String.valueOf(n.consistentId()), role, String.join(",", new TreeSet<>(n.addresses())),
                    clientPort == null ? "-" : clientPort.toString(), String.valueOf(n.order()), n.id().toString());
            }
            if (baseline != null) {
                for (Map.Entry<String, Boolean> b : baseline.entrySet()) {
                    if (!b.getValue())
                        nodeTable.row(b.getKey(), "baseline, OFFLINE", "-", "-", "-", "-");
                }
            }
            nodeTable.print(out);
            out.println();
            if (metrics) {
                NodeFigures.table(nodes).print(out);
                out.println();
            }

            if (state == ClusterState.INACTIVE) {
                out.println("caches are not available while the cluster is inactive; run 'gridkeep cluster activate'");
            }
            else {
                TextTable cacheTable = new TextTable("CACHE", "MODE", "BACKUPS", "ATOMICITY", "SIZE");
                for (String name : new TreeSet<>(client.cacheNames())) {
                    ClientCacheConfiguration cc = client.cache(name).getConfiguration();
                    String backups = cc.getCacheMode() == CacheMode.REPLICATED ? "all" : String.valueOf(cc.getBackups());
                    cacheTable.row(name, String.valueOf(cc.getCacheMode()), backups, String.valueOf(cc.getAtomicityMode()),
                        String.valueOf(client.cache(name).size()));
                }
                cacheTable.print(out);
            }
        }
        out.flush();
        return 0;
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
        description = "Activate the cluster (needed once after the first start with native persistence).")
    int activate(@Mixin ConnectionOptions conn) {
        PrintWriter out = spec.commandLine().getOut();
        try (IgniteClient client = conn.thinClient("cluster activate")) {
            ClusterState before = client.cluster().state();
            if (before == ClusterState.ACTIVE) {
                out.println("cluster is already ACTIVE");
            }
            else {
                client.cluster().state(ClusterState.ACTIVE);
                out.println("cluster activated (was " + before + ")");
            }
        }
        out.flush();
        return 0;
    }

    /** Consistent id to online flag; empty for an in-memory cluster, which has no baseline. */
    private static Map<String, Boolean> baseline(ConnectionOptions conn) {
        Map<String, Boolean> b = new LinkedHashMap<>();
        try (Connection c = conn.jdbc("cluster status", null);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CONSISTENT_ID, ONLINE FROM SYS.BASELINE_NODES ORDER BY CONSISTENT_ID")) {
            while (rs.next())
                b.put(rs.getString(1), rs.getBoolean(2));
        }
        catch (SQLException e) {
            return null;
        }
        return b;
    }

    private static String describeBaseline(Map<String, Boolean> b) {
        if (b == null)
            return "unknown";
        if (b.isEmpty())
            return "none (in-memory cluster)";
        long online = b.values().stream().filter(Boolean::booleanValue).count();
        return online + " of " + b.size() + " nodes online";
    }
}
