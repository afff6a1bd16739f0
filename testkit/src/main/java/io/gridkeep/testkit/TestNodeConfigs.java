package io.gridkeep.testkit;

import java.util.List;
import org.apache.ignite.calcite.CalciteQueryEngineConfiguration;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.SqlConfiguration;
import org.apache.ignite.configuration.ThinClientConfiguration;
import org.apache.ignite.indexing.IndexingQueryEngineConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

/**
 * Plain Ignite configurations for test nodes on loopback, for modules that must not depend on
 * grid-node: Calcite as the default SQL engine with H2 selectable, peer class loading on, a
 * small memory region, every port taken from the {@link NodeSlot}.
 */
public final class TestNodeConfigs {
    private TestNodeConfigs() {
    }

    /** A server node for {@code slot}, in memory. */
    public static IgniteConfiguration server(NodeSlot slot) {
        TcpDiscoveryVmIpFinder ipFinder = new TcpDiscoveryVmIpFinder();
        ipFinder.setAddresses(slot.discoveryAddresses());
        TcpDiscoverySpi disco = new TcpDiscoverySpi();
        disco.setLocalPort(slot.discoveryPort());
        disco.setLocalPortRange(0);
        disco.setIpFinder(ipFinder);
        TcpCommunicationSpi comm = new TcpCommunicationSpi();
        comm.setLocalPort(slot.communicationPort());
        comm.setLocalPortRange(0);
        return new IgniteConfiguration()
            .setIgniteInstanceName(slot.name())
            .setConsistentId(slot.name())
            .setLocalHost("127.0.0.1")
            .setPeerClassLoadingEnabled(true)
            .setMetricsLogFrequency(0)
            .setDiscoverySpi(disco)
            .setCommunicationSpi(comm)
            .setClientConnectorConfiguration(new ClientConnectorConfiguration()
                .setHost("127.0.0.1").setPort(slot.clientPort()).setPortRange(0)
                .setThinClientConfiguration(new ThinClientConfiguration().setMaxActiveComputeTasksPerConnection(100)))
            .setSqlConfiguration(new SqlConfiguration().setQueryEnginesConfiguration(
                new CalciteQueryEngineConfiguration().setDefault(true), new IndexingQueryEngineConfiguration()))
            .setDataStorageConfiguration(new DataStorageConfiguration()
                .setDefaultDataRegionConfiguration(new DataRegionConfiguration()
                    .setName("default").setInitialSize(64L << 20).setMaxSize(512L << 20)));
    }

    /** A thick client node that joins the cluster of {@code servers} through their discovery ports. */
    public static IgniteConfiguration client(String name, List<NodeSlot> servers) {
        TcpDiscoveryVmIpFinder ipFinder = new TcpDiscoveryVmIpFinder();
        ipFinder.setAddresses(servers.get(0).discoveryAddresses());
        TcpDiscoverySpi disco = new TcpDiscoverySpi();
        disco.setIpFinder(ipFinder);
        disco.setLocalPort(FreePorts.one());
        disco.setLocalPortRange(0);
        TcpCommunicationSpi comm = new TcpCommunicationSpi();
        comm.setLocalPort(FreePorts.one());
        comm.setLocalPortRange(0);
        return new IgniteConfiguration()
            .setIgniteInstanceName(name)
            .setClientMode(true)
            .setLocalHost("127.0.0.1")
            .setPeerClassLoadingEnabled(true)
            .setMetricsLogFrequency(0)
            .setDiscoverySpi(disco)
            .setCommunicationSpi(comm);
    }

    /** The client addresses of every slot, for a thin client that may fail over between them. */
    public static String[] clientAddresses(List<NodeSlot> slots) {
        return slots.stream().map(NodeSlot::clientAddress).toArray(String[]::new);
    }
}
