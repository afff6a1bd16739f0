package io.gridkeep.store.hdfs.internal;

import io.gridkeep.store.internal.LoaderObjectInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
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
 */
final class RecordCodec implements ObjectCodec {
    private static final byte MARSHALLED = 0;
    private static final byte BINARY_FIELDS = 1;

    private final Ignite ignite;
    private final Marshaller marshaller;

    @SuppressWarnings("deprecation")
    RecordCodec(Ignite ignite) {
        this.ignite = ignite;
        this.marshaller = ignite.configuration().getMarshaller();
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

    @Override
    public Object decode(byte[] bytes, ClassLoader cl) throws IgniteCheckedException, IOException, ClassNotFoundException {
        if (bytes.length == 0)
            throw new IOException("empty key or value bytes");
        if (bytes[0] == MARSHALLED)
            return marshaller.unmarshal(Arrays.copyOfRange(bytes, 1, bytes.length), cl);
        if (bytes[0] != BINARY_FIELDS)
            throw new IOException("unknown encoding " + bytes[0]);
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1), cl)) {
            return rebuild(in.readObject());
        }
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

    private Object rebuild(Object v) {
        if (v instanceof Fields f) {
            BinaryObjectBuilder b = ignite.binary().builder(f.typeName());
            f.fields().forEach((name, x) -> {
                Object value = rebuild(x);
                if (value != null)
                    b.setField(name, value);
            });
            return b.build();
        }
        if (v instanceof EnumValue e)
            return ignite.binary().buildEnum(e.typeName(), e.ordinal());
        return eachElement(v, this::rebuild);
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
