package io.gridkeep.node.cli;

import io.gridkeep.node.GridKeepException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.ignite.cache.query.SqlFieldsQuery;
import org.apache.ignite.client.IgniteClient;

/**
 * One name for a table everywhere: every command that takes a cache also takes its SQL table, as
 * {@code TABLE} (schema PUBLIC) or {@code SCHEMA.TABLE}, unquoted names in any case. The table's cache
 * comes from {@code SYS.TABLES}, so a table created {@code WITH "CACHE_NAME=..."} resolves too.
 */
final class CacheNames {
    private static final String TABLE_CACHE = "SELECT CACHE_NAME FROM SYS.TABLES WHERE SCHEMA_NAME = ? AND TABLE_NAME = ?";

    private CacheNames() {
    }

    /**
     * The cache {@code name} names: itself when a cache has that name, else the cache of the SQL table of that name.
     *
     * @throws GridKeepException naming the caches that exist when it is neither
     */
    static String resolve(IgniteClient client, String what, String name) {
        Collection<String> caches = client.cacheNames();
        if (caches.contains(name))
            return name;
        int dot = name.indexOf('.');
        String schema = dot < 0 ? "PUBLIC" : name.substring(0, dot);
        String table = dot < 0 ? name : name.substring(dot + 1);
        for (List<String> st : List.of(List.of(schema, table), List.of(schema.toUpperCase(Locale.ROOT), table.toUpperCase(Locale.ROOT)))) {
            List<List<?>> rows = client.query(new SqlFieldsQuery(TABLE_CACHE).setArgs(st.get(0), st.get(1))).getAll();
            if (!rows.isEmpty())
                return (String)rows.get(0).get(0);
        }
        throw new GridKeepException(what, "no cache or SQL table named '" + name + "'",
            caches.isEmpty() ? "the cluster has no caches" : "caches: " + String.join(", ", new TreeSet<>(caches)));
    }
}
