package io.gridkeep.store.cassandra.internal;

import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The CQL types a mapping may use, and the conversions between what Java objects hold (a
 * {@code java.util.Date}, a {@code byte[]}) and what the driver takes ({@code Instant}, {@code ByteBuffer}).
 */
public final class CqlTypes {
    private static final Map<String, DataType> TYPES = new TreeMap<>(Map.ofEntries(
        Map.entry("text", DataTypes.TEXT), Map.entry("varchar", DataTypes.TEXT), Map.entry("ascii", DataTypes.ASCII),
        Map.entry("int", DataTypes.INT), Map.entry("bigint", DataTypes.BIGINT), Map.entry("smallint", DataTypes.SMALLINT),
        Map.entry("tinyint", DataTypes.TINYINT), Map.entry("double", DataTypes.DOUBLE), Map.entry("float", DataTypes.FLOAT),
        Map.entry("boolean", DataTypes.BOOLEAN), Map.entry("uuid", DataTypes.UUID), Map.entry("timestamp", DataTypes.TIMESTAMP),
        Map.entry("date", DataTypes.DATE), Map.entry("decimal", DataTypes.DECIMAL), Map.entry("varint", DataTypes.VARINT),
        Map.entry("blob", DataTypes.BLOB)));

    private CqlTypes() {
    }

    public static boolean known(String cql) {
        return cql != null && TYPES.containsKey(cql.toLowerCase(Locale.ROOT));
    }

    public static String names() {
        return String.join(", ", TYPES.keySet());
    }

    public static DataType of(String cql) {
        return TYPES.get(cql.toLowerCase(Locale.ROOT));
    }

    /** The Java class the driver reads and writes for {@code cql}. */
    public static Class<?> driverClass(String cql) {
        DataType t = of(cql);
        if (t == DataTypes.TEXT || t == DataTypes.ASCII)
            return String.class;
        if (t == DataTypes.INT)
            return Integer.class;
        if (t == DataTypes.BIGINT)
            return Long.class;
        if (t == DataTypes.SMALLINT)
            return Short.class;
        if (t == DataTypes.TINYINT)
            return Byte.class;
        if (t == DataTypes.DOUBLE)
            return Double.class;
        if (t == DataTypes.FLOAT)
            return Float.class;
        if (t == DataTypes.BOOLEAN)
            return Boolean.class;
        if (t == DataTypes.UUID)
            return UUID.class;
        if (t == DataTypes.TIMESTAMP)
            return Instant.class;
        if (t == DataTypes.DATE)
            return LocalDate.class;
        if (t == DataTypes.DECIMAL)
            return BigDecimal.class;
        if (t == DataTypes.VARINT)
            return BigInteger.class;
        return ByteBuffer.class;
    }

    /** A Java value as the driver wants it for a column of type {@code cql}. */
    public static Object toDriver(Object v, String cql) {
        if (v == null)
            return null;
        Class<?> want = driverClass(cql);
        if (want.isInstance(v))
            return v;
        if (want == Instant.class && v instanceof Date d)
            return d.toInstant();
        if (want == ByteBuffer.class && v instanceof byte[] b)
            return ByteBuffer.wrap(b);
        if (v instanceof Number n) {
            if (want == Long.class)
                return n.longValue();
            if (want == Integer.class)
                return n.intValue();
            if (want == Double.class)
                return n.doubleValue();
            if (want == Float.class)
                return n.floatValue();
            if (want == Short.class)
                return n.shortValue();
            if (want == Byte.class)
                return n.byteValue();
        }
        throw new IllegalArgumentException("a " + v.getClass().getName() + " does not fit a CQL " + cql + " column");
    }

    /** A value read from the driver, as a field of Java type {@code fieldType} holds it. */
    public static Object fromDriver(Object v, Class<?> fieldType) {
        if (v instanceof ByteBuffer b && (fieldType == null || fieldType == byte[].class))
            return bytes(b);
        if (v instanceof Instant i && fieldType != null && Date.class.isAssignableFrom(fieldType))
            return fieldType == Timestamp.class ? Timestamp.from(i) : Date.from(i);
        return v;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
