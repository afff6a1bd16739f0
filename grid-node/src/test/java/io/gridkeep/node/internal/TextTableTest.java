package io.gridkeep.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void alignsColumnsToTheWidestCell() {
        StringWriter sw = new StringWriter();
        new TextTable("NAME", "SIZE").row("kv", "12").row("orders", "3").print(new PrintWriter(sw, true));
        assertThat(sw.toString()).isEqualTo("NAME    SIZE\nkv      12\norders  3\n");
    }
}
