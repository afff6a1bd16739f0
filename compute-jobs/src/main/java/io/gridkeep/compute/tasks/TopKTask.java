package io.gridkeep.compute.tasks;

import io.gridkeep.compute.GridCompute;
import io.gridkeep.compute.internal.Fields;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.ignite.Ignite;

/**
 * The K entries with the largest value of a numeric field: each partition keeps its own top K
 * where it lives, only those travel, and the K best of them are returned. Ties are broken by
 * key text, so the answer is deterministic. Result columns: KEY, VALUE, largest first.
 *
 * <pre>{@code
 * TableResult biggest = client.compute().execute(TopKTask.class.getName(), new TopKTask.Arg("SQL_PUBLIC_CITY", "POPULATION", 5));
 * }</pre>
 */
public final class TopKTask extends SingleJobTask<TopKTask.Arg> {
    private static final long serialVersionUID = 1L;

    /** The order of the result: largest value first, then key text. */
    public static final Comparator<Object[]> ORDER = Comparator.<Object[], BigDecimal>comparing(r -> (BigDecimal)r[1]).reversed()
        .thenComparing(r -> String.valueOf(r[0]));

    /** Which cache, which numeric field, how many entries. */
    public static final class Arg implements Serializable {
        private static final long serialVersionUID = 1L;
        public String cache;
        public String field;
        public int k = 10;

        public Arg() {
        }

        public Arg(String cache, String field, int k) {
            this.cache = cache;
            this.field = field;
            this.k = k;
        }
    }


    /** The first {@code k} of {@code rows} ({@code [key text, BigDecimal value]}) in {@link #ORDER}. */
    public static ArrayList<Object[]> best(List<Object[]> rows, int k) {
        return new ArrayList<>(rows.stream().sorted(ORDER).limit(k).toList());
    }

    @Override
    TableResult compute(Ignite ignite, Arg arg) {
        String field = arg.field;
        int k = arg.k;
        List<Object[]> top = GridCompute.on(ignite).withKeepBinary().<Object, Object, ArrayList<Object[]>, List<Object[]>>mapReduce(
            arg.cache,
            (partition, entries) -> {
                List<Object[]> rows = new ArrayList<>();
                while (entries.hasNext()) {
                    var e = entries.next();
                    BigDecimal v = Fields.number(Fields.read(e.getValue(), field));
                    if (v != null) {
                        rows.add(new Object[] {String.valueOf(e.getKey()), v});
                        // Keep memory bounded on big partitions: trim to K whenever the list doubles.
                        if (rows.size() >= 2 * k + 64)
                            rows = best(rows, k);
                    }
                }
                return best(rows, k);
            },
            parts -> {
                List<Object[]> all = new ArrayList<>();
                parts.forEach(all::addAll);
                return best(all, k);
            });
        List<Object[]> rows = new ArrayList<>();
        for (Object[] r : top)
            rows.add(new Object[] {r[0], ((BigDecimal)r[1]).stripTrailingZeros()});
        return new TableResult(new String[] {"KEY", "VALUE"}, rows);
    }
}
