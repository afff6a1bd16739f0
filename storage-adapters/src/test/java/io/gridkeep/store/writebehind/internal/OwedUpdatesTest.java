package io.gridkeep.store.writebehind.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OwedUpdatesTest {
    private final OwedUpdates owed = new OwedUpdates();

    @Test
    void aKeyIsOwedAtTheCounterOfItsLastUpdate() {
        owed.record(3, "k", 5);
        owed.record(3, "k", 9);
        owed.record(3, "k", 7);
        assertThat(owed.owed(3)).isEqualTo(Map.of("k", 9L));
        assertThat(owed.size()).isEqualTo(1);
    }

    @Test
    void aWrittenUpdateIsForgottenButNotANewerOne() {
        owed.record(1, "a", 4);
        owed.record(1, "b", 8);
        owed.written(1, "a", 4);
        owed.written(1, "b", 6);
        assertThat(owed.owed(1)).isEqualTo(Map.of("b", 8L));
    }

    @Test
    void aSetIsIncompleteUntilMarkedOrAdopted() {
        owed.record(2, "x", 1);
        assertThat(owed.complete(2)).isFalse();
        owed.adopt(2, Map.of("y", 3L, "x", 0L));
        assertThat(owed.complete(2)).isTrue();
        assertThat(owed.owed(2)).isEqualTo(Map.of("x", 1L, "y", 3L));
        owed.markComplete(4);
        assertThat(owed.complete(4)).isTrue();
    }

    @Test
    void aForgottenPartitionOwesNothingAndIsIncompleteAgain() {
        owed.record(5, "k", 1);
        owed.markComplete(5);
        owed.forget(5);
        assertThat(owed.owed(5)).isEmpty();
        assertThat(owed.complete(5)).isFalse();
    }

    @Test
    void aWriteHeardOfBeforeItsUpdateArrivesKeepsTheUpdateFromBeingOwed() {
        owed.written(1, "k", 5);
        owed.record(1, "k", 5);
        // Once per server's continuous query: the same update may come several times.
        owed.record(1, "k", 5);
        assertThat(owed.owed(1)).isEmpty();
        owed.record(1, "k", 6);
        assertThat(owed.owed(1)).isEqualTo(Map.of("k", 6L));
    }

    @Test
    void anUpdateRecordedAgainAfterItsWriteWasHeardOfStaysForgotten() {
        owed.record(1, "k", 5);
        owed.written(1, "k", 5);
        owed.record(1, "k", 5);
        assertThat(owed.owed(1)).isEmpty();
    }
}
