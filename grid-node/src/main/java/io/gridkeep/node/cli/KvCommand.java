package io.gridkeep.node.cli;

import io.gridkeep.node.GridKeepException;
import java.io.PrintWriter;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gridkeep kv put|get|remove}: single entries through the thin client. */
@Command(name = "kv", mixinStandardHelpOptions = true,
    description = "Put, get or remove one cache entry through the thin client.",
    footer = {"", "Examples:", "  gridkeep kv put kv user:1 alice", "  gridkeep kv get kv user:1",
        "  gridkeep kv get SQL_PUBLIC_CITY 7 --key-type int"})
final class KvCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every kv subcommand shares. */
    static final class Common {
        @Mixin
        ConnectionOptions conn;

        @Option(names = "--key-type", defaultValue = "string", paramLabel = "TYPE",
            description = "Type of KEY: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        ValueType keyType;
    }

    @Command(name = "put", mixinStandardHelpOptions = true, description = "Store VALUE under KEY. Prints OK.")
    int put(@Mixin Common c,
            @Option(names = "--value-type", defaultValue = "string", paramLabel = "TYPE",
                description = "Type of VALUE: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).") ValueType valueType,
            @Parameters(index = "0", paramLabel = "CACHE") String cache,
            @Parameters(index = "1", paramLabel = "KEY") String key,
            @Parameters(index = "2", paramLabel = "VALUE") String value) {
        Object k = c.keyType.parse("kv put", "key", key);
        Object v = valueType.parse("kv put", "value", value);
        try (IgniteClient client = c.conn.thinClient("kv put")) {
            cache(client, "kv put", cache).put(k, v);
        }
        out().println("OK");
        return 0;
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
        description = "Print the value stored under KEY; exit 1 when there is none.")
    int get(@Mixin Common c,
            @Parameters(index = "0", paramLabel = "CACHE") String cache,
            @Parameters(index = "1", paramLabel = "KEY") String key) {
        Object k = c.keyType.parse("kv get", "key", key);
        // Shown while connected: a BinaryObject fetches its type's metadata from the server.
        try (IgniteClient client = c.conn.thinClient("kv get")) {
            Object v = cache(client, "kv get", cache).withKeepBinary().get(k);
            if (v == null)
                throw new GridKeepException("kv get", "no entry for key '" + key + "'", "cache " + cache);
            out().println(display(v));
        }
        return 0;
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove the entry under KEY; exit 1 when there was none.")
    int remove(@Mixin Common c,
               @Parameters(index = "0", paramLabel = "CACHE") String cache,
               @Parameters(index = "1", paramLabel = "KEY") String key) {
        Object k = c.keyType.parse("kv remove", "key", key);
        boolean removed;
        try (IgniteClient client = c.conn.thinClient("kv remove")) {
            removed = cache(client, "kv remove", cache).remove(k);
        }
        if (!removed)
            throw new GridKeepException("kv remove", "no entry for key '" + key + "'", "cache " + cache);
        out().println("removed");
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Looks the cache up first: the thin client would otherwise fail with a bare cache id. */
    static ClientCache<Object, Object> cache(IgniteClient client, String what, String name) {
        return client.cache(CacheNames.resolve(client, what, name));
    }

    /** Binary objects (SQL rows, user classes the CLI lacks) print as {@code Type{field=value, ...}}. */
    static String display(Object v) {
        if (v instanceof BinaryObject bo) {
            StringBuilder sb = new StringBuilder(bo.type().typeName()).append('{');
            String sep = "";
            for (String f : bo.type().fieldNames()) {
                sb.append(sep).append(f).append('=').append(display(bo.field(f)));
                sep = ", ";
            }
            return sb.append('}').toString();
        }
        return String.valueOf(v);
    }
}
