package io.gridkeep.compute.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import org.apache.ignite.binary.BinaryObject;

/** Reads a named field from a cache value as the built-in tasks see it (keep-binary). */
public final class Fields {
    private Fields() {
    }

    /**
     * The field's value, or {@code null}. A null field name means the value itself. SQL columns
     * are upper case, so a name not found as given is tried in upper case.
     */
    public static Object read(Object value, String field) {
        if (field == null || value == null)
            return value;
        if (value instanceof BinaryObject bo) {
            if (bo.hasField(field))
                return bo.field(field);
            String upper = field.toUpperCase(Locale.ROOT);
            return bo.hasField(upper) ? bo.field(upper) : null;
        }
        return null;
    }

    /** A number as an exact {@link BigDecimal}; anything else is null. */
    public static BigDecimal number(Object v) {
        if (v instanceof BigDecimal bd)
            return bd;
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)
            return BigDecimal.valueOf(((Number)v).longValue());
        if (v instanceof Double || v instanceof Float)
            return Double.isFinite(((Number)v).doubleValue()) ? new BigDecimal(((Number)v).doubleValue()) : null;
        if (v instanceof BigInteger bi)
            return new BigDecimal(bi);
        return null;
    }
}
