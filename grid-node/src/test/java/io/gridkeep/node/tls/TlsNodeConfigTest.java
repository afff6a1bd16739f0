package io.gridkeep.node.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.node.NodeConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node XML of docs/cli.md ("Using them") takes the issued files as they are, passwords from placeholders. */
class TlsNodeConfigTest {
    @TempDir
    Path dir;

    @Test
    void theDocumentedNodeXmlMakesIgnitesSslContextFromTheIssuedFiles() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(dir).password("ca".toCharArray()).truststorePassword("trust".toCharArray())
            .write();
        IssuedCertificate node = ca.issue("node1").password("node".toCharArray()).write();
        Path xml = Files.writeString(dir.resolve("node.xml"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="http://www.springframework.org/schema/beans"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="http://www.springframework.org/schema/beans http://www.springframework.org/schema/beans/spring-beans.xsd">
              <bean class="org.springframework.context.support.PropertySourcesPlaceholderConfigurer"/>
              <bean class="org.apache.ignite.configuration.IgniteConfiguration">
                <property name="sslContextFactory">
                  <bean class="org.apache.ignite.ssl.SslContextFactory">
                    <property name="keyStoreType" value="PKCS12"/>
                    <property name="keyStoreFilePath" value="%s"/>
                    <property name="keyStorePassword" value="${GRIDKEEP_KEYSTORE_PASSWORD}"/>
                    <property name="trustStoreType" value="PKCS12"/>
                    <property name="trustStoreFilePath" value="%s"/>
                    <property name="trustStorePassword" value="${GRIDKEEP_TRUSTSTORE_PASSWORD}"/>
                  </bean>
                </property>
                <property name="clientConnectorConfiguration">
                  <bean class="org.apache.ignite.configuration.ClientConnectorConfiguration">
                    <property name="sslEnabled" value="true"/>
                    <property name="useIgniteSslContextFactory" value="true"/>
                    <property name="sslClientAuth" value="true"/>
                  </bean>
                </property>
              </bean>
            </beans>
            """.formatted(node.keystore(), ca.truststore()));

        IgniteConfiguration cfg = NodeConfigLoader.load(xml, Map.of("GRIDKEEP_KEYSTORE_PASSWORD", "node",
            "GRIDKEEP_TRUSTSTORE_PASSWORD", "trust"));

        SslContextFactory ssl = (SslContextFactory)cfg.getSslContextFactory();
        assertThat(ssl.getKeyStorePassword()).isEqualTo("node".toCharArray());
        SSLContext ctx = ssl.create();
        assertThat(ctx.getProtocol()).isEqualTo("TLS");
        ClientConnectorConfiguration cc = cfg.getClientConnectorConfiguration();
        assertThat(cc.isSslEnabled()).isTrue();
        assertThat(cc.isUseIgniteSslContextFactory()).isTrue();
        assertThat(cc.isSslClientAuth()).isTrue();
    }
}
