package io.gridkeep.observability.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Grafana dashboards are importable as they are: valid JSON, a datasource variable, every panel using it. */
class DashboardsTest {
    static final Path DIR = Path.of("grafana").toAbsolutePath();

    static List<JsonNode> dashboards() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList())
                out.add(new ObjectMapper().readTree(f.toFile()));
        }
        return out;
    }

    /** Every PromQL expression of every panel of {@code d}. */
    static List<String> queries(JsonNode d) {
        List<String> q = new ArrayList<>();
        for (JsonNode p : d.get("panels")) {
            for (JsonNode t : p.get("targets"))
                q.add(t.get("expr").asText());
        }
        return q;
    }

    @Test
    void thereAreTheClusterCacheAndJvmDashboardsWithUniqueIds() throws IOException {
        List<JsonNode> ds = dashboards();
        assertThat(ds.stream().map(d -> d.get("uid").asText())).containsExactlyInAnyOrder("gridkeep-cache", "gridkeep-cluster", "gridkeep-jvm");
    }

    @Test
    void everyDashboardTakesItsDatasourceAsAVariable() throws IOException {
        for (JsonNode d : dashboards()) {
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
        for (JsonNode d : dashboards()) {
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
