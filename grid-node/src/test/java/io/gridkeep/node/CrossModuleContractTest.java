package io.gridkeep.node;

import io.gridkeep.compute.tasks.AggregateTask;
import io.gridkeep.compute.tasks.TopKTask;
import io.gridkeep.compute.tasks.WordCountTask;
import io.gridkeep.observability.elasticsearch.GridKeepEventTypes;
import io.gridkeep.observability.prometheus.HealthSources;
import io.gridkeep.store.StoreEvents;
import io.gridkeep.security.GridKeepSecurity;
import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.export.ExportTask;
import io.gridkeep.store.tasks.LoadCacheTask;
import io.gridkeep.store.tasks.StoreStatusTask;
import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.compute.ComputeTask;
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
    void theSecurityPluginAllowListNamesEveryBuiltInTaskThatTheCliRuns() throws ClassNotFoundException {
        List<String> all = new ArrayList<>(GridKeepSecurity.BUILT_IN_TASKS);
        all.addAll(GridKeepSecurity.READ_ONLY_BUILT_IN_TASKS);
        for (String name : all)
            assertThat(ComputeTask.class.isAssignableFrom(Class.forName(name))).as(name + " is a ComputeTask").isTrue();
        assertThat(all).contains(ExportTask.class.getName(), LoadCacheTask.class.getName(), StoreStatusTask.class.getName());
        assertThat(GridKeepSecurity.READ_ONLY_BUILT_IN_TASKS).contains(AggregateTask.class.getName(), TopKTask.class.getName(),
            WordCountTask.class.getName(), StoreStatusTask.class.getName());
    }

    @Test
    void healthReadsTheBackendStateUnderTheRegistryNameTheStoresRegister() {
        String registry = StoreMetrics.listedName("cassandra", "orders");
        assertThat(registry).contains(HealthSources.STORE_REGISTRY_PREFIX + "cassandra.orders");
        assertThat(HealthSources.BACKEND_UP).isEqualTo(StoreMetrics.BACKEND_UP);
    }
}
