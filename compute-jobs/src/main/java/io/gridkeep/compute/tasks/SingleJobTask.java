package io.gridkeep.compute.tasks;

import java.util.List;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeJobResultPolicy;
import org.apache.ignite.compute.ComputeTaskAdapter;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * A task whose one job runs on a server and drives a map-reduce over partitions from there, so
 * that a thin client (which cannot send closures) can start it by class name.
 */
abstract class SingleJobTask<A> extends ComputeTaskAdapter<A, TableResult> {
    private static final long serialVersionUID = 1L;

    /** Computes the result for {@code arg} on the server {@code ignite}; runs inside the task's one job. */
    abstract TableResult compute(Ignite ignite, A arg);

    @Override
    public Map<? extends ComputeJob, ClusterNode> map(List<ClusterNode> subgrid, A arg) {
        if (arg == null)
            throw new IgniteException(getClass().getSimpleName() + " needs an argument");
        ClusterNode server = subgrid.stream().filter(n -> !n.isClient()).findFirst()
            .orElseThrow(() -> new IgniteException("no server node to run " + getClass().getSimpleName() + " on"));
        return Map.of(new Driver<>(this, arg), server);
    }

    @Override
    public ComputeJobResultPolicy result(ComputeJobResult res, List<ComputeJobResult> rcvd) {
        // The job drives partition jobs that fail over on their own; a lost driver fails the task.
        if (res.getException() != null)
            throw res.getException();
        return ComputeJobResultPolicy.WAIT;
    }

    @Override
    public TableResult reduce(List<ComputeJobResult> results) {
        return results.get(0).getData();
    }

    /** The one job: carries the (stateless) task and its argument to a server and computes there. */
    private static final class Driver<A> extends ComputeJobAdapter {
        private static final long serialVersionUID = 1L;
        private final SingleJobTask<A> task;
        private final A arg;

        @IgniteInstanceResource
        private transient Ignite ignite;

        Driver(SingleJobTask<A> task, A arg) {
            this.task = task;
            this.arg = arg;
        }

        @Override
        public Object execute() {
            return task.compute(ignite, arg);
        }
    }
}
