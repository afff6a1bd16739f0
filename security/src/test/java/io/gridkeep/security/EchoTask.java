package io.gridkeep.security;

import java.util.List;
import java.util.Map;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskAdapter;

/** A task the tests put on the allow-list: answers its argument from one server. */
public class EchoTask extends ComputeTaskAdapter<String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public Map<? extends ComputeJob, ClusterNode> map(List<ClusterNode> subgrid, String arg) {
        return Map.of(new ComputeJobAdapter() {
            private static final long serialVersionUID = 1L;

            @Override
            public Object execute() {
                return "echo:" + arg;
            }
        }, subgrid.get(0));
    }

    @Override
    public String reduce(List<ComputeJobResult> results) throws IgniteException {
        return (String)results.get(0).getData();
    }
}
