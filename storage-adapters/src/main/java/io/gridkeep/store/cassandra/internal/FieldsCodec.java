package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.cql.Row;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.binary.BinaryObjectBuilder;

/**
 * One object as several columns, one per field: the fields of a BinaryObject or of a POJO (found by
 * name up the class hierarchy), and back. Keys of several fields and values use it alike.
 */
final class FieldsCodec {
    private final String typeName;
    private final List<String> fields;
    private final Map<String, String> cqlTypes;
    private final String property;
    private final List<String> columns;
    // The fields of the last class seen, in field order: one class per cache is the common case, and this runs per row.
    private volatile ClassFields last;
    private volatile Class<?> cls;
    private volatile boolean classLooked;

    /**
     * @param typeName the class, or binary type name when the class is not on the node
     * @param fields field names, in column order
     * @param cqlTypes field name to CQL type
     * @param property the factory property that lists the fields, for messages
     */
    FieldsCodec(String typeName, List<String> fields, Map<String, String> cqlTypes, String property) {
        this.typeName = typeName;
        this.fields = fields;
        this.cqlTypes = cqlTypes;
        this.property = property;
        this.columns = columnNames(fields);
    }

    /** Column names (the fields', in lower case), in field order. */
    static List<String> columnNames(List<String> fields) {
        return fields.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
    }

    private record ClassFields(Class<?> cls, Field[] fields) {
    }

    Object[] toColumns(Object obj) {
        Object[] out = new Object[fields.size()];
        Field[] pojo = obj instanceof BinaryObject ? null : fieldsOf(obj.getClass());
        for (int i = 0; i < out.length; i++) {
            String f = fields.get(i);
            Object v = pojo == null ? (((BinaryObject)obj).hasField(f) ? ((BinaryObject)obj).field(f) : null) : read(obj, pojo[i]);
            try {
                out[i] = CqlTypes.toDriver(v, cqlTypes.get(f));
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field " + f + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The object a row's columns hold: an instance of the class when the node has it, else a BinaryObject. */
    Object fromRow(Row row, Ignite ignite) {
        Class<?> c = type();
        if (c != null) {
            try {
                Object v = c.getDeclaredConstructor().newInstance();
                Field[] flds = fieldsOf(c);
                for (int i = 0; i < flds.length; i++) {
                    Field fld = flds[i];
                    Object col = row.getObject(columns.get(i));
                    if (col != null || !fld.getType().isPrimitive())
                        fld.set(v, CqlTypes.fromDriver(col, fld.getType()));
                }
                return v;
            }
            catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build a " + c.getName()
                    + " from a row (it needs a no-argument constructor): " + e, e);
            }
        }
        BinaryObjectBuilder b = ignite.binary().builder(typeName);
        for (String f : fields) {
            Object col = row.getObject(f.toLowerCase(Locale.ROOT));
            if (col != null)
                b.setField(f, CqlTypes.fromDriver(col, col instanceof Instant ? Date.class : null));
        }
        return b.build();
    }

    private Class<?> type() {
        if (!classLooked) {
            try {
                ClassLoader cl = Thread.currentThread().getContextClassLoader();
                cls = Class.forName(typeName, false, cl == null ? FieldsCodec.class.getClassLoader() : cl);
            }
            catch (ClassNotFoundException e) {
                cls = null;
            }
            classLooked = true;
        }
        return cls;
    }

    private Field[] fieldsOf(Class<?> c) {
        ClassFields l = last;
        if (l != null && l.cls() == c)
            return l.fields();
        Field[] out = new Field[fields.size()];
        for (int i = 0; i < out.length; i++)
            out[i] = field(c, fields.get(i));
        last = new ClassFields(c, out);
        return out;
    }

    private static Object read(Object obj, Field f) {
        try {
            return f.get(obj);
        }
        catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Field field(Class<?> c, String name) {
        for (Class<?> t = c; t != null && t != Object.class; t = t.getSuperclass()) {
            try {
                Field f = t.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            }
            catch (NoSuchFieldException e) {
                // Up the hierarchy.
            }
        }
        throw new IllegalArgumentException(c.getName() + " has no field '" + name + "' (" + property + " of the Cassandra store)");
    }
}
