package io.gridkeep.store.export.internal;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.apache.ignite.binary.BinaryObject;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Parquet types for export columns, and rows as Parquet groups: strings as UTF8, integers as
 * INT32/INT64 (with their width), floating point as FLOAT/DOUBLE, dates as DATE, timestamps as
 * TIMESTAMP(MILLIS, UTC), decimals as DECIMAL(38, 18), UUIDs as UUID, bytes as BINARY; anything else
 * as its text. Every column is optional (a SQL NULL, a missing field).
 */
public final class ParquetRows {
    /** Scale of exported decimals; Ignite does not keep one per value. */
    public static final int DECIMAL_SCALE = 18;
    public static final int DECIMAL_PRECISION = 38;

    private final List<Column> columns;
    private final MessageType schema;
    private final SimpleGroupFactory groups;

    public ParquetRows(String name, List<Column> columns) {
        this.columns = columns;
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Column c : columns)
            b.addField(type(c));
        this.schema = b.named(name.replaceAll("[^A-Za-z0-9_]", "_"));
        this.groups = new SimpleGroupFactory(schema);
    }

    public MessageType schema() {
        return schema;
    }

    private static Type type(Column c) {
        String n = c.name();
        return switch (c.javaType()) {
            case "java.lang.Integer", "int" -> Types.optional(PrimitiveTypeName.INT32).named(n);
            case "java.lang.Short", "short" -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true)).named(n);
            case "java.lang.Byte", "byte" -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(8, true)).named(n);
            case "java.lang.Long", "long" -> Types.optional(PrimitiveTypeName.INT64).named(n);
            case "java.lang.Double", "double" -> Types.optional(PrimitiveTypeName.DOUBLE).named(n);
            case "java.lang.Float", "float" -> Types.optional(PrimitiveTypeName.FLOAT).named(n);
            case "java.lang.Boolean", "boolean" -> Types.optional(PrimitiveTypeName.BOOLEAN).named(n);
            case "java.util.Date", "java.sql.Timestamp", "java.time.LocalDateTime", "java.time.Instant" ->
                Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS)).named(n);
            case "java.sql.Date", "java.time.LocalDate" -> Types.optional(PrimitiveTypeName.INT32)
                .as(LogicalTypeAnnotation.dateType()).named(n);
            case "java.math.BigDecimal" -> Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16)
                .as(LogicalTypeAnnotation.decimalType(DECIMAL_SCALE, DECIMAL_PRECISION)).named(n);
            case "java.util.UUID" -> Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16)
                .as(LogicalTypeAnnotation.uuidType()).named(n);
            case "[B" -> Types.optional(PrimitiveTypeName.BINARY).named(n);
            default -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(n);
        };
    }

    /** The row of one cache entry (key and value as the cache holds them, binary or not). */
    public Group row(Object key, Object value) {
        Group g = groups.newGroup();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            Object v = switch (c.source()) {
                case KEY -> key;
                case VALUE -> value;
                case KEY_FIELD -> field(key, c.field());
                case VALUE_FIELD -> field(value, c.field());
            };
            if (v != null)
                put(g, i, c, v);
        }
        return g;
    }

    private static Object field(Object holder, String name) {
        if (holder instanceof BinaryObject bo)
            return bo.hasField(name) ? bo.field(name) : null;
        if (holder == null)
            return null;
        for (Class<?> t = holder.getClass(); t != null && t != Object.class; t = t.getSuperclass()) {
            try {
                Field f = t.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(holder);
            }
            catch (NoSuchFieldException e) {
                // Up the hierarchy.
            }
            catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }

    private static void put(Group g, int i, Column c, Object v) {
        switch (c.javaType()) {
            case "java.lang.Integer", "int", "java.lang.Short", "short", "java.lang.Byte", "byte" -> g.add(i, ((Number)v).intValue());
            case "java.lang.Long", "long" -> g.add(i, ((Number)v).longValue());
            case "java.lang.Double", "double" -> g.add(i, ((Number)v).doubleValue());
            case "java.lang.Float", "float" -> g.add(i, ((Number)v).floatValue());
            case "java.lang.Boolean", "boolean" -> g.add(i, (Boolean)v);
            case "java.util.Date", "java.sql.Timestamp", "java.time.LocalDateTime", "java.time.Instant" -> g.add(i, millis(v));
            case "java.sql.Date", "java.time.LocalDate" -> g.add(i, (int)(v instanceof LocalDate d ? d.toEpochDay()
                : Math.floorDiv(((Date)v).getTime(), 86_400_000L)));
            case "java.math.BigDecimal" -> g.add(i, Binary.fromConstantByteArray(decimal((BigDecimal)v)));
            case "java.util.UUID" -> {
                UUID u = (UUID)v;
                byte[] bytes = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
                g.add(i, Binary.fromConstantByteArray(bytes));
            }
            case "[B" -> g.add(i, Binary.fromConstantByteArray((byte[])v));
            default -> g.add(i, String.valueOf(v));
        }
    }

    private static long millis(Object v) {
        if (v instanceof Date d)
            return d.getTime();
        if (v instanceof Instant t)
            return t.toEpochMilli();
        return ((LocalDateTime)v).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** The unscaled value at scale 18, as 16 big-endian two's-complement bytes. */
    private static byte[] decimal(BigDecimal d) {
        byte[] raw = d.setScale(DECIMAL_SCALE, RoundingMode.HALF_UP).unscaledValue().toByteArray();
        byte[] out = new byte[16];
        byte pad = (byte)(raw[0] < 0 ? -1 : 0);
        Arrays.fill(out, pad);
        System.arraycopy(raw, 0, out, 16 - raw.length, raw.length);
        return out;
    }
}
