package io.gridkeep.compute.tasks;

import io.gridkeep.compute.GridCompute;
import io.gridkeep.compute.internal.Fields;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.ignite.Ignite;

/**
 * Word count as map-reduce: each partition counts the words of its own text lines where it
 * lives; only the per-partition counts travel. Words are lower-cased runs of letters, digits and
 * apostrophes. Result columns: WORD, COUNT, most frequent first (ties alphabetical).
 *
 * <pre>{@code
 * TableResult top = client.compute().execute(WordCountTask.class.getName(), new WordCountTask.Arg("books", "LINE", 10));
 * }</pre>
 */
public final class WordCountTask extends SingleJobTask<WordCountTask.Arg> {
    private static final long serialVersionUID = 1L;
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{Nd}']+");

    /** Which cache, which field holds the text (null: the value is the text), how many words to return. */
    public static final class Arg implements Serializable {
        private static final long serialVersionUID = 1L;
        public String cache;
        public String field;
        public int top = 10;

        public Arg() {
        }

        public Arg(String cache, String field, int top) {
            this.cache = cache;
            this.field = field;
            this.top = top;
        }
    }


    /** Counts the words of one text; shared with tests so that they check against the same definition. */
    public static void countWords(Object text, Map<String, Long> counts) {
        if (!(text instanceof String s))
            return;
        for (String w : SEPARATORS.split(s.toLowerCase(Locale.ROOT))) {
            String word = trimApostrophes(w);
            if (!word.isEmpty())
                counts.merge(word, 1L, Long::sum);
        }
    }

    private static String trimApostrophes(String w) {
        int a = 0;
        int b = w.length();
        while (a < b && w.charAt(a) == '\'')
            a++;
        while (b > a && w.charAt(b - 1) == '\'')
            b--;
        return w.substring(a, b);
    }

    /** The top {@code n} words by count, ties alphabetical. */
    public static TableResult top(Map<String, Long> counts, int n) {
        List<Object[]> rows = new ArrayList<>();
        counts.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
            .limit(n)
            .forEach(e -> rows.add(new Object[] {e.getKey(), e.getValue()}));
        return new TableResult(new String[] {"WORD", "COUNT"}, rows);
    }

    @Override
    TableResult compute(Ignite ignite, Arg arg) {
        String field = arg.field;
        GridCompute compute = GridCompute.on(ignite).withKeepBinary();
        Map<String, Long> total = compute.<Object, Object, HashMap<String, Long>, Map<String, Long>>mapReduce(
            arg.cache,
            (partition, entries) -> {
                HashMap<String, Long> counts = new HashMap<>();
                while (entries.hasNext())
                    countWords(Fields.read(entries.next().getValue(), field), counts);
                return counts;
            },
            parts -> {
                Map<String, Long> all = new HashMap<>();
                for (HashMap<String, Long> p : parts)
                    p.forEach((w, c) -> all.merge(w, c, Long::sum));
                return all;
            });
        return top(total, arg.top);
    }
}
