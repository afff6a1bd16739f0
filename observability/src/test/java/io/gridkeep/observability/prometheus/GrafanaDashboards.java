package io.gridkeep.observability.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Grafana dashboards GridKeep ships ({@code observability/grafana/*.json}), parsed, and the PromQL of
 * their panels: the fixture both the dashboard checks and the end-to-end test against Prometheus read them with.
 */
final class GrafanaDashboards {
    /** Where the dashboards are, from the module's directory (where Maven runs the tests). */
    static final Path DIR = Path.of("grafana").toAbsolutePath();

    private GrafanaDashboards() {
    }

    /** Every dashboard, in file name order. */
    static List<JsonNode> all() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList())
                out.add(json.readTree(f.toFile()));
        }
        return out;
    }

    /** Every PromQL expression of every panel of {@code dashboard}. */
    static List<String> queries(JsonNode dashboard) {
        List<String> q = new ArrayList<>();
        for (JsonNode p : dashboard.get("panels")) {
            for (JsonNode t : p.get("targets"))
                q.add(t.get("expr").asText());
        }
        return q;
    }
}
