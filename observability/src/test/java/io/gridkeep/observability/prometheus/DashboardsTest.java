package io.gridkeep.observability.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Grafana dashboards are importable as they are: valid JSON, a datasource variable, every panel using it. */
class DashboardsTest {
    @Test
    void thereAreTheClusterCacheAndJvmDashboardsWithUniqueIds() throws IOException {
        List<JsonNode> ds = GrafanaDashboards.all();
        assertThat(ds.stream().map(d -> d.get("uid").asText()))
            .containsExactlyInAnyOrder("gridkeep-cache", "gridkeep-cluster", "gridkeep-jvm");
    }

    @Test
    void everyDashboardTakesItsDatasourceAsAVariable() throws IOException {
        for (JsonNode d : GrafanaDashboards.all()) {
            JsonNode vars = d.at("/templating/list");
            assertThat(vars.get(0).get("type").asText()).isEqualTo("datasource");
            assertThat(vars.get(0).get("query").asText()).isEqualTo("prometheus");
            for (JsonNode p : d.get("panels")) {
                assertThat(p.at("/datasource/uid").asText()).as("%s / %s", d.get("title"), p.get("title")).isEqualTo("${datasource}");
                assertThat(p.get("targets")).as("%s has queries", p.get("title")).isNotEmpty();
            }
        }
    }

    @Test
    void panelsHaveUniqueIdsAndDoNotOverlap() throws IOException {
        for (JsonNode d : GrafanaDashboards.all()) {
            Set<Integer> ids = new HashSet<>();
            Set<String> cells = new HashSet<>();
            for (JsonNode p : d.get("panels")) {
                assertThat(ids.add(p.get("id").asInt())).as("unique panel id in %s", d.get("title")).isTrue();
                JsonNode g = p.get("gridPos");
                assertThat(g.get("x").asInt() + g.get("w").asInt()).isLessThanOrEqualTo(24);
                for (int x = g.get("x").asInt(); x < g.get("x").asInt() + g.get("w").asInt(); x++) {
                    for (int y = g.get("y").asInt(); y < g.get("y").asInt() + g.get("h").asInt(); y++)
                        assertThat(cells.add(x + "," + y)).as("%s overlaps in %s", p.get("title"), d.get("title")).isTrue();
                }
            }
        }
    }
}
