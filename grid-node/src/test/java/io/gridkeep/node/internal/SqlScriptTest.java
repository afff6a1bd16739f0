package io.gridkeep.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScriptTest {
    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        SqlScript.Split s = SqlScript.split("INSERT INTO t VALUES ('a;b', \"x;y\"); -- c;d\nSELECT 1 /* e;f */ ; ");
        assertThat(s.statements()).containsExactly("INSERT INTO t VALUES ('a;b', \"x;y\")", "-- c;d\nSELECT 1 /* e;f */");
        assertThat(s.restHasSql()).isFalse();
    }

    @Test
    void keepsTheUnterminatedRest() {
        SqlScript.Split s = SqlScript.split("SELECT 1; SELECT\n 2");
        assertThat(s.statements()).containsExactly("SELECT 1");
        assertThat(s.rest()).isEqualTo(" SELECT\n 2");
        assertThat(s.restHasSql()).isTrue();
    }

    @Test
    void doubledQuotesStayInsideTheString() {
        assertThat(SqlScript.split("SELECT 'it''s; fine';").statements()).containsExactly("SELECT 'it''s; fine'");
    }

    @Test
    void reportsTheLineEachStatementStartsOn() {
        SqlScript.Split s = SqlScript.split("-- header\nCREATE TABLE a (id INT);\n\n\nSELECT\n*\nFROM a;");
        assertThat(s.lines()).containsExactly(2, 5);
    }

    @Test
    void emptyStatementsAndCommentOnlyTextYieldNothing() {
        SqlScript.Split s = SqlScript.split(";; -- nothing\n/* still nothing */");
        assertThat(s.statements()).isEmpty();
        assertThat(s.restHasSql()).isFalse();
    }
}
