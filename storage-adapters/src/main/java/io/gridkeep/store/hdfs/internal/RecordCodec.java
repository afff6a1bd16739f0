package io.gridkeep.store.hdfs.internal;

import io.gridkeep.store.internal.RejectedClassException;
import io.gridkeep.store.internal.StoredClassFilter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCheckedException;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.binary.BinaryObjectBuilder;
import org.apache.ignite.marshaller.Marshaller;

/**
 * Keys and values as bytes in the log. BinaryObjects, such as SQL rows with no class behind them, are
 * written as their type name and fields: their binary bytes alone (with compact footers) need the
 * type's metadata, which a newly started cluster does not have; rebuilt with a builder on load, they
 * register it again, so any cluster reads them. Other objects go through the node's marshaller: for
 * Ignite's own types (numbers, strings, dates, arrays of them) that reads anywhere, but an object of a
 * user class, or an enum or JDK type Ignite does not know, needs its type's metadata too, which a
 * cluster that never wrote it lacks (docs/known-limits.md; {@code RecordCodecIT} shows what works).
 *
 * <p>Decoding goes through the store's allow-list ({@link StoredClassFilter}): the fields through a
 * filtered Java deserialization; the marshaller's bytes with a class loader that refuses every other
 * class (Ignite's Optimized marshaller inside them included), then a check of what came back; and a
 * BinaryObject's type name is refused when a class of that name is on the class path and not
 * allowed, since a cache would later deserialize the object into it. A refusal is a
 * {@link RejectedClassException}.
 */
final class RecordCodec implements ObjectCodec {
    /** The codec's own classes in the fields encoding, which every HDFS store allows. */
    static final List<String> OWN_CLASSES = List.of(Fields.class.getName(), EnumValue.class.getName());

    private static final byte MARSHALLED = 0;
    private static final byte BINARY_FIELDS = 1;
    /** Type names whose class presence is remembered; past this many, they are looked up every time. */
    private static final int MAX_REMEMBERED_TYPES = 10_000;

    private final Ignite ignite;
    private final Marshaller marshaller;
    private final StoredClassFilter filter;
    /** Binary type name: whether it names a class on the class path that the allow-list refuses. */
    private final Map<String, Boolean> refusedTypes = new ConcurrentHashMap<>();

    @SuppressWarnings("deprecation")
    RecordCodec(Ignite ignite, StoredClassFilter filter) {
        this.ignite = ignite;
        this.marshaller = ignite.configuration().getMarshaller();
        this.filter = filter;
    }

    /** A BinaryObject's type and fields, nested BinaryObjects likewise; the fields hold plain Java values. */
    private record Fields(String typeName, LinkedHashMap<String, Object> fields) implements Serializable {
    }

    /** An enum constant of a binary type. */
    private record EnumValue(String typeName, int ordinal) implements Serializable {
    }

    @Override
    public byte[] encode(Object o) throws IgniteCheckedException, IOException {
        if (o instanceof BinaryObject bo) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(128);
            out.write(BINARY_FIELDS);
            try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
                oos.writeObject(describe(bo));
            }
            return out.toByteArray();
        }
        byte[] m = marshaller.marshal(o);
        byte[] out = new byte[m.length + 1];
        out[0] = MARSHALLED;
        System.arraycopy(m, 0, out, 1, m.length);
        return out;
    }

    /** @throws RejectedClassException when the bytes name a class the store's allow-list refuses */
    @Override
    public Object decode(byte[] bytes, ClassLoader cl) throws IgniteCheckedException, IOException, ClassNotFoundException {
        if (bytes.length == 0)
            throw new IOException("empty key or value bytes");
        if (bytes[0] == MARSHALLED) {
            Object o;
            try {
                o = marshaller.unmarshal(Arrays.copyOfRange(bytes, 1, bytes.length), filter.loader(cl));
            }
            catch (IgniteCheckedException | RuntimeException e) {
                // Ignite wraps what the loader threw; the rejection is what the store acts on.
                RejectedClassException r = RejectedClassException.in(e);
                if (r != null)
                    throw r;
                throw e;
            }
            filter.checkDecoded(o);
            return o;
        }
        if (bytes[0] != BINARY_FIELDS)
            throw new IOException("unknown encoding " + bytes[0]);
        return rebuild(filter.read(bytes, 1, bytes.length - 1, cl), cl);
    }

    private static Object describe(Object v) {
        if (v instanceof BinaryObject bo) {
            if (bo.type().isEnum())
                return new EnumValue(bo.type().typeName(), bo.enumOrdinal());
            LinkedHashMap<String, Object> f = new LinkedHashMap<>();
            for (String name : bo.type().fieldNames())
                f.put(name, describe(bo.field(name)));
            return new Fields(bo.type().typeName(), f);
        }
        return eachElement(v, RecordCodec::describe);
    }

    private Object rebuild(Object v, ClassLoader cl) {
        if (v instanceof Fields f) {
            checkTypeName(f.typeName(), cl);
            BinaryObjectBuilder b = ignite.binary().builder(f.typeName());
            f.fields().forEach((name, x) -> {
                Object value = rebuild(x, cl);
                if (value != null)
                    b.setField(name, value);
            });
            return b.build();
        }
        if (v instanceof EnumValue e) {
            checkTypeName(e.typeName(), cl);
            return ignite.binary().buildEnum(e.typeName(), e.ordinal());
        }
        return eachElement(v, x -> rebuild(x, cl));
    }

    /**
     * Refuses a binary type named like a class on the class path that the allow-list does not allow:
     * a cache read without {@code withKeepBinary} would deserialize the object into that class. A type
     * no class backs (a SQL row's) carries no code. Looked up as a resource, so the class is not loaded.
     */
    private void checkTypeName(String typeName, ClassLoader cl) {
        if (typeName == null || filter.allows(typeName))
            return;
        Boolean refused = refusedTypes.get(typeName);
        if (refused == null) {
            ClassLoader l = cl != null ? cl : RecordCodec.class.getClassLoader();
            refused = l.getResource(typeName.replace('.', '/') + ".class") != null;
            if (refusedTypes.size() < MAX_REMEMBERED_TYPES)
                refusedTypes.put(typeName, refused);
        }
        if (refused)
            throw filter.rejection(typeName);
    }

    /**
     * A copy of an array, list, other collection (kept as an ordered set) or map with {@code f}
     * applied to every element, keys included; {@code v} itself when it is none of those.
     */
    private static Object eachElement(Object v, UnaryOperator<Object> f) {
        if (v instanceof Object[] arr) {
            Class<?> type = arr.getClass().getComponentType();
            Object[] out = new Object[arr.length];
            boolean fits = true;
            for (int i = 0; i < arr.length; i++) {
                out[i] = f.apply(arr[i]);
                fits &= out[i] == null || type.isInstance(out[i]);
            }
            if (!fits || type == Object.class)
                return out;
            // A binary type's metadata records a field's array type: a String[] must come back as one.
            Object[] typed = (Object[])Array.newInstance(type, arr.length);
            System.arraycopy(out, 0, typed, 0, arr.length);
            return typed;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(f.apply(x)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            LinkedHashSet<Object> out = new LinkedHashSet<>();
            c.forEach(x -> out.add(f.apply(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(f.apply(k), f.apply(x)));
            return out;
        }
        return v;
    }
}
