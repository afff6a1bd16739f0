package io.gridkeep.store.internal;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** The Hadoop client configuration of the HDFS store and of the Parquet export: GridKeep's defaults, then the user's properties. */
public final class HadoopConf {
    private HadoopConf() {
    }

    /** GridKeep's client defaults with {@code properties} over them. */
    public static Configuration of(Map<String, String> properties) {
        Configuration c = new Configuration();
        // Creating or closing a file waits this long before its first retry: 400 ms by default, measured ~220 ms per file.
        c.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 20);
        // A NameNode or DataNode that is down must fail a batch in seconds (the write-behind retries it), not hang the flusher for minutes.
        c.setInt("ipc.client.connect.max.retries", 2);
        c.setInt("ipc.client.connect.max.retries.on.timeouts", 2);
        c.setInt("ipc.client.connect.retry.interval", 500);
        c.setInt("ipc.client.connect.timeout", 5000);
        c.setInt("dfs.client.socket-timeout", 15_000);
        c.setBoolean("dfs.client.retry.policy.enabled", false);
        c.setInt("dfs.client.failover.max.attempts", 2);
        for (Map.Entry<String, String> e : properties.entrySet())
            c.set(e.getKey(), e.getValue());
        return c;
    }
}
