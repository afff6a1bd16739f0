package io.gridkeep.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskAdapter;

/** A task on the servers' class path but not on the allow-list: if it ever runs, it writes the marker file named by its argument. */
public class MarkerTask extends ComputeTaskAdapter<String, Boolean> {
    private static final long serialVersionUID = 1L;

    @Override
    public Map<? extends ComputeJob, ClusterNode> map(List<ClusterNode> subgrid, String marker) {
        write(marker);
        return Map.of(new ComputeJobAdapter() {
            private static final long serialVersionUID = 1L;

            @Override
            public Object execute() {
                write(marker);
                return true;
            }
        }, subgrid.get(0));
    }

    @Override
    public Boolean reduce(List<ComputeJobResult> results) {
        return true;
    }

    static void write(String marker) {
        try {
            Files.writeString(Path.of(marker), "ran");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
