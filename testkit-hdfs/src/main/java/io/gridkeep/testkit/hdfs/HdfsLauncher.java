package io.gridkeep.testkit.hdfs;

import java.io.File;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * Main class of the test HDFS JVM (started by testkit's HdfsServer): one NameNode and one DataNode
 * on loopback, on the given ports, storage under BASE. Formats on the first start only, so data survives a restart.
 *
 * <p>Arguments: BASE directory, NameNode RPC port, NameNode HTTP port, {@code format} or {@code keep},
 * and optionally the DataNode's data, HTTP and IPC ports (default: ephemeral).
 *
 * <p>Faults for tests: a file {@code BASE/control/stop-datanode} stops the DataNode (the NameNode
 * stays up), {@code start-datanode} starts it again on its ports with its data; each prints
 * {@code hdfs datanode stopped #N} / {@code hdfs datanode started #N} when done.
 */
public final class HdfsLauncher {
    private HdfsLauncher() {
    }

    public static void main(String[] args) throws Exception {
        File base = new File(args[0]);
        int rpc = Integer.parseInt(args[1]);
        int http = Integer.parseInt(args[2]);
        boolean format = args[3].equals("format");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getAbsolutePath());
        boolean dnPorts = args.length >= 7;
        conf.set("dfs.datanode.address", "127.0.0.1:" + (dnPorts ? args[4] : "0"));
        conf.set("dfs.datanode.http.address", "127.0.0.1:" + (dnPorts ? args[5] : "0"));
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:" + (dnPorts ? args[6] : "0"));
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        conf.set("dfs.namenode.http-bind-host", "127.0.0.1");
        conf.setInt("dfs.replication", 1);
        conf.set("dfs.client.block.write.replace-datanode-on-failure.policy", "NEVER");
        conf.setBoolean("dfs.permissions.enabled", false);
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, base)
            .nameNodePort(rpc).nameNodeHttpPort(http).numDataNodes(1).format(format).manageNameDfsDirs(true)
            // Without this, MiniDFSCluster replaces the DataNode addresses above with ephemeral ones.
            .checkDataNodeAddrConfig(true).build();
        cluster.waitActive();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::shutdown, "hdfs-shutdown"));
        System.out.println("hdfs ready on hdfs://127.0.0.1:" + rpc + " webhdfs http://127.0.0.1:" + http);
        System.out.flush();
        File control = new File(base, "control");
        control.mkdirs();
        MiniDFSCluster.DataNodeProperties stopped = null;
        int n = 0;
        while (true) {
            Thread.sleep(100);
            File stop = new File(control, "stop-datanode");
            File start = new File(control, "start-datanode");
            if (stop.delete() && stopped == null) {
                stopped = cluster.stopDataNode(0);
                System.out.println("hdfs datanode stopped #" + ++n);
                System.out.flush();
            }
            if (start.delete() && stopped != null) {
                cluster.restartDataNode(stopped, true);
                cluster.waitActive();
                stopped = null;
                System.out.println("hdfs datanode started #" + n);
                System.out.flush();
            }
        }
    }
}
