package io.gridkeep.observability.prometheus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricNamesTest {
    @Test
    void theVariablePartOfARegistryNameBecomesALabel() {
        assertThat(MetricNames.registry("cache.orders")).isEqualTo(new MetricNames.RegistryName("ignite_cache", Map.of("cache", "orders")));
        assertThat(MetricNames.registry("io.dataregion.default").labels()).containsEntry("region", "default");
        assertThat(MetricNames.registry("threadPools.GridSystemExecutor").labels()).containsEntry("pool", "GridSystemExecutor");
    }

    @Test
    void otherRegistriesBecomeSnakeCasePrefixes() {
        assertThat(MetricNames.registry("io.discovery").prefix()).isEqualTo("ignite_io_discovery");
        assertThat(MetricNames.registry("client.connector").prefix()).isEqualTo("ignite_client_connector");
        assertThat(MetricNames.registry("ignite").prefix()).isEqualTo("ignite_node");
    }

    @Test
    void gridKeepsOwnCustomRegistriesAreNamedGridkeep() {
        assertThat(MetricNames.registry("custom.gridkeep.elasticsearch").prefix()).isEqualTo("gridkeep_elasticsearch");
        assertThat(MetricNames.family("gridkeep_elasticsearch", "DocumentsDropped", true))
            .isEqualTo("gridkeep_elasticsearch_documents_dropped_total");
        // The store metrics the write-behind alert rule reads.
        assertThat(MetricNames.registry("custom.gridkeep.store.cassandra.orders"))
            .isEqualTo(new MetricNames.RegistryName("gridkeep_store", Map.of("store", "cassandra", "cache", "orders")));
        assertThat(MetricNames.family("gridkeep_store", "FlushLagSeconds", false)).isEqualTo("gridkeep_store_flush_lag_seconds");
    }

    @Test
    void countersEndInTotalAndRepeatedWordsAreDropped() {
        assertThat(MetricNames.family("ignite_cache", "CachePuts", true)).isEqualTo("ignite_cache_puts_total");
        assertThat(MetricNames.family("ignite_cache", "OffHeapGets", true)).isEqualTo("ignite_cache_off_heap_gets_total");
    }

    @Test
    void gaugesNeverUseTheSuffixesPrometheusReservesForHistograms() {
        assertThat(MetricNames.family("ignite_dataregion", "LargeEntriesPagesCount", false))
            .isEqualTo("ignite_dataregion_large_entries_pages");
        assertThat(MetricNames.family("ignite_dataregion", "PagesTotal", false)).isEqualTo("ignite_dataregion_pages");
        assertThat(MetricNames.family("ignite_pme", "DurationHistogram", false)).isEqualTo("ignite_pme_duration");
    }

    @Test
    void dottedMetricNamesSplitIntoNameAndLabel() {
        assertThat(MetricNames.splitDotted("receivedMessagesByType.-26")).containsExactly("receivedMessagesByType", "message_type", "-26");
        assertThat(MetricNames.splitDotted("node-1.sentMessagesToNode")).containsExactly("sentMessagesToNode", "remote_node", "node-1");
        assertThat(MetricNames.splitDotted("jdbc.activeSessions")).containsExactly("activeSessions", "client_type", "jdbc");
        assertThat(MetricNames.splitDotted("CachePuts")).containsExactly("CachePuts", null, null);
    }

    @Test
    void namesAreSanitized() {
        assertThat(MetricNames.snake("OffheapUsedSize")).isEqualTo("offheap_used_size");
        assertThat(MetricNames.sanitize("9lives-x")).isEqualTo("_9lives_x");
    }
}
