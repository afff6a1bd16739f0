package io.gridkeep.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ErrorsTest {
    @Test
    void aRefusedConnectionAnywhereInTheChainIsSaidPlainly() {
        assertThat(Errors.describe(new RuntimeException("wrapper", new ConnectException("Connection refused (x)"))))
            .isEqualTo("connection refused");
    }

    @Test
    void aReadTimeoutUnderAnSqlErrorSaysTheNodeDidNotAnswerInTime() {
        SQLException e = new SQLException("Failed to communicate with Ignite cluster", new SocketTimeoutException("Read timed out"));
        assertThat(Errors.describe(e)).isEqualTo("no answer in time (--timeout-ms): the node may be frozen, overloaded or cut off");
    }

    @Test
    void anSqlErrorGivesItsFirstLine() {
        assertThat(Errors.describe(new RuntimeException(new SQLException("Failed to parse query\nat line 1"))))
            .isEqualTo("Failed to parse query");
    }

    @Test
    void aHugeMessageIsCut() {
        String keys = "Failed to INSERT some keys because they are already in cache [keys=" + "1, ".repeat(5000) + "]";
        String d = Errors.describe(new SQLException(keys));
        assertThat(d).hasSize(Errors.MAX_LENGTH).startsWith("Failed to INSERT some keys").endsWith("...");
    }
}
