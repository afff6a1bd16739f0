package io.gridkeep.compute.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class IgniteFuturesTest {
    @Test
    void allOfKeepsTheOrderOfItsParts() {
        CompletableFuture<Integer> a = new CompletableFuture<>();
        CompletableFuture<Integer> b = new CompletableFuture<>();
        CompletableFuture<List<Integer>> all = IgniteFutures.allOf(List.of(a, b));
        b.complete(2);
        a.complete(1);
        assertThat(all.join()).containsExactly(1, 2);
    }

    @Test
    void aFailingPartFailsTheWholeAndCancelsTheRest() {
        CompletableFuture<Integer> a = new CompletableFuture<>();
        CompletableFuture<Integer> b = new CompletableFuture<>();
        CompletableFuture<List<Integer>> all = IgniteFutures.allOf(List.of(a, b));
        a.completeExceptionally(new IllegalStateException("boom"));
        assertThatThrownBy(all::join).isInstanceOf(CompletionException.class).hasRootCauseMessage("boom");
        assertThat(b).isCancelled();
    }

    @Test
    void cancellingTheWholeCancelsEveryPart() {
        CompletableFuture<Integer> a = new CompletableFuture<>();
        CompletableFuture<List<Integer>> all = IgniteFutures.allOf(List.of(a));
        assertThat(all.cancel(true)).isTrue();
        assertThat(a).isCancelled();
        assertThatThrownBy(all::join).isInstanceOf(CancellationException.class);
    }
}
