package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.cql.Row;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ignite.Ignite;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.binary.BinaryObjectBuilder;

/**
 * Turns a cache value into the values of its columns and a row back into a value: the fields of a
 * BinaryObject or of a POJO (found by name up the class hierarchy), or the whole value, serialized,
 * in one blob column.
 */
public final class ValueCodec {
    private final StoreSettings s;
    private final List<String> fields;
    private final ConcurrentHashMap<String, Field> fieldCache = new ConcurrentHashMap<>();
    private volatile Class<?> valueClass;
    private volatile boolean classLooked;

    public ValueCodec(StoreSettings s) {
        this.s = s;
        this.fields = s.valueFields();
    }

    /** Column values in the order of {@link Schema#columns}. */
    public Object[] toColumns(Object value) {
        if (s.blobValue())
            return new Object[] {ByteBuffer.wrap(serialize(value))};
        Object[] out = new Object[fields.size()];
        for (int i = 0; i < out.length; i++) {
            String f = fields.get(i);
            Object v = value instanceof BinaryObject bo ? (bo.hasField(f) ? bo.field(f) : null) : read(value, f);
            try {
                out[i] = CqlTypes.toDriver(v, s.valueColumns().get(f));
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field " + f + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The value a row holds: an instance of the value class when the node has it, else a BinaryObject. */
    public Object fromRow(Row row, Ignite ignite) {
        if (s.blobValue()) {
            ByteBuffer b = row.getByteBuffer(s.valueBlobColumn().toLowerCase(Locale.ROOT));
            if (b == null)
                return null;
            byte[] bytes = new byte[b.remaining()];
            b.duplicate().get(bytes);
            return deserialize(bytes);
        }
        Class<?> cls = valueClass();
        if (cls != null) {
            try {
                Object v = cls.getDeclaredConstructor().newInstance();
                for (String f : fields) {
                    Field fld = field(cls, f);
                    Object col = row.getObject(f.toLowerCase(Locale.ROOT));
                    if (col != null || !fld.getType().isPrimitive())
                        fld.set(v, CqlTypes.fromDriver(col, fld.getType()));
                }
                return v;
            }
            catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build a " + cls.getName() + " from a row (it needs a no-argument constructor): " + e, e);
            }
        }
        BinaryObjectBuilder b = ignite.binary().builder(s.valueType());
        for (String f : fields) {
            Object col = row.getObject(f.toLowerCase(Locale.ROOT));
            if (col != null)
                b.setField(f, CqlTypes.fromDriver(col, col instanceof java.time.Instant ? java.util.Date.class : null));
        }
        return b.build();
    }

    private Class<?> valueClass() {
        if (!classLooked) {
            try {
                ClassLoader cl = Thread.currentThread().getContextClassLoader();
                valueClass = Class.forName(s.valueType(), false, cl == null ? ValueCodec.class.getClassLoader() : cl);
            }
            catch (ClassNotFoundException e) {
                valueClass = null;
            }
            classLooked = true;
        }
        return valueClass;
    }

    private Object read(Object value, String f) {
        try {
            return field(value.getClass(), f).get(value);
        }
        catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Field field(Class<?> cls, String name) {
        return fieldCache.computeIfAbsent(cls.getName() + "#" + name, k -> {
            for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
                try {
                    Field f = c.getDeclaredField(name);
                    f.setAccessible(true);
                    return f;
                }
                catch (NoSuchFieldException e) {
                    // Up the hierarchy.
                }
            }
            throw new IllegalArgumentException(cls.getName() + " has no field '" + name + "' (valueColumns of the Cassandra store)");
        });
    }

    private static byte[] serialize(Object v) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bos)) {
            out.writeObject(v instanceof BinaryObject bo ? bo.deserialize() : v);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize a " + v.getClass().getName() + " into the blob column: " + e, e);
        }
        return bos.toByteArray();
    }

    private static Object deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ContextObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
        catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read a value back from the blob column: " + e, e);
        }
    }

    /** Resolves classes with the thread's context loader (the node's, with peer-loaded classes). */
    private static final class ContextObjectInputStream extends ObjectInputStream {
        ContextObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            if (cl == null)
                return super.resolveClass(desc);
            try {
                return Class.forName(desc.getName(), false, cl);
            }
            catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }
}
