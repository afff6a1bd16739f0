package io.gridkeep.node.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Converts CSV text to the Java value a SQL column of a given JDBC type takes. An empty field is
 * NULL; text that does not fit the type is an {@link IllegalArgumentException} naming both.
 *
 * @param column the column name
 * @param sqlType its {@link Types} code
 */
public record ColumnParser(String column, int sqlType) {
    public Object parse(String text) {
        if (text.isEmpty())
            return null;
        try {
            return switch (sqlType) {
                case Types.TINYINT -> Byte.valueOf(text.trim());
                case Types.SMALLINT -> Short.valueOf(text.trim());
                case Types.INTEGER -> Integer.valueOf(text.trim());
                case Types.BIGINT -> Long.valueOf(text.trim());
                case Types.REAL, Types.FLOAT -> Float.valueOf(text.trim());
                case Types.DOUBLE -> Double.valueOf(text.trim());
                case Types.DECIMAL, Types.NUMERIC -> new BigDecimal(text.trim());
                case Types.BOOLEAN, Types.BIT -> parseBoolean(text.trim());
                case Types.DATE -> Date.valueOf(text.trim());
                case Types.TIME -> Time.valueOf(text.trim());
                case Types.TIMESTAMP -> timestamp(text.trim());
                case Types.OTHER, Types.BINARY -> uuidOr(text);
                default -> text;
            };
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid " + typeName());
        }
    }

    /**
     * SQL's {@code 2024-01-01 10:00:00}, or ISO-8601 as JSON and most exports write it: {@code 2024-01-01T10:00:00},
     * and with an offset ({@code Z}, {@code +02:00}) the instant it names.
     */
    private static Timestamp timestamp(String s) {
        if (s.indexOf('T') < 0)
            return Timestamp.valueOf(s);
        try {
            return Timestamp.from(OffsetDateTime.parse(s).toInstant());
        }
        catch (DateTimeParseException withoutOffset) {
            try {
                return Timestamp.valueOf(LocalDateTime.parse(s));
            }
            catch (DateTimeParseException e) {
                throw new IllegalArgumentException(s, e);
            }
        }
    }

    private static Object uuidOr(String text) {
        try {
            return UUID.fromString(text.trim());
        }
        catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static Boolean parseBoolean(String s) {
        if (s.equalsIgnoreCase("true") || s.equals("1"))
            return Boolean.TRUE;
        if (s.equalsIgnoreCase("false") || s.equals("0"))
            return Boolean.FALSE;
        throw new IllegalArgumentException(s);
    }

    String typeName() {
        return switch (sqlType) {
            case Types.TINYINT -> "TINYINT";
            case Types.SMALLINT -> "SMALLINT";
            case Types.INTEGER -> "INTEGER";
            case Types.BIGINT -> "BIGINT";
            case Types.REAL, Types.FLOAT -> "REAL";
            case Types.DOUBLE -> "DOUBLE";
            case Types.DECIMAL, Types.NUMERIC -> "DECIMAL";
            case Types.BOOLEAN, Types.BIT -> "BOOLEAN";
            case Types.DATE -> "DATE (yyyy-mm-dd)";
            case Types.TIME -> "TIME (hh:mm:ss)";
            case Types.TIMESTAMP -> "TIMESTAMP (yyyy-mm-dd hh:mm:ss, or ISO-8601 such as 2024-01-01T10:00:00Z)";
            default -> "value of SQL type " + sqlType;
        };
    }
}
