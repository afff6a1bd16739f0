package io.gridkeep.observability.elasticsearch;

import static io.gridkeep.observability.elasticsearch.EsDocs.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridkeep.testkit.ElasticsearchServer;
import io.gridkeep.testkit.ForkedCluster;
import io.gridkeep.testkit.TestDirs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A node killed with SIGKILL: its failure is one document, shipped by a survivor. */
@ExtendWith(TestDirs.Extension.class)
class NodeFailureEventIT {
    @Test
    void aKilledNodeIsReportedFailedExactlyOnce(TestDirs dirs) {
        try (ElasticsearchServer es = ElasticsearchServer.start(dirs.work("es"));
             ForkedCluster cluster = ForkedCluster.start(3, dirs.logs(),
                 List.of("-Xmx384m", "-Dgridkeep.test.es.url=" + es.url(), "-Dgridkeep.test.es.prefix=fail1"), null,
                 ShipperConfigurer.class)) {
            EsDocs docs = new EsDocs(es);
            // The oldest node, which ships cluster events, is the one killed: a survivor must take over.
            String killed = cluster.slots().get(0).name();
            docs.await("fail1-events-*", "event.action:node-joined", l -> l.size() == 2, Duration.ofSeconds(60));

            cluster.kill(0);

            docs.await("fail1-events-*", "event.action:node-failed", l -> !l.isEmpty(), Duration.ofSeconds(90));
            docs.awaitNoMoreThan("fail1-events-*", "event.action:node-failed", 1, Duration.ofSeconds(2));
            List<JsonNode> failed = docs.search("fail1-events-*", "event.action:node-failed");
            assertThat(failed).hasSize(1);
            JsonNode doc = failed.get(0);
            assertThat(field(doc, "ignite.event.node_consistent_id").asText()).isEqualTo(killed);
            assertThat(field(doc, "ignite.servers").asInt()).isEqualTo(2);
            assertThat(field(doc, "ignite.consistent_id").asText()).isEqualTo(cluster.slots().get(1).name());
            assertThat(field(doc, "message").asText()).contains(killed).contains("failed");
        }
    }
}
