package io.gridkeep.store.cassandra.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * How rows are grouped into requests. Replica sets are plain sets of names here: the grouping only
 * compares them, and the driver's own {@code Set<Node>} (from the token map) is compared the same way.
 */
class ReplicaBatchesTest {
    private static final Set<String> A = Set.of("10.0.0.1", "10.0.0.2", "10.0.0.3");
    private static final Set<String> B = Set.of("10.0.0.2", "10.0.0.3", "10.0.0.4");
    private static final Set<String> C = Set.of("10.0.0.4", "10.0.0.5", "10.0.0.1");

    /** Groups rows with these replicas (null: cannot be routed) and value sizes. */
    private static List<List<Integer>> group(Object[] replicas, int[] bytes, int maxRows) {
        List<List<Integer>> out = new ArrayList<>();
        for (int[] g : ReplicaBatches.group(replicas.length, i -> replicas[i], i -> bytes[i], maxRows))
            out.add(Arrays.stream(g).boxed().toList());
        return out;
    }

    private static int[] sizes(int n, int each) {
        int[] b = new int[n];
        Arrays.fill(b, each);
        return b;
    }

    private static Object[] all(int n, Set<String> replicas) {
        Object[] r = new Object[n];
        Arrays.fill(r, replicas);
        return r;
    }

    @Test
    void rowsWithTheSameReplicasGoInOneBatchInTheirOrder() {
        assertThat(group(all(5, A), sizes(5, 40), 10)).containsExactly(List.of(0, 1, 2, 3, 4));
    }

    @Test
    void rowsWithDifferentReplicasNeverShareABatch() {
        List<List<Integer>> got = group(new Object[] {A, B, A, B, C}, sizes(5, 40), 10);
        assertThat(got).containsExactlyInAnyOrder(List.of(0, 2), List.of(1, 3), List.of(4));
    }

    @Test
    void aBatchHoldsAtMostMaxRowsRowsAndTheFullOnesGoFirst() {
        assertThat(group(all(25, A), sizes(25, 40), 10))
            .containsExactly(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), List.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19),
                List.of(20, 21, 22, 23, 24));
    }

    @Test
    void aBatchHoldsAtMost4KibOfValues() {
        // 1,000-byte rows: four fit in 4,096 bytes, a fifth would not, well below batchRows.
        assertThat(group(all(10, A), sizes(10, 1000), 10)).containsExactly(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9));
    }

    @Test
    void valuesOfExactly4KibStillFitOneBatchAndOneByteMoreDoesNot() {
        assertThat(group(all(2, A), new int[] {2048, 2048}, 10)).containsExactly(List.of(0, 1));
        assertThat(group(all(2, A), new int[] {2048, 2049}, 10)).containsExactly(List.of(0), List.of(1));
        assertThat(group(all(2, A), new int[] {4096, 0}, 10)).containsExactly(List.of(0, 1));
    }

    @Test
    void aRowLargerThan4KibGoesAloneAndLeavesTheOpenBatchOpen() {
        List<Integer> asked = new ArrayList<>();
        Object[] replicas = all(3, A);
        IntFunction<Object> replicasOf = i -> {
            asked.add(i);
            return replicas[i];
        };
        int[] bytes = {100, 4097, 100};
        List<List<Integer>> got = new ArrayList<>();
        for (int[] g : ReplicaBatches.group(3, replicasOf, i -> bytes[i], 10))
            got.add(Arrays.stream(g).boxed().toList());

        assertThat(got).containsExactly(List.of(1), List.of(0, 2));
        // Its token is never computed: it goes alone whatever its replicas.
        assertThat(asked).containsExactly(0, 2);
    }

    @Test
    void aRowThatCannotBeRoutedGoesAlone() {
        assertThat(group(new Object[] {A, null, A, null}, sizes(4, 40), 10)).containsExactly(List.of(1), List.of(3), List.of(0, 2));
    }

    @Test
    void maxRowsOfOneSendsEveryRowAlone() {
        assertThat(group(all(3, A), sizes(3, 40), 1)).containsExactly(List.of(0), List.of(1), List.of(2));
    }

    @Test
    void noRowsNoRequests() {
        assertThat(group(new Object[0], new int[0], 10)).isEmpty();
    }

    @Test
    void everyRowIsSentOnceAndABatchClosesOnlyWhenItsNextRowWouldNotFit() {
        Random rnd = new Random(7);
        List<Set<String>> sets = List.of(A, B, C, Set.of("10.0.0.9"));
        for (int round = 0; round < 200; round++) {
            int n = 1 + rnd.nextInt(300);
            int maxRows = 2 + rnd.nextInt(12);
            Object[] replicas = new Object[n];
            int[] bytes = new int[n];
            for (int i = 0; i < n; i++) {
                replicas[i] = rnd.nextInt(20) == 0 ? null : sets.get(rnd.nextInt(sets.size()));
                bytes[i] = rnd.nextInt(10) == 0 ? 4000 + rnd.nextInt(200) : rnd.nextInt(1200);
            }
            List<List<Integer>> got = group(replicas, bytes, maxRows);

            List<Integer> seen = new ArrayList<>();
            got.forEach(seen::addAll);
            assertThat(seen).as("round %d", round).containsExactlyInAnyOrderElementsOf(IntStream.range(0, n).boxed().toList());

            Map<Object, List<List<Integer>>> bySet = new HashMap<>();
            for (List<Integer> g : got) {
                int total = g.stream().mapToInt(i -> bytes[i]).sum();
                if (g.size() > 1) {
                    assertThat(g).as("round %d: one replica set per batch", round)
                        .allMatch(i -> replicas[i] != null && replicas[i].equals(replicas[g.get(0)]));
                    assertThat(g.size()).as("round %d: rows per batch", round).isLessThanOrEqualTo(maxRows);
                    assertThat(total).as("round %d: bytes per batch", round).isLessThanOrEqualTo(4096);
                }
                assertThat(g).as("round %d: rows in their order", round).isSorted();
                if (replicas[g.get(0)] != null && total <= 4096)
                    bySet.computeIfAbsent(replicas[g.get(0)], x -> new ArrayList<>()).add(g);
            }
            // Of one replica set, each batch was closed because the row after it would not fit.
            for (List<List<Integer>> batches : bySet.values()) {
                for (int k = 0; k + 1 < batches.size(); k++) {
                    List<Integer> closed = batches.get(k);
                    int next = batches.get(k + 1).get(0);
                    assertThat(next).as("round %d: batches of a replica set in row order", round)
                        .isGreaterThan(closed.get(closed.size() - 1));
                    int total = closed.stream().mapToInt(i -> bytes[i]).sum();
                    assertThat(closed.size() == maxRows || total + bytes[next] > 4096)
                        .as("round %d: batch %s closed with room for row %d (%d bytes)", round, closed, next, bytes[next]).isTrue();
                }
            }
        }
    }

    @Test
    void valueBytesCountsWhatEachValueHoldsAndNothingForANullOne() {
        ByteBuffer slice = ByteBuffer.wrap(new byte[100], 20, 30);
        assertThat(ReplicaBatches.valueBytes(Arrays.asList(ByteBuffer.wrap(new byte[10]), null, slice))).isEqualTo(40);
        assertThat(ReplicaBatches.valueBytes(List.of())).isZero();
    }
}
