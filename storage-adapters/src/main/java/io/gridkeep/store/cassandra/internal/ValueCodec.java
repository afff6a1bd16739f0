package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.cql.Row;
import io.gridkeep.store.internal.RejectedClassException;
import io.gridkeep.store.internal.StoredClassFilter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.ignite.Ignite;
import org.apache.ignite.binary.BinaryObject;

/**
 * Turns a cache value into the values of its columns and a row back into a value: one column per
 * field, or the whole value, serialized, in one blob column. A blob is read back through the
 * store's allow-list ({@link StoredClassFilter}): one that names another class is a
 * {@link RejectedClassException}.
 */
public final class ValueCodec {
    private final StoreSettings s;
    private final FieldsCodec fields;
    private volatile StoredClassFilter filter;

    public ValueCodec(StoreSettings s) {
        this.s = s;
        this.fields = s.blobValue() ? null : new FieldsCodec(s.valueType(), s.valueFields(), s.valueColumns(), "valueColumns");
        this.filter = StoredClassFilter.of(s.allowedClasses(), List.of(), "CassandraStoreFactory");
    }

    /** Also allows these classes in blobs: the key and value types the cache declares. */
    public void allow(Collection<String> declared) {
        filter = filter.with(declared);
    }

    /** Column values in the order of {@link Schema#columns}. */
    public Object[] toColumns(Object value) {
        if (s.blobValue())
            return new Object[] {ByteBuffer.wrap(serialize(value))};
        return fields.toColumns(value);
    }

    /**
     * The value a row holds: an instance of the value class when the node has it, else a BinaryObject.
     *
     * @throws RejectedClassException when a blob names a class the allow-list refuses
     */
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

    private Object deserialize(byte[] bytes) {
        try {
            return filter.read(bytes, 0, bytes.length, null);
        }
        catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read a value back from the blob column: " + e, e);
        }
    }
}
