package io.gridkeep.compute.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FieldsTest {
    @Test
    void numbersBecomeExactDecimals() {
        assertThat(Fields.number(7)).isEqualTo(BigDecimal.valueOf(7));
        assertThat(Fields.number(9_000_000_000L)).isEqualTo(BigDecimal.valueOf(9_000_000_000L));
        assertThat(Fields.number(0.1)).isEqualTo(new BigDecimal(0.1));
        assertThat(Fields.number(new BigDecimal("1.50"))).isEqualTo(new BigDecimal("1.50"));
    }

    @Test
    void nonNumbersAndNonFiniteValuesAreNull() {
        assertThat(Fields.number("12")).isNull();
        assertThat(Fields.number(Double.NaN)).isNull();
        assertThat(Fields.number(null)).isNull();
    }

    @Test
    void withoutAFieldNameTheValueItselfIsRead() {
        assertThat(Fields.read("a line of text", null)).isEqualTo("a line of text");
        assertThat(Fields.read("a line of text", "LINE")).isNull();
    }
}
