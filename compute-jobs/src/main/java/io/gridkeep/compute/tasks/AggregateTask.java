package io.gridkeep.compute.tasks;

import io.gridkeep.compute.GridCompute;
import io.gridkeep.compute.internal.Fields;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ignite.Ignite;

/**
 * Group-by aggregation as map-reduce: COUNT, SUM, MIN, MAX and AVG of a numeric field grouped by
 * another field, each partition aggregated where it lives. Sums are exact ({@link BigDecimal}, as are the result's numbers),
 * so the result does not depend on the order partitions finish in. Entries whose numeric field
 * is missing or not a number are left out. Result columns: GROUP, COUNT, SUM, MIN, MAX, AVG,
 * ordered by group.
 *
 * <pre>{@code
 * TableResult byCountry = client.compute().execute(AggregateTask.class.getName(),
 *     new AggregateTask.Arg("SQL_PUBLIC_CITY", "COUNTRY", "POPULATION"));
 * }</pre>
 */
public final class AggregateTask extends SingleJobTask<AggregateTask.Arg> {
    private static final long serialVersionUID = 1L;

    /** Which cache, the field to group by, the numeric field to aggregate. */
    public static final class Arg implements Serializable {
        private static final long serialVersionUID = 1L;
        public String cache;
        public String groupBy;
        public String field;

        public Arg() {
        }

        public Arg(String cache, String groupBy, String field) {
            this.cache = cache;
            this.groupBy = groupBy;
            this.field = field;
        }
    }

    /** Running aggregates of one group. */
    public static final class Acc implements Serializable {
        private static final long serialVersionUID = 1L;
        long count;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal min;
        BigDecimal max;

        public void add(BigDecimal v) {
            count++;
            sum = sum.add(v);
            min = min == null || v.compareTo(min) < 0 ? v : min;
            max = max == null || v.compareTo(max) > 0 ? v : max;
        }

        void merge(Acc o) {
            count += o.count;
            sum = sum.add(o.sum);
            min = min == null || (o.min != null && o.min.compareTo(min) < 0) ? o.min : min;
            max = max == null || (o.max != null && o.max.compareTo(max) > 0) ? o.max : max;
        }
    }


    /** Folds one value into {@code groups}; shared with tests. */
    public static void accumulate(Object value, String groupBy, String field, Map<String, Acc> groups) {
        BigDecimal v = Fields.number(Fields.read(value, field));
        if (v == null)
            return;
        groups.computeIfAbsent(String.valueOf(Fields.read(value, groupBy)), g -> new Acc()).add(v);
    }

    /** The result table for {@code groups}, ordered by group. */
    public static TableResult table(Map<String, Acc> groups) {
        List<Object[]> rows = new ArrayList<>();
        groups.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder())).forEach(e -> {
            Acc a = e.getValue();
            rows.add(new Object[] {e.getKey(), a.count, a.sum.stripTrailingZeros(), a.min.stripTrailingZeros(), a.max.stripTrailingZeros(),
                a.sum.divide(BigDecimal.valueOf(a.count), MathContext.DECIMAL64).stripTrailingZeros()});
        });
        return new TableResult(new String[] {"GROUP", "COUNT", "SUM", "MIN", "MAX", "AVG"}, rows);
    }

    @Override
    TableResult compute(Ignite ignite, Arg arg) {
        String groupBy = arg.groupBy;
        String field = arg.field;
        Map<String, Acc> all = GridCompute.on(ignite).withKeepBinary().<Object, Object, HashMap<String, Acc>, Map<String, Acc>>mapReduce(
            arg.cache,
            (partition, entries) -> {
                HashMap<String, Acc> groups = new HashMap<>();
                while (entries.hasNext())
                    accumulate(entries.next().getValue(), groupBy, field, groups);
                return groups;
            },
            parts -> {
                Map<String, Acc> merged = new HashMap<>();
                for (HashMap<String, Acc> p : parts)
                    p.forEach((g, a) -> merged.computeIfAbsent(g, k -> new Acc()).merge(a));
                return merged;
            });
        return table(all);
    }
}
