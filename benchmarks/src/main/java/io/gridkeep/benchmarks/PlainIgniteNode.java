package io.gridkeep.benchmarks;

import io.gridkeep.observability.prometheus.PrometheusExporterSpi;
import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.JavaProcesses;
import io.gridkeep.testkit.NodeSlot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.calcite.CalciteQueryEngineConfiguration;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.SqlConfiguration;
import org.apache.ignite.indexing.IndexingQueryEngineConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

/**
 * The baseline: a plain Ignite node whose configuration is written by hand in Java to match
 * GridKeep's embedded default (loopback, a REPLICATED FULL_SYNC {@code kv} cache, Calcite
 * default, the same memory region), started by Ignite's own {@code Ignition.start}.
 *
 * <p>Arguments: discovery port, communication port, client port, and optionally a port for
 * GridKeep's Prometheus exporter (the exporter benchmark's "on" side).
 */
public final class PlainIgniteNode {
    /** What the node prints once it serves clients. */
    private static final String READY = "plain ignite node ready";

    private PlainIgniteNode() {
    }

    /**
     * Starts this class in its own JVM on {@code slot}'s ports, with GridKeep's Prometheus exporter on the slot's
     * metrics port when {@code exporter}, and waits until it is ready.
     */
    static ExternalProcess start(String name, NodeSlot slot, boolean exporter, List<String> jvmOptions, Path log) {
        List<String> args = new ArrayList<>(List.of(String.valueOf(slot.discoveryPort()), String.valueOf(slot.communicationPort()),
            String.valueOf(slot.clientPort())));
        if (exporter)
            args.add(String.valueOf(slot.metricsPort()));
        ExternalProcess p = JavaProcesses.start(name, PlainIgniteNode.class.getName(), args, jvmOptions, log);
        try {
            p.awaitOutput("^" + READY, Duration.ofSeconds(120));
        }
        catch (RuntimeException | AssertionError e) {
            p.close();
            throw e;
        }
        return p;
    }

    public static void main(String[] args) throws InterruptedException {
        int disco = Integer.parseInt(args[0]);
        int comm = Integer.parseInt(args[1]);
        int client = Integer.parseInt(args[2]);
        TcpDiscoveryVmIpFinder finder = new TcpDiscoveryVmIpFinder();
        finder.setAddresses(List.of("127.0.0.1:" + disco));
        TcpDiscoverySpi discoSpi = new TcpDiscoverySpi();
        discoSpi.setLocalPort(disco);
        discoSpi.setLocalPortRange(0);
        discoSpi.setIpFinder(finder);
        TcpCommunicationSpi commSpi = new TcpCommunicationSpi();
        commSpi.setLocalPort(comm);
        commSpi.setLocalPortRange(0);
        IgniteConfiguration cfg = new IgniteConfiguration()
            .setIgniteInstanceName("plain")
            .setLocalHost("127.0.0.1")
            .setPeerClassLoadingEnabled(true)
            .setMetricsLogFrequency(0)
            .setDiscoverySpi(discoSpi)
            .setCommunicationSpi(commSpi)
            .setClientConnectorConfiguration(new ClientConnectorConfiguration().setHost("127.0.0.1").setPort(client).setPortRange(0))
            .setSqlConfiguration(new SqlConfiguration().setQueryEnginesConfiguration(
                new CalciteQueryEngineConfiguration().setDefault(true), new IndexingQueryEngineConfiguration()))
            .setDataStorageConfiguration(new DataStorageConfiguration().setDefaultDataRegionConfiguration(
                new DataRegionConfiguration().setName("default").setInitialSize(128L << 20).setMaxSize(1L << 30)))
            .setCacheConfiguration(new CacheConfiguration<>("kv")
                .setCacheMode(CacheMode.REPLICATED)
                .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
                .setStatisticsEnabled(true));
        if (args.length > 3)
            cfg.setMetricExporterSpi(new PrometheusExporterSpi().setPort(Integer.parseInt(args[3])));
        Ignition.start(cfg);
        System.out.println(READY);
        System.out.flush();
        Thread.currentThread().join();
    }
}
