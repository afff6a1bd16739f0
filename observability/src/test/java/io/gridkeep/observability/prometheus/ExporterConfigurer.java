package io.gridkeep.observability.prometheus;

import io.gridkeep.testkit.NodeConfigurer;
import io.gridkeep.testkit.NodeSlot;
import org.apache.ignite.configuration.IgniteConfiguration;

/** Puts the exporter on a forked test server, on the slot's metrics port. */
public class ExporterConfigurer implements NodeConfigurer {
    @Override
    public IgniteConfiguration configure(NodeSlot slot, IgniteConfiguration cfg) {
        return cfg.setMetricExporterSpi(new PrometheusExporterSpi().setPort(slot.metricsPort()));
    }
}
