package io.gridkeep.observability.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.ElasticsearchServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads what the shipper wrote, straight from the test's Elasticsearch over HTTP. */
final class EsDocs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticsearchServer es;

    EsDocs(ElasticsearchServer es) {
        this.es = es;
    }

    /**
     * The {@code _source} of every document matching a query-string query in {@code indexPattern}; none while a
     * new index's shard is not yet allocated.
     */
    List<JsonNode> search(String indexPattern, String queryString) {
        es.request("POST", "/" + indexPattern + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
        String body = "{\"size\":10000,\"sort\":[{\"@timestamp\":\"asc\"}],\"query\":{\"query_string\":{\"query\":"
            + quote(queryString) + "}}}";
        HttpResponse<String> r = es.request("POST", "/" + indexPattern + "/_search?ignore_unavailable=true&allow_no_indices=true", body);
        // An index the shipper has just created answers 503 until its shard is allocated: nothing searchable yet.
        if (r.statusCode() == 503 && r.body().contains("no_shard_available_action_exception"))
            return List.of();
        if (r.statusCode() != 200)
            throw new AssertionError("search " + indexPattern + " " + queryString + ": " + r.statusCode() + " " + r.body());
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode hit : tree(r.body()).path("hits").path("hits")) {
            ((ObjectNode)hit.get("_source")).put("_index", hit.get("_index").asText());
            ((ObjectNode)hit.get("_source")).put("_id", hit.get("_id").asText());
            out.add(hit.get("_source"));
        }
        return out;
    }

    /** How many documents {@code indexPattern} holds. */
    long count(String indexPattern) {
        es.request("POST", "/" + indexPattern + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
        HttpResponse<String> r = es.request("GET", "/" + indexPattern + "/_count?ignore_unavailable=true&allow_no_indices=true", null);
        return tree(r.body()).path("count").asLong();
    }

    /** Waits until the search returns documents that satisfy {@code done}; returns them. */
    List<JsonNode> await(String indexPattern, String queryString, Predicate<List<JsonNode>> done, Duration timeout) {
        return Await.every(Duration.ofMillis(250)).until(() -> search(indexPattern, queryString), done, timeout,
            "the documents of '" + queryString + "' in " + indexPattern);
    }

    /**
     * Checks for {@code duration} that the search finds no more documents than {@code most}, for an event that
     * must be shipped once: a second copy, had there been one, would have come meanwhile.
     */
    void awaitNoMoreThan(String indexPattern, String queryString, int most, Duration duration) {
        Await.every(Duration.ofMillis(250)).holds(() -> search(indexPattern, queryString).size() <= most, duration,
            "at most " + most + " documents of '" + queryString + "' in " + indexPattern);
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        }
        catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** A field by its dotted ECS name, whether stored dotted or nested. */
    static JsonNode field(JsonNode doc, String dotted) {
        if (doc.has(dotted))
            return doc.get(dotted);
        JsonNode n = doc;
        for (String p : dotted.split("\\."))
            n = n.path(p);
        return n;
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
