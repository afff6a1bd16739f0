package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.cql.Row;
import io.gridkeep.store.internal.LoaderObjectInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.apache.ignite.Ignite;
import org.apache.ignite.binary.BinaryObject;

/**
 * Turns a cache value into the values of its columns and a row back into a value: one column per
 * field, or the whole value, serialized, in one blob column.
 */
public final class ValueCodec {
    private final StoreSettings s;
    private final FieldsCodec fields;

    public ValueCodec(StoreSettings s) {
        this.s = s;
        this.fields = s.blobValue() ? null : new FieldsCodec(s.valueType(), s.valueFields(), s.valueColumns(), "valueColumns");
    }

    /** Column values in the order of {@link Schema#columns}. */
    public Object[] toColumns(Object value) {
        if (s.blobValue())
            return new Object[] {ByteBuffer.wrap(serialize(value))};
        return fields.toColumns(value);
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
        return fields.fromRow(row, ignite);
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
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), null)) {
            return in.readObject();
        }
        catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read a value back from the blob column: " + e, e);
        }
    }
}
