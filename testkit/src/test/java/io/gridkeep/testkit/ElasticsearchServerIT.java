package io.gridkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test Elasticsearch starts, indexes and searches, keeps its data across a stop and a start, and stops. */
@ExtendWith(TestDirs.Extension.class)
class ElasticsearchServerIT {
    @Test
    void indexesSearchesAndKeepsDataAcrossARestart(TestDirs dirs) {
        try (ElasticsearchServer es = ElasticsearchServer.start(dirs.work("es"))) {
            HttpResponse<String> health = es.request("GET", "/_cluster/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"cluster_name\":\"gridkeep-test\"").contains("\"number_of_nodes\":1");

            HttpResponse<String> bulk = es.request("POST", "/_bulk?refresh=true",
                "{\"create\":{\"_index\":\"logs-test\"}}\n{\"message\":\"node joined\",\"level\":\"INFO\"}\n"
                    + "{\"create\":{\"_index\":\"logs-test\"}}\n{\"message\":\"node failed\",\"level\":\"WARN\"}\n");
            assertThat(bulk.statusCode()).isEqualTo(200);
            assertThat(bulk.body()).contains("\"errors\":false");
            HttpResponse<String> search = es.request("POST", "/logs-test/_search",
                "{\"query\":{\"match\":{\"message\":\"failed\"}}}");
            assertThat(search.body()).contains("\"value\":1").contains("node failed");

            es.stop();
            assertThat(es.process().isAlive()).isFalse();
            es.restart();

            assertThat(es.request("GET", "/logs-test/_count", null).body()).contains("\"count\":2");
        }
    }
}
