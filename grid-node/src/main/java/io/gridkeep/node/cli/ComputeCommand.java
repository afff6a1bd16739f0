package io.gridkeep.node.cli;

import io.gridkeep.compute.tasks.AggregateTask;
import io.gridkeep.compute.tasks.TableResult;
import io.gridkeep.compute.tasks.TopKTask;
import io.gridkeep.compute.tasks.WordCountTask;
import io.gridkeep.node.GridKeepException;
import io.gridkeep.node.internal.ResultFormat;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Function;
import org.apache.ignite.client.ClientException;
import org.apache.ignite.client.IgniteClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gridkeep compute wordcount|aggregate|topk}: built-in map-reduce jobs that run where the data lives. */
@Command(name = "compute", mixinStandardHelpOptions = true,
    description = {"Run a built-in job next to the data: each partition is processed on its primary node",
        "and only the partial results travel. Results are exact."},
    footer = {"", "Examples:", "  gridkeep compute wordcount --cache books --top 5",
        "  gridkeep compute aggregate --table city --group-by country --field population",
        "  gridkeep compute topk --table city --field population --k 3"})
final class ComputeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the data is: a cache, or a SQL table (whose cache is SQL_<SCHEMA>_<TABLE>). */
    static final class Target {
        @Option(names = "--cache", paramLabel = "CACHE", description = "Cache to read.")
        String cache;

        @Option(names = "--table", paramLabel = "TABLE",
            description = "SQL table to read, optionally SCHEMA.TABLE (default schema PUBLIC).")
        String table;

        /** What the user named: either resolves through {@link CacheNames}, a cache or a table by either name. */
        String name() {
            return cache != null ? cache : table;
        }
    }

    /** Options every compute subcommand shares. */
    static final class Common {
        @Mixin
        ConnectionOptions conn;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "Result format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        ResultFormat format;
    }

    @Command(name = "wordcount", mixinStandardHelpOptions = true,
        description = "Count words in text values (or in the text field --field), most frequent first.")
    int wordcount(@Mixin Common c,
                  @Option(names = "--field", paramLabel = "FIELD",
                      description = "Field or column holding the text (default: the value itself).") String field,
                  @Option(names = "--top", defaultValue = "10", paramLabel = "N",
                      description = "How many words (default: ${DEFAULT-VALUE}).") int top) {
        positive("compute wordcount", "--top", top);
        return run(c, "compute wordcount", WordCountTask.class.getName(), cache -> new WordCountTask.Arg(cache, field, top));
    }

    @Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = "COUNT, SUM, MIN, MAX and AVG of a numeric field, grouped by another field.")
    int aggregate(@Mixin Common c,
                  @Option(names = "--group-by", required = true, paramLabel = "FIELD", description = "Field to group by.") String groupBy,
                  @Option(names = "--field", required = true, paramLabel = "FIELD",
                      description = "Numeric field to aggregate.") String field) {
        return run(c, "compute aggregate", AggregateTask.class.getName(), cache -> new AggregateTask.Arg(cache, groupBy, field));
    }

    @Command(name = "topk", mixinStandardHelpOptions = true, description = "The K entries with the largest value of a numeric field.")
    int topk(@Mixin Common c,
             @Option(names = "--field", required = true, paramLabel = "FIELD", description = "Numeric field to rank by.") String field,
             @Option(names = "--k", defaultValue = "10", paramLabel = "K",
                 description = "How many entries (default: ${DEFAULT-VALUE}).") int k) {
        positive("compute topk", "--k", k);
        return run(c, "compute topk", TopKTask.class.getName(), cache -> new TopKTask.Arg(cache, field, k));
    }

    private static void positive(String what, String option, int v) {
        if (v < 1)
            throw new UsageException(what, option + " must be at least 1", option + " " + v);
    }

    private int run(Common c, String what, String task, Function<String, Object> argFor) {
        String cache = c.target.name();
        TableResult result;
        try (IgniteClient client = c.conn.thinClient(what)) {
            cache = CacheNames.resolve(client, what, cache);
            long t0 = System.nanoTime();
            result = client.compute().execute(task, argFor.apply(cache));
            PrintWriter out = spec.commandLine().getOut();
            c.format.print(result.columns(), result.rows(), out);
            if (c.format == ResultFormat.TABLE)
                out.printf(Locale.ROOT, "(%.2f s, computed where the data lives)%n", (System.nanoTime() - t0) / 1e9);
            out.flush();
        }
        catch (ClientException | InterruptedException e) {
            if (e instanceof InterruptedException)
                Thread.currentThread().interrupt();
            throw new GridKeepException(what, Errors.describe(e), "cache " + cache, e);
        }
        return 0;
    }
}
