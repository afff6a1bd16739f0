package io.gridkeep.node.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    @Test
    void readsQuotedFieldsWithDelimitersQuotesAndLineBreaks() throws IOException {
        try (CsvReader r = new CsvReader(new StringReader("a,\"b,c\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",3\n"), ',')) {
            assertThat(r.next()).containsExactly("a", "b,c", "say \"hi\"");
            assertThat(r.recordLine()).isEqualTo(1);
            assertThat(r.next()).containsExactly("1", "two\nlines", "3");
            assertThat(r.recordLine()).isEqualTo(2);
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void aByteOrderMarkAtTheStartIsNotPartOfTheFirstField() throws IOException {
        try (CsvReader r = new CsvReader(new StringReader("\uFEFFid,name\n1,\uFEFFkept\n"), ',')) {
            assertThat(r.next()).containsExactly("id", "name");
            assertThat(r.next()).containsExactly("1", "\uFEFFkept");
        }
    }

    @Test
    void skipsBlankLinesButCountsThem() throws IOException {
        try (CsvReader r = new CsvReader(new StringReader("x\n\n\ny\n"), ',')) {
            r.next();
            assertThat(r.next()).containsExactly("y");
            assertThat(r.recordLine()).isEqualTo(4);
        }
    }

    @Test
    void keepsEmptyFieldsAndTakesOtherDelimiters() throws IOException {
        try (CsvReader r = new CsvReader(new StringReader("a;;c;\n"), ';')) {
            assertThat(r.next()).containsExactly("a", "", "c", "");
        }
    }

    @Test
    void unterminatedQuoteIsAnErrorNamingItsLine() {
        CsvReader r = new CsvReader(new StringReader("ok\n\"open,\n"), ',');
        assertThatThrownBy(() -> {
            r.next();
            r.next();
        }).isInstanceOf(IOException.class).hasMessage("unterminated quoted field starting on line 2");
    }
}
