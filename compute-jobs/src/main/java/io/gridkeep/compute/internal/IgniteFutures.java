package io.gridkeep.compute.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.ignite.lang.IgniteFuture;

/** Bridges Ignite's futures to {@link CompletableFuture}, with cancellation going back to Ignite. */
public final class IgniteFutures {
    private IgniteFutures() {
    }

    /** A future completed by {@code f}; cancelling it cancels {@code f}. */
    public static <T> CompletableFuture<T> toCompletable(IgniteFuture<T> f) {
        CompletableFuture<T> cf = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                // Cancel this future first: cancelling Ignite's completes it, and its listener would win.
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                f.cancel();
                return cancelled;
            }
        };
        f.listen(done -> {
            try {
                cf.complete(done.get());
            }
            catch (Throwable e) {
                cf.completeExceptionally(e);
            }
        });
        return cf;
    }

    /**
     * All results in order; fails as soon as one part fails (cancelling the others), and
     * cancelling the result cancels every part.
     */
    public static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> parts) {
        CompletableFuture<List<T>> all = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                parts.forEach(p -> p.cancel(mayInterruptIfRunning));
                return cancelled;
            }
        };
        for (CompletableFuture<T> p : parts) {
            p.whenComplete((r, e) -> {
                if (e != null && all.completeExceptionally(e))
                    parts.forEach(other -> other.cancel(true));
            });
        }
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
            if (e != null)
                return;
            List<T> results = new ArrayList<>(parts.size());
            for (CompletableFuture<T> p : parts)
                results.add(p.join());
            all.complete(results);
        });
        return all;
    }
}
