package io.gridkeep.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigLoaderTest {
    @TempDir
    Path dir;

    private static final String HEADER = """
        <?xml version="1.0" encoding="UTF-8"?>
        <beans xmlns="http://www.springframework.org/schema/beans"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xsi:schemaLocation="http://www.springframework.org/schema/beans http://www.springframework.org/schema/beans/spring-beans.xsd">
          <bean class="org.springframework.context.support.PropertySourcesPlaceholderConfigurer"/>
        """;

    private Path write(String body) throws IOException {
        Path f = dir.resolve("node.xml");
        Files.writeString(f, HEADER + body + "</beans>\n");
        return f;
    }

    @Test
    void embeddedDefaultIsALoopbackNodeWithAReplicatedKvCache() {
        IgniteConfiguration cfg = NodeConfigLoader.loadDefault(Map.of());

        assertThat(cfg.getLocalHost()).isEqualTo("127.0.0.1");
        ClientConnectorConfiguration cc = cfg.getClientConnectorConfiguration();
        assertThat(cc.getPort()).isEqualTo(10800);
        assertThat(cc.getPortRange()).isZero();
        CacheConfiguration<?, ?> kv = cfg.getCacheConfiguration()[0];
        assertThat(kv.getName()).isEqualTo("kv");
        assertThat(kv.getCacheMode()).isEqualTo(CacheMode.REPLICATED);
        assertThat(cfg.getDataStorageConfiguration().getDefaultDataRegionConfiguration().isPersistenceEnabled()).isFalse();
        assertThat(cfg.getSqlConfiguration().getQueryEnginesConfiguration()).hasSize(2);
        assertThat(cfg.getSqlConfiguration().getQueryEnginesConfiguration()[0].isDefault()).isTrue();
    }

    @Test
    void placeholdersTakeTheGivenOverrides() {
        IgniteConfiguration cfg = NodeConfigLoader.loadDefault(Map.of(
            "gridkeep.client.port", "10999",
            "gridkeep.discovery.addresses", "127.0.0.1:1000,127.0.0.1:2000..2002",
            "gridkeep.persistence.enabled", "true"));

        assertThat(cfg.getClientConnectorConfiguration().getPort()).isEqualTo(10999);
        TcpDiscoveryVmIpFinder finder = (TcpDiscoveryVmIpFinder)((TcpDiscoverySpi)cfg.getDiscoverySpi()).getIpFinder();
        assertThat(finder.getRegisteredAddresses()).hasSize(4);
        assertThat(cfg.getDataStorageConfiguration().getDefaultDataRegionConfiguration().isPersistenceEnabled()).isTrue();
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("absent.xml");
        assertThatThrownBy(() -> NodeConfigLoader.load(missing, Map.of()))
            .isInstanceOf(ConfigException.class)
            .hasMessage("cannot load config: file not found (" + missing + ")");
    }

    @Test
    void malformedXmlNamesTheFileAndLine() throws IOException {
        Path f = write("  <bean id=\"x\" class=\"org.apache.ignite.configuration.IgniteConfiguration\">\n  </beanz>\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(f, Map.of()))
            .isInstanceOfSatisfying(ConfigException.class, e -> {
                assertThat(e.file()).isEqualTo(f.toString());
                assertThat(e.line()).isEqualTo(7);
                assertThat(e.why()).startsWith("malformed XML: ");
            });
    }

    @Test
    void unknownPropertyNamesTheKeyAndItsLine() throws IOException {
        Path f = write("""
              <bean class="org.apache.ignite.configuration.IgniteConfiguration">
                <property name="peerClassLoadingEnabled" value="true"/>
                <property name="noSuchThing" value="1"/>
              </bean>
            """);
        assertThatThrownBy(() -> NodeConfigLoader.load(f, Map.of()))
            .isInstanceOfSatisfying(ConfigException.class, e -> {
                assertThat(e.key()).isEqualTo("noSuchThing");
                assertThat(e.line()).isEqualTo(8);
                assertThat(e.getMessage()).isEqualTo("cannot load config: unknown property 'noSuchThing' of IgniteConfiguration ("
                    + f + ":8, key 'noSuchThing')");
            });
    }

    @Test
    void valueOfTheWrongTypeNamesTheKey() throws IOException {
        Path f = write("""
              <bean class="org.apache.ignite.configuration.IgniteConfiguration">
                <property name="metricsLogFrequency" value="often"/>
              </bean>
            """);
        assertThatThrownBy(() -> NodeConfigLoader.load(f, Map.of()))
            .isInstanceOfSatisfying(ConfigException.class, e -> {
                assertThat(e.key()).isEqualTo("metricsLogFrequency");
                assertThat(e.why()).isEqualTo("value 'often' is not a valid long");
                assertThat(e.line()).isEqualTo(7);
            });
    }

    @Test
    void unresolvablePlaceholderNamesItAndHowToSetIt() throws IOException {
        Path f = write("""
              <bean class="org.apache.ignite.configuration.IgniteConfiguration">
                <property name="igniteInstanceName" value="${gridkeep.test.no.such.key}"/>
              </bean>
            """);
        assertThatThrownBy(() -> NodeConfigLoader.load(f, Map.of()))
            .isInstanceOfSatisfying(ConfigException.class, e -> {
                assertThat(e.key()).isEqualTo("gridkeep.test.no.such.key");
                assertThat(e.why()).contains("GRIDKEEP_TEST_NO_SUCH_KEY");
                assertThat(e.line()).isEqualTo(7);
            });
    }

    @Test
    void unknownBeanClassIsNamed() throws IOException {
        Path f = write("  <bean class=\"org.example.Missing\"/>\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(f, Map.of()))
            .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.why()).isEqualTo("class not found: org.example.Missing"));
    }

    @Test
    void aFileWithoutAnIgniteConfigurationSaysSo() throws IOException {
        Path f = write("");
        assertThatThrownBy(() -> NodeConfigLoader.load(f, Map.of()))
            .hasMessageContaining("expected exactly one IgniteConfiguration bean, found 0");
    }
}
