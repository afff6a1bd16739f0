package io.gridkeep.store.cassandra.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.gridkeep.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests sent with a bound on those in flight, and the outcome of a write. The requests go to a
 * function that stands for the session's {@code executeAsync} and answers when the test says.
 */
class InFlightDispatcherTest {
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final InFlightDispatcher.Listener listener = new InFlightDispatcher.Listener() {
        @Override
        public void written(int rows) {
            written.addAndGet(rows);
        }

        @Override
        public void failed() {
            failed.incrementAndGet();
        }
    };
    /** The answers of the requests sent so far, in the order they were sent. */
    private final List<CompletableFuture<Object>> sent = new CopyOnWriteArrayList<>();
    private final Function<Statement<?>, CompletionStage<Object>> send = st -> {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        sent.add(answer);
        return answer;
    };
    private Thread sender;

    @AfterEach
    void answerTheRest() throws InterruptedException {
        sent.forEach(f -> f.complete("late"));
        if (sender != null)
            sender.join(10_000);
    }

    /** Requests of {@code rows[i]} rows each, rows numbered in order. */
    private static List<ReplicaBatches.Request> requests(int... rows) {
        List<ReplicaBatches.Request> out = new ArrayList<>();
        int next = 0;
        for (int n : rows) {
            int[] idx = new int[n];
            for (int i = 0; i < n; i++)
                idx[i] = next++;
            out.add(new ReplicaBatches.Request(SimpleStatement.newInstance("INSERT " + idx[0]), idx));
        }
        return out;
    }

    /** Dispatches on a thread of its own, since dispatching waits for permits. */
    private CompletableFuture<InFlightDispatcher.Outcome> dispatchAside(InFlightDispatcher d, int rows, List<ReplicaBatches.Request> r) {
        CompletableFuture<InFlightDispatcher.Outcome> out = new CompletableFuture<>();
        sender = new Thread(() -> d.dispatch(rows, r, send).whenComplete((o, e) -> out.complete(o)), "test-sender");
        // A sender left waiting for a permit, when a test fails, must not keep the test JVM alive.
        sender.setDaemon(true);
        sender.start();
        return out;
    }

    @Test
    void noMoreThanMaxInFlightRequestsAreOutAtOnceAndAnAnswerLetsTheNextOneGo() throws Exception {
        InFlightDispatcher d = new InFlightDispatcher(2, listener);

        dispatchAside(d, 5, requests(1, 1, 1, 1, 1));

        Await.until(() -> sent.size() == 2, Duration.ofSeconds(10), "two requests out");
        Await.holds(() -> sent.size() == 2, Duration.ofMillis(300), "no third request before an answer");
        sent.get(0).complete("ok");
        Await.until(() -> sent.size() == 3, Duration.ofSeconds(10), "the third request out after the first answer");
    }

    @Test
    void theBoundIsSharedByEveryCallerOfTheDispatcher() throws Exception {
        InFlightDispatcher d = new InFlightDispatcher(2, listener);
        d.dispatch(1, requests(1), send);

        dispatchAside(d, 3, requests(1, 1, 1));

        Await.until(() -> sent.size() == 2, Duration.ofSeconds(10), "one more request out");
        Await.holds(() -> sent.size() == 2, Duration.ofMillis(300), "the other caller's request holds a permit");
    }

    @Test
    void theOutcomeCompletesOnlyOnceEveryRequestHasAnAnswer() {
        InFlightDispatcher d = new InFlightDispatcher(10, listener);

        CompletableFuture<InFlightDispatcher.Outcome> out = d.dispatch(3, requests(2, 1), send);
        sent.get(1).complete("ok");

        assertThat(out).isNotDone();
        sent.get(0).complete("ok");
        assertThat(out).isCompleted();
        assertThat(out.join().ok()).containsExactly(true, true, true);
        assertThat(out.join().first()).isNull();
    }

    @Test
    void theRowsOfAFailedRequestAreNotWrittenAndItsFailureIsTheFirst() {
        InFlightDispatcher d = new InFlightDispatcher(10, listener);
        RuntimeException timeout = new RuntimeException("write timeout");

        CompletableFuture<InFlightDispatcher.Outcome> out = d.dispatch(5, requests(2, 1, 2), send);
        sent.get(0).complete("ok");
        sent.get(1).completeExceptionally(timeout);
        sent.get(2).completeExceptionally(new RuntimeException("later failure"));

        assertThat(out.join().ok()).containsExactly(true, true, false, false, false);
        assertThat(out.join().first()).isSameAs(timeout);
        assertThat(out.join().failed()).isEqualTo(3);
        assertThat(written).hasValue(2);
        assertThat(failed).as("failed requests, not rows").hasValue(2);
    }

    @Test
    void aFailedRequestGivesItsPermitBack() throws Exception {
        InFlightDispatcher d = new InFlightDispatcher(1, listener);
        d.dispatch(1, requests(1), send);
        sent.get(0).completeExceptionally(new RuntimeException("unavailable"));

        dispatchAside(d, 1, requests(1));

        Await.until(() -> sent.size() == 2, Duration.ofSeconds(10), "the next request out on the permit the failure gave back");
    }

    @Test
    void noRequestsCompleteAtOnceWithNothingWritten() {
        CompletableFuture<InFlightDispatcher.Outcome> out = new InFlightDispatcher(1, listener).dispatch(0, List.of(), send);

        assertThat(out).isCompleted();
        assertThat(out.join().ok()).isEmpty();
        assertThat(out.join().first()).isNull();
    }

    @Test
    void removingWhatSucceededLeavesTheFailedItemsInTheirOrder() {
        InFlightDispatcher.Outcome out = new InFlightDispatcher.Outcome(new boolean[] {true, false, true, false}, new RuntimeException());
        List<String> items = new ArrayList<>(List.of("a", "b", "c", "d"));

        assertThat(out.removeSucceeded(items)).isEqualTo(2);
        assertThat(items).containsExactly("b", "d");
    }
}
