package io.gridkeep.store.export.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.binary.BinaryType;
import org.apache.ignite.cache.QueryEntity;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * The columns of a cache's export. A SQL table (a cache with a query entity) exports its SQL
 * columns, in their order and with their types; another cache exports its key (one column, or one per
 * field of a binary key) and its value (one column, or one per field of a binary value, as the first
 * entry's type describes it).
 */
public final class ExportSchema {
    private ExportSchema() {
    }

    public static List<Column> of(Ignite ignite, String cacheName) {
        IgniteCache<Object, Object> cache = ignite.cache(cacheName);
        if (cache == null)
            throw new IllegalArgumentException("no cache named '" + cacheName + "'");
        @SuppressWarnings("unchecked")
        CacheConfiguration<Object, Object> cfg = cache.getConfiguration(CacheConfiguration.class);
        Collection<QueryEntity> entities = cfg.getQueryEntities();
        if (entities != null && !entities.isEmpty())
            return fromEntity(entities.iterator().next());
        return fromData(ignite, cache.withKeepBinary());
    }

    private static List<Column> fromEntity(QueryEntity e) {
        List<Column> cols = new ArrayList<>();
        Set<String> keyFields = e.getKeyFields() == null ? Set.of() : e.getKeyFields();
        for (Map.Entry<String, String> f : e.getFields().entrySet()) {
            String name = f.getKey();
            Column.Source src;
            if (name.equals(e.getKeyFieldName()))
                src = Column.Source.KEY;
            else if (name.equals(e.getValueFieldName()))
                src = Column.Source.VALUE;
            else if (keyFields.contains(name))
                src = Column.Source.KEY_FIELD;
            else
                src = Column.Source.VALUE_FIELD;
            cols.add(new Column(name.toLowerCase(Locale.ROOT), f.getValue(), src, name));
        }
        return cols;
    }

    private static List<Column> fromData(Ignite ignite, IgniteCache<Object, Object> cache) {
        Cache.Entry<Object, Object> first = null;
        for (Cache.Entry<Object, Object> e : cache.query(new ScanQuery<>())) {
            first = e;
            break;
        }
        List<Column> cols = new ArrayList<>();
        if (first == null) {
            cols.add(new Column("key", "java.lang.String", Column.Source.KEY, null));
            cols.add(new Column("value", "java.lang.String", Column.Source.VALUE, null));
            return cols;
        }
        add(cols, first.getKey(), "key", Column.Source.KEY, Column.Source.KEY_FIELD);
        add(cols, first.getValue(), "value", Column.Source.VALUE, Column.Source.VALUE_FIELD);
        return cols;
    }

    private static void add(List<Column> cols, Object sample, String whole, Column.Source wholeSrc, Column.Source fieldSrc) {
        if (sample instanceof BinaryObject bo && !bo.type().isEnum()) {
            BinaryType t = bo.type();
            Map<String, String> fields = new LinkedHashMap<>();
            for (String f : t.fieldNames())
                fields.put(f, javaType(t.fieldTypeName(f)));
            fields.forEach((f, type) -> cols.add(new Column(f.toLowerCase(Locale.ROOT), type, fieldSrc, f)));
        }
        else
            cols.add(new Column(whole, sample == null ? "java.lang.String" : sample.getClass().getName(), wholeSrc, null));
    }

    /** Ignite's binary field type names to Java class names. */
    private static String javaType(String binaryTypeName) {
        return switch (binaryTypeName) {
            case "byte" -> "java.lang.Byte";
            case "short" -> "java.lang.Short";
            case "int" -> "java.lang.Integer";
            case "long" -> "java.lang.Long";
            case "float" -> "java.lang.Float";
            case "double" -> "java.lang.Double";
            case "boolean" -> "java.lang.Boolean";
            case "char" -> "java.lang.Character";
            case "String" -> "java.lang.String";
            case "UUID" -> "java.util.UUID";
            case "Date" -> "java.util.Date";
            case "Timestamp" -> "java.sql.Timestamp";
            case "Time" -> "java.sql.Time";
            case "decimal" -> "java.math.BigDecimal";
            case "byte[]" -> "[B";
            default -> "java.lang.Object";
        };
    }
}
