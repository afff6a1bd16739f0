package io.gridkeep.compute;

import io.gridkeep.compute.internal.Closures;
import io.gridkeep.compute.internal.IgniteFutures;
import io.gridkeep.compute.internal.MapReduceRun;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCompute;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterGroup;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.lang.IgniteCallable;

/**
 * Runs code next to the data, from a server or thick client node: on the node that owns a key, on
 * every server, on one server picked by a {@link NodePicker}, or as map-reduce over every
 * partition of a cache, each partition processed on its primary node and only results sent back.
 * Every call has a blocking and a {@link CompletableFuture} form; cancelling the future cancels
 * the jobs. Closures the servers do not have travel by peer class loading.
 *
 * <pre>{@code
 * GridCompute compute = GridCompute.on(ignite).withTimeout(Duration.ofSeconds(30));
 *
 * // On the primary node of key 42, with its partition reserved while the job runs:
 * String v = compute.callColocated("orders", 42, () -> Ignition.localIgnite().<Integer, String>cache("orders").localPeek(42));
 *
 * // Map-reduce: count the entries of every partition where it lives, add the counts here.
 * long total = compute.mapReduce("orders", (partition, entries) -> {
 *     long n = 0;
 *     for (; entries.hasNext(); entries.next())
 *         n++;
 *     return n;
 * }, counts -> counts.stream().mapToLong(Long::longValue).sum());
 * }</pre>
 *
 * <p>Failures: a closure that throws surfaces as an {@link IgniteException} whose cause chain holds
 * the remote exception with its message and stack; a closure that cannot be serialized is refused
 * with an {@link IllegalArgumentException} before anything is sent; a job past its timeout is
 * cancelled and fails with {@code ComputeTaskTimeoutException}. A node that dies while running
 * a colocated or map-reduce job has the job retried on the partition's new primary, so every
 * partition is counted once; when that is impossible the call fails rather than return a partial
 * result.
 */
public final class GridCompute {
    private final Ignite ignite;
    private final long timeoutMs;
    private final boolean keepBinary;

    private GridCompute(Ignite ignite, long timeoutMs, boolean keepBinary) {
        this.ignite = ignite;
        this.timeoutMs = timeoutMs;
        this.keepBinary = keepBinary;
    }

    /** A facade over {@code ignite}'s compute, targeting server nodes, with no timeout. */
    public static GridCompute on(Ignite ignite) {
        return new GridCompute(ignite, 0, false);
    }

    /** The same facade with a timeout for every job it submits; zero means none. */
    public GridCompute withTimeout(Duration timeout) {
        if (timeout.isNegative())
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        return new GridCompute(ignite, timeout.toMillis(), keepBinary);
    }

    /**
     * The same facade, handing {@link PartitionFunction}s values as {@code BinaryObject}s: no
     * value class needed on the servers, and no deserialization cost.
     */
    public GridCompute withKeepBinary() {
        return new GridCompute(ignite, timeoutMs, true);
    }

    // ---- colocated ----

    /** Runs {@code job} on the primary node of {@code key} in {@code cache}, its partition reserved meanwhile. */
    public <R> R callColocated(String cache, Object key, IgniteCallable<R> job) {
        return join(callColocatedAsync(cache, key, job));
    }

    /** Asynchronous {@link #callColocated}. */
    public <R> CompletableFuture<R> callColocatedAsync(String cache, Object key, IgniteCallable<R> job) {
        Closures.requireSerializable(job);
        return IgniteFutures.toCompletable(compute(servers()).affinityCallAsync(cache, key, job));
    }

    // ---- broadcast ----

    /** Runs {@code job} once on every server node and returns every result. */
    public <R> Collection<R> broadcast(IgniteCallable<R> job) {
        return join(broadcastAsync(job));
    }

    /** Asynchronous {@link #broadcast}. */
    public <R> CompletableFuture<Collection<R>> broadcastAsync(IgniteCallable<R> job) {
        Closures.requireSerializable(job);
        return IgniteFutures.toCompletable(compute(servers()).broadcastAsync(job));
    }

    // ---- one node ----

    /** Runs {@code job} on the one server node {@code picker} chooses. */
    public <R> R call(NodePicker picker, IgniteCallable<R> job) {
        return join(callAsync(picker, job));
    }

    /** Asynchronous {@link #call}. */
    public <R> CompletableFuture<R> callAsync(NodePicker picker, IgniteCallable<R> job) {
        Closures.requireSerializable(job);
        Collection<ClusterNode> nodes = servers().nodes();
        if (nodes.isEmpty())
            throw new IgniteException("no server node in the cluster to run the job on");
        ClusterNode node = picker.pick(nodes);
        return IgniteFutures.toCompletable(compute(ignite.cluster().forNode(node)).callAsync(job));
    }

    // ---- map-reduce ----

    /**
     * Applies {@code map} to every partition of {@code cache} on that partition's primary node,
     * then {@code reduce} here to the list of partial results, one per partition, in partition order.
     */
    public <K, V, P, R> R mapReduce(String cache, PartitionFunction<K, V, P> map, Function<List<P>, R> reduce) {
        return join(mapReduceAsync(cache, map, reduce));
    }

    /** Asynchronous {@link #mapReduce}; cancelling the future cancels every partition job. */
    public <K, V, P, R> CompletableFuture<R> mapReduceAsync(String cache, PartitionFunction<K, V, P> map,
                                                            Function<List<P>, R> reduce) {
        Closures.requireSerializable(map);
        if (ignite.cache(cache) == null)
            throw new IllegalArgumentException("unknown cache '" + cache + "'");
        // A few jobs per server, each over the partitions that server is primary for: a job per
        // partition would cost more in job overhead than the scan itself for small partitions.
        return new MapReduceRun<K, V, P>(ignite, node -> compute(ignite.cluster().forNode(node)), cache, keepBinary, map)
            .start(reduce);
    }

    private ClusterGroup servers() {
        return ignite.cluster().forServers();
    }

    private IgniteCompute compute(ClusterGroup group) {
        IgniteCompute c = ignite.compute(group);
        return timeoutMs > 0 ? c.withTimeout(timeoutMs) : c;
    }

    /** Waits and rethrows the job's own failure, not an ExecutionException around it. */
    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get();
        }
        catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IgniteException("interrupted while waiting for a compute job", e);
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re)
                throw re;
            if (cause instanceof Error err)
                throw err;
            throw new IgniteException(cause.getMessage(), cause);
        }
    }
}
