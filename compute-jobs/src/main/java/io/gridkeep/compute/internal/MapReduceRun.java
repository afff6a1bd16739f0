package io.gridkeep.compute.internal;

import io.gridkeep.compute.PartitionFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCompute;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.cluster.ClusterTopologyException;
import org.apache.ignite.internal.cluster.ClusterTopologyCheckedException;

/**
 * One map-reduce: a few jobs per server, each processing the partitions that server is primary
 * for, in rounds. A partition is counted when, and only when, a job returns its result; the
 * partitions a round missed (their node died, or they moved) go to their new primary in the next
 * round. The result is exact, or the run fails: it never returns a partial answer.
 */
public final class MapReduceRun<K, V, P> {
    /** Rounds before giving up on partitions that keep moving. */
    static final int MAX_ROUNDS = 20;

    private final Ignite ignite;
    private final Function<ClusterNode, IgniteCompute> computeOn;
    private final String cache;
    private final boolean keepBinary;
    private final PartitionFunction<K, V, P> fn;
    private final int partitions;
    private final Map<Integer, P> results = new ConcurrentHashMap<>();
    private final List<CompletableFuture<?>> running = new CopyOnWriteArrayList<>();
    private final CompletableFuture<List<P>> outcome = new CompletableFuture<>() {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            running.forEach(f -> f.cancel(mayInterruptIfRunning));
            return cancelled;
        }
    };

    public MapReduceRun(Ignite ignite, Function<ClusterNode, IgniteCompute> computeOn, String cache, boolean keepBinary,
                        PartitionFunction<K, V, P> fn) {
        this.ignite = ignite;
        this.computeOn = computeOn;
        this.cache = cache;
        this.keepBinary = keepBinary;
        this.fn = fn;
        this.partitions = ignite.affinity(cache).partitions();
    }

    /** Starts the run; the future holds one result per partition, in partition order. */
    public <R> CompletableFuture<R> start(Function<List<P>, R> reduce) {
        round(1);
        CompletableFuture<R> reduced = outcome.thenApply(reduce);
        return new CompletableFuture<R>() {
            {
                reduced.whenComplete((r, e) -> {
                    if (e != null)
                        completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                    else
                        complete(r);
                });
            }

            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                outcome.cancel(mayInterruptIfRunning);
                return cancelled;
            }
        };
    }

    private void round(int attempt) {
        if (outcome.isDone())
            return;
        List<Integer> missing = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            if (!results.containsKey(p))
                missing.add(p);
        }
        if (missing.isEmpty()) {
            List<P> ordered = new ArrayList<>(partitions);
            for (int p = 0; p < partitions; p++)
                ordered.add(results.get(p));
            outcome.complete(ordered);
            return;
        }
        if (attempt > MAX_ROUNDS) {
            outcome.completeExceptionally(new IgniteException("map-reduce over '" + cache + "' gave up after " + MAX_ROUNDS
                + " rounds: partitions " + new TreeSet<>(missing) + " kept moving or their nodes kept failing"));
            return;
        }
        Map<ClusterNode, List<Integer>> byNode = new HashMap<>();
        for (int p : missing)
            byNode.computeIfAbsent(ignite.affinity(cache).mapPartitionToNode(p), n -> new ArrayList<>()).add(p);
        List<CompletableFuture<?>> jobs = new ArrayList<>();
        for (Map.Entry<ClusterNode, List<Integer>> e : byNode.entrySet()) {
            if (e.getKey() == null) {
                outcome.completeExceptionally(new IgniteException("map-reduce over '" + cache + "': partitions "
                    + e.getValue() + " have no owner (data lost)"));
                return;
            }
            for (List<Integer> chunk : chunks(e.getValue(), Math.max(1, e.getKey().metrics().getTotalCpus()))) {
                CompletableFuture<HashMap<Integer, P>> f = IgniteFutures.toCompletable(
                    computeOn.apply(e.getKey()).callAsync(new NodePartitionsJob<>(cache, chunk, keepBinary, fn)));
                running.add(f);
                jobs.add(f.handle((done, err) -> {
                    running.remove(f);
                    if (err == null)
                        results.putAll(done);
                    else if (!isTopologyChange(err))
                        outcome.completeExceptionally(err);
                    return null;
                }));
            }
        }
        CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).thenRun(() -> {
            boolean incomplete = results.size() < partitions;
            // Partitions left over moved or lost their node: give the cluster a moment to settle on new owners.
            if (incomplete)
                CompletableFuture.delayedExecutor(Math.min(100L * attempt, 1000L), TimeUnit.MILLISECONDS).execute(() -> round(attempt + 1));
            else
                round(attempt + 1);
        });
    }

    private static List<List<Integer>> chunks(List<Integer> parts, int n) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++)
            out.add(new ArrayList<>());
        for (int i = 0; i < parts.size(); i++)
            out.get(i % n).add(parts.get(i));
        out.removeIf(List::isEmpty);
        return out;
    }

    private static boolean isTopologyChange(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClusterTopologyException || t instanceof ClusterTopologyCheckedException)
                return true;
        }
        return false;
    }
}
