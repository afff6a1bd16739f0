package io.gridkeep.node;

import io.gridkeep.observability.elasticsearch.GridKeepEventTypes;
import io.gridkeep.observability.prometheus.HealthSources;
import io.gridkeep.store.StoreEvents;
import io.gridkeep.store.StoreMetrics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The libraries never depend on each other, so where observability reads what the storage adapters
 * publish (event numbers, a metric registry's name), each side declares the contract; grid-node sees
 * both and checks that they agree.
 */
class CrossModuleContractTest {
    @Test
    void observabilityIndexesTheEventNumbersTheStoresRecord() {
        assertThat(GridKeepEventTypes.STORE_BACKEND_DOWN).isEqualTo(StoreEvents.BACKEND_DOWN);
        assertThat(GridKeepEventTypes.STORE_BACKEND_UP).isEqualTo(StoreEvents.BACKEND_UP);
    }

    @Test
    void healthReadsTheBackendStateUnderTheRegistryNameTheStoresRegister() {
        String registry = StoreMetrics.listedName("cassandra", "orders");
        assertThat(registry).contains(HealthSources.STORE_REGISTRY_PREFIX + "cassandra.orders");
        assertThat(HealthSources.BACKEND_UP).isEqualTo(StoreMetrics.BACKEND_UP);
    }
}
