package io.gridkeep.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.CommandResult;
import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.HdfsServer;
import io.gridkeep.testkit.Http;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestDirs;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code config/examples/hdfs.xml} as shipped, against a real HDFS: SQL writes are logged to HDFS by
 * the write-behind, the metrics say so with {@code store="hdfs"}, and a restarted (empty) node loads them back.
 */
@ExtendWith(TestDirs.Extension.class)
class HdfsExampleConfigIT {
    private static final Distribution DIST = Distribution.built();

    private ExternalProcess start(TestDirs dirs, NodeSlot slot, HdfsServer hdfs, String name) {
        return DIST.startNode(name, dirs.logs(), Distribution.nodeStartArgs(slot, dirs.work().resolve("node"),
            "--config", DIST.home().resolve("config/examples/hdfs.xml").toString(),
                "-D", "gridkeep.hdfs.uri=" + hdfs.uri() + "/gridkeep", "-D", "gridkeep.hdfs.flush.interval.ms=300",
                "-D", "gridkeep.export.roots=" + hdfs.uri() + "/exports"), Map.of());
    }

    // The node only has to run while the body talks to it: it is a resource for its close, never referenced.
    @SuppressWarnings("try")
    @Test
    void sqlWritesAreLoggedToHdfsAndAnEmptyNodeLoadsThemBack(TestDirs dirs) throws Exception {
        NodeSlot slot = NodeSlot.forCluster("hdfs-example", 1).get(0);
        try (HdfsServer hdfs = HdfsServer.start(dirs.work("hdfs"));
             FileSystem fs = FileSystem.newInstance(URI.create(hdfs.uri()), new Configuration())) {
            try (ExternalProcess node = start(dirs, slot, hdfs, "hdfs-node-1")) {
                CommandResult ins = DIST.run("sql", "--host", slot.clientAddress(), "-e",
                    "INSERT INTO orders (id, customer, total) VALUES (1, 'ann', 9.5), (2, 'bob', 20.25)");
                assertThat(ins.exitCode()).as(ins.toString()).isZero();

                awaitMetrics(slot, sample("rows_written_total", "2\\.0"));
                // The rows are written before the write-behind takes them off its queue: a scrape may fall in between.
                String metrics = awaitMetrics(slot, sample("pending_entries", "0\\.0"));
                assertThat(metrics).containsPattern(sample("rows_written_total", "2\\.0")).containsPattern(sample("backend_up", "1\\.0"))
                    .containsPattern(sample("bytes_written_total", "[1-9][0-9]*\\.0")).containsPattern(sample("compactions_total", "0\\.0"))
                    .containsPattern(sample("flush_lag_seconds", "[0-9.]+")).containsPattern(sample("failures_total", "0\\.0"));
                assertThat(fs.exists(new Path("/gridkeep/orders"))).isTrue();

                CommandResult status = DIST.run("store", "status", "--host", slot.clientAddress());
                assertThat(status.stdout()).as(status.toString()).contains("orders").contains("hdfs").contains("write-behind");
                node.terminate(Duration.ofSeconds(60));
            }
            try (ExternalProcess node = start(dirs, slot, hdfs, "hdfs-node-2")) {
                CommandResult load = DIST.run("store", "load", "orders", "--host", slot.clientAddress());
                assertThat(load.exitCode()).as(load.toString()).isZero();
                assertThat(load.stdout()).startsWith("loaded orders: 2 entries in the cache (2 new)");
                CommandResult all = DIST.run("sql", "--host", slot.clientAddress(), "--format", "csv", "-e",
                    "SELECT id, customer, total FROM orders ORDER BY id");
                assertThat(all.stdout()).isEqualTo("ID,CUSTOMER,TOTAL\n1,ann,9.5\n2,bob,20.25\n");

                // And out again, as Parquet for Spark, with the cluster read-only meanwhile.
                CommandResult export = DIST.run("store", "export", "orders", "--to", hdfs.uri() + "/exports/orders", "--format", "parquet",
                    "--read-only", "--hadoop", "dfs.replication=1", "--host", slot.clientAddress());
                assertThat(export.exitCode()).as(export.toString()).isZero();
                assertThat(export.stdout())
                    .startsWith("exported orders: 2 rows in 1 Parquet files to " + hdfs.uri() + "/exports/orders");
                assertThat(fs.exists(new Path("/exports/orders/_SUCCESS"))).isTrue();
                CommandResult again = DIST.run("store", "export", "orders", "--to", hdfs.uri() + "/exports/orders",
                    "--host", slot.clientAddress());
                assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
                assertThat(again.stderr()).contains("/exports/orders is not empty");
                CommandResult bad = DIST.run("store", "export", "orders", "--to", "exports", "--host", slot.clientAddress());
                assertThat(bad.exitCode()).isEqualTo(2);
                assertThat(bad.stderr()).contains("has no scheme");
                // The cluster is writable again.
                CommandResult ins = DIST.run("sql", "--host", slot.clientAddress(), "-e",
                    "INSERT INTO orders (id, customer, total) VALUES (3, 'cy', 1.0)");
                assertThat(ins.exitCode()).as(ins.toString()).isZero();
            }
        }
    }

    /** A line of the store's family, with the same labels as the Cassandra store's (plus the node's). */
    private static String sample(String family, String value) {
        return "(?m)^gridkeep_store_" + family + "\\{cache=\"orders\",consistent_id=\"[^\"]+\",node_id=\"[^\"]+\",store=\"hdfs\"} "
            + value + "$";
    }

    /** A scrape of /metrics; a failure message shows only its store lines. */
    private record Scrape(String body) {
        @Override
        public String toString() {
            return "store lines " + body.lines().filter(l -> l.startsWith("gridkeep_store")).toList();
        }
    }

    private static String awaitMetrics(NodeSlot slot, String pattern) {
        Pattern line = Pattern.compile(pattern);
        return Await.every(Duration.ofMillis(200)).until(() -> new Scrape(Http.get(slot.metricsPort(), "/metrics").body()),
            s -> line.matcher(s.body()).find(), Duration.ofSeconds(60), "/" + pattern + "/ on /metrics").body();
    }
}
