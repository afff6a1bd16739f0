package io.gridkeep.node.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ColumnParserTest {
    @Test
    void parsesEachSqlTypeToItsJavaType() {
        assertThat(new ColumnParser("A", Types.INTEGER).parse(" 42 ")).isEqualTo(42);
        assertThat(new ColumnParser("A", Types.BIGINT).parse("9000000000")).isEqualTo(9_000_000_000L);
        assertThat(new ColumnParser("A", Types.DOUBLE).parse("1.5")).isEqualTo(1.5);
        assertThat(new ColumnParser("A", Types.DECIMAL).parse("1.10")).isEqualTo(new BigDecimal("1.10"));
        assertThat(new ColumnParser("A", Types.BOOLEAN).parse("TRUE")).isEqualTo(true);
        assertThat(new ColumnParser("A", Types.DATE).parse("2026-11-27")).isEqualTo(Date.valueOf("2026-11-27"));
        assertThat(new ColumnParser("A", Types.VARCHAR).parse(" keep spaces ")).isEqualTo(" keep spaces ");
    }

    @Test
    void aTimestampIsSqlTextOrIsoEightySixOhOne() {
        ColumnParser ts = new ColumnParser("AT", Types.TIMESTAMP);
        assertThat(ts.parse("2024-01-01 10:00:00")).isEqualTo(Timestamp.valueOf("2024-01-01 10:00:00"));
        assertThat(ts.parse("2024-01-01T10:00:00")).isEqualTo(Timestamp.valueOf("2024-01-01 10:00:00"));
        assertThat(ts.parse("2024-01-01T10:00:00.250")).isEqualTo(Timestamp.valueOf("2024-01-01 10:00:00.25"));
        assertThat(ts.parse("2024-01-01T10:00:00Z")).isEqualTo(Timestamp.from(Instant.parse("2024-01-01T10:00:00Z")));
        assertThat(ts.parse("2024-01-01T12:00:00+02:00")).isEqualTo(Timestamp.from(Instant.parse("2024-01-01T10:00:00Z")));
        assertThatThrownBy(() -> ts.parse("2024-01-01T25:00:00Z"))
            .hasMessage("'2024-01-01T25:00:00Z' is not a valid TIMESTAMP (yyyy-mm-dd hh:mm:ss, or ISO-8601 such as 2024-01-01T10:00:00Z)");
    }

    @Test
    void anEmptyFieldIsNull() {
        assertThat(new ColumnParser("A", Types.INTEGER).parse("")).isNull();
    }

    @Test
    void textThatDoesNotFitNamesTheValueAndType() {
        assertThatThrownBy(() -> new ColumnParser("AGE", Types.INTEGER).parse("old"))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("'old' is not a valid INTEGER");
        assertThatThrownBy(() -> new ColumnParser("D", Types.DATE).parse("27/11/2026"))
            .hasMessage("'27/11/2026' is not a valid DATE (yyyy-mm-dd)");
    }
}
