package io.gridkeep.compute;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.ignite.IgniteException;
import org.apache.ignite.client.ClientCompute;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.compute.ComputeTask;

/**
 * Runs {@link ComputeTask}s deployed on the servers (the built-in tasks of
 * {@code io.gridkeep.compute.tasks}, or your own jar in the servers' {@code lib/}) from a thin
 * client. Thin clients cannot ship closures; the task runs on a server and may use
 * {@link GridCompute} there. The servers must allow thin-client compute
 * ({@code ThinClientConfiguration.maxActiveComputeTasksPerConnection > 0}, as GridKeep's default
 * configuration does).
 *
 * <pre>{@code
 * try (IgniteClient client = Ignition.startClient(new ClientConfiguration().setAddresses("127.0.0.1:10800"))) {
 *     TableResult top = ThinGridCompute.on(client).withTimeout(Duration.ofMinutes(1))
 *         .execute(TopKTask.class, new TopKTask.Arg("SQL_PUBLIC_CITY", "POPULATION", 5));
 * }
 * }</pre>
 */
public final class ThinGridCompute {
    private final IgniteClient client;
    private final long timeoutMs;

    private ThinGridCompute(IgniteClient client, long timeoutMs) {
        this.client = client;
        this.timeoutMs = timeoutMs;
    }

    /** A facade over {@code client}'s compute on all server nodes, with no timeout. */
    public static ThinGridCompute on(IgniteClient client) {
        return new ThinGridCompute(client, 0);
    }

    /** The same facade with a timeout per task; zero means none. */
    public ThinGridCompute withTimeout(Duration timeout) {
        return new ThinGridCompute(client, timeout.toMillis());
    }

    /** Runs {@code task} with {@code arg} and waits for its result. */
    public <A, R> R execute(Class<? extends ComputeTask<A, R>> task, A arg) {
        try {
            return executeAsync(task, arg).get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IgniteException("interrupted while waiting for " + task.getName(), e);
        }
        catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IgniteException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Starts {@code task}; cancelling the future cancels the task on the server. */
    public <A, R> CompletableFuture<R> executeAsync(Class<? extends ComputeTask<A, R>> task, A arg) {
        ClientCompute compute = client.compute(client.cluster().forServers());
        if (timeoutMs > 0)
            compute = compute.withTimeout(timeoutMs);
        var started = compute.<A, R>executeAsync2(task.getName(), arg);
        CompletableFuture<R> f = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                started.cancel(true);
                return cancelled;
            }
        };
        started.whenComplete((r, e) -> {
            if (e != null)
                f.completeExceptionally(e);
            else
                f.complete(r);
        });
        return f;
    }
}
