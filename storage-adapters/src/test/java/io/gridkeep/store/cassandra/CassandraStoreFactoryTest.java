package io.gridkeep.store.cassandra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CassandraStoreFactoryTest {
    private static CassandraStoreFactory<Long, Object> valid() {
        return new CassandraStoreFactory<Long, Object>().setTable("t").setValueType("x.Y").setValueColumns(Map.of("a", "text"));
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
}
