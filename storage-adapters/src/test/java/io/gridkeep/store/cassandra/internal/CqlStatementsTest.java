package io.gridkeep.store.cassandra.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CQL the store prepares; preparing and binding it needs a live Cassandra and is {@code CassandraStoreIT}'s. */
class CqlStatementsTest {
    private static StoreSettings settings(String keyColumn, Map<String, String> keyColumns, List<String> keyFields, String keyClass,
                                          Map<String, String> valueColumns, List<String> valueFields, String valueBlobColumn) {
        return new StoreSettings("127.0.0.1:9042", "datacenter1", null, null, "shop",
            "{'class': 'SimpleStrategy', 'replication_factor': 1}", "orders", keyColumn, "bigint", keyClass, keyColumns, keyFields,
            valueBlobColumn == null ? "Order" : null, valueColumns, valueFields, valueBlobColumn, "LOCAL_QUORUM", "LOCAL_QUORUM", 256, 10,
            4, false, List.of(), ClientTls.OFF);
    }

    private static CqlStatements.Cql cql(StoreSettings s) {
        return CqlStatements.Cql.of(s, new KeyCodec(s));
    }

    @Test
    void aKeyColumnAndAValueBlob() {
        CqlStatements.Cql c = cql(settings("id", Map.of(), List.of(), null, Map.of(), List.of(), "body"));

        assertThat(c.select()).isEqualTo("SELECT body FROM shop.orders WHERE id = ?");
        assertThat(c.insert()).isEqualTo("INSERT INTO shop.orders (id, body) VALUES (?, ?)");
        assertThat(c.delete()).isEqualTo("DELETE FROM shop.orders WHERE id = ?");
        assertThat(c.scanRange()).isEqualTo("SELECT id, body FROM shop.orders WHERE token(id) > ? AND token(id) <= ?");
        assertThat(c.scanTail()).isEqualTo("SELECT id, body FROM shop.orders WHERE token(id) > ?");
    }

    @Test
    void versionedWritesBindTheTimestampLastAndVersionedDeletesFirst() {
        CqlStatements.Cql c = cql(settings("id", Map.of(), List.of(), null, Map.of(), List.of(), "body"));

        // insertAt binds key, values, version; deleteAt binds version, key: the marks must be in that order.
        assertThat(c.insertAt()).isEqualTo("INSERT INTO shop.orders (id, body) VALUES (?, ?) USING TIMESTAMP ?");
        assertThat(c.deleteAt()).isEqualTo("DELETE FROM shop.orders USING TIMESTAMP ? WHERE id = ?");
    }

    @Test
    void aCompositeKeyAndValueColumnsInFieldOrderWithAMarkForEachColumn() {
        CqlStatements.Cql c = cql(settings("key", Map.of("Region", "text", "Id", "bigint"), List.of("Region", "Id"), "OrderKey",
            Map.of("Customer", "text", "Total", "decimal"), List.of("Customer", "Total"), null));

        assertThat(c.select()).isEqualTo("SELECT customer, total FROM shop.orders WHERE region = ? AND id = ?");
        assertThat(c.insertAt()).isEqualTo("INSERT INTO shop.orders (region, id, customer, total) VALUES (?, ?, ?, ?) USING TIMESTAMP ?");
        assertThat(c.scanRange())
            .isEqualTo("SELECT region, id, customer, total FROM shop.orders WHERE token(region, id) > ? AND token(region, id) <= ?");
    }
}
