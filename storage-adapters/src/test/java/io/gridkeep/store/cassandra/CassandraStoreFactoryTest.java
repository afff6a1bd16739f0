package io.gridkeep.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CassandraStoreFactoryTest {
    private static CassandraStoreFactory<Long, Object> valid() {
        return new CassandraStoreFactory<Long, Object>().setTable("t").setValueType("x.Y").setValueColumns(Map.of("a", "text"));
    }

    @Test
    void settingsNeverPrintTheLoginPassword() {
        String printed = valid().setUsername("app").setPassword("s3cret-login").settings().toString();
        assertThat(printed).contains("username=app", "password=(hidden)").doesNotContain("s3cret-login");
    }

    @Test
    void aMissingTableIsNamed() {
        assertThatThrownBy(() -> new CassandraStoreFactory<>().setValueType("x.Y").setValueColumns(Map.of("a", "text")).settings())
            .hasMessageContaining("property 'table'");
    }

    @Test
    void anUnknownCqlTypeIsNamedWithItsField() {
        assertThatThrownBy(() -> valid().setValueColumns(Map.of("price", "money")).settings())
            .hasMessageContaining("'money' (field price) is not a supported CQL type").hasMessageContaining("property 'valueColumns'");
    }

    @Test
    void columnsAndBlobExcludeEachOther() {
        assertThatThrownBy(() -> valid().setValueBlobColumn("v").settings()).hasMessageContaining("set exactly one");
    }

    @Test
    void aBadConsistencyLevelIsNamed() {
        assertThatThrownBy(() -> valid().setWriteConsistency("MOST").settings()).hasMessageContaining("property 'writeConsistency'");
    }

    @Test
    void aKeyIsEitherOneColumnOrOneColumnPerField() {
        assertThatThrownBy(() -> valid().setKeyColumn("id").setKeyColumns(Map.of("region", "text")).setKeyClass("x.K").settings())
            .hasMessageContaining("keyColumn/keyType and keyColumns set both").hasMessageContaining("property 'keyColumns'");
    }

    @Test
    void keyColumnsNeedTheKeyClass() {
        assertThatThrownBy(() -> valid().setKeyColumns(Map.of("region", "text")).settings()).hasMessageContaining("property 'keyClass'");
    }

    @Test
    void aValueFieldNamedLikeAKeyColumnIsRefused() {
        assertThatThrownBy(() -> valid().setKeyColumns(Map.of("a", "text")).setKeyClass("x.K").settings())
            .hasMessageContaining("field a has the name of a key column");
    }

    @Test
    void aReservedCqlWordIsRefusedAsAName() {
        assertThatThrownBy(() -> valid().setTable("full").settings())
            .hasMessageContaining("'full' is not a CQL name (letters, digits, _; not a reserved word)")
            .hasMessageContaining("property 'table'");
    }

    @Test
    void batchRowsOutOfRangeIsNamed() {
        assertThatThrownBy(() -> valid().setBatchRows(0).settings())
            .hasMessageContaining("property 'batchRows'").hasMessageContaining("not 0");
    }
}
