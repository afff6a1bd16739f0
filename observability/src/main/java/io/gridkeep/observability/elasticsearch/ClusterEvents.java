package io.gridkeep.observability.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.gridkeep.observability.elasticsearch.internal.ClusterEventRecorder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads back the cluster events that {@link ElasticsearchShipper}s indexed, newest last.
 *
 * <pre>{@code
 * List<ClusterEvent> failures = ClusterEvents.search(ElasticsearchConnection.of("http://127.0.0.1:9200"),
 *     "gridkeep", Duration.ofHours(1), "node-failed", 100);
 * }</pre>
 */
public final class ClusterEvents {
    private ClusterEvents() {
    }

    /** Every event type the shipper writes. */
    public static List<String> types() {
        return ClusterEventRecorder.actions();
    }

    /**
     * The latest events.
     *
     * @param since how far back to look
     * @param type one of {@link #types()}, or null for all
     * @param limit at most this many (the most recent ones), in time order
     * @throws IllegalArgumentException for an unknown type
     * @throws IOException when Elasticsearch cannot be reached or refuses the search
     */
    public static List<ClusterEvent> search(ElasticsearchConnection es, String indexPrefix, Duration since, String type, int limit)
        throws IOException {
        if (type != null && !types().contains(type))
            throw new IllegalArgumentException("unknown event type '" + type + "' (one of " + String.join(", ", types()) + ")");
        List<Query> filters = new ArrayList<>();
        String from = Instant.now().minus(since).toString();
        filters.add(Query.of(q -> q.range(r -> r.untyped(u -> u.field("@timestamp").gte(JsonData.of(from))))));
        if (type != null)
            filters.add(Query.of(q -> q.term(t -> t.field("event.action").value(type))));
        SearchResponse<JsonData> resp;
        try (ElasticsearchConnection.Client c = es.open()) {
            resp = c.api().search(s -> s.index(indexPrefix + "-events-*").ignoreUnavailable(true).allowNoIndices(true)
                .size(limit).sort(o -> o.field(f -> f.field("@timestamp").order(SortOrder.Desc)))
                .query(q -> q.bool(b -> b.filter(filters))), JsonData.class);
        }
        catch (ElasticsearchException e) {
            throw new IOException(e.getMessage(), e);
        }
        List<ClusterEvent> out = new ArrayList<>();
        for (Hit<JsonData> h : resp.hits().hits()) {
            JsonObject src = h.source().toJson().asJsonObject();
            String node = str(src, "ignite.event.node_consistent_id");
            if (node.isEmpty())
                node = str(src, "ignite.consistent_id");
            out.add(new ClusterEvent(Instant.parse(str(src, "@timestamp")), str(src, "event.action"), node,
                str(src, "ignite.cache"), str(src, "message")));
        }
        Collections.reverse(out);
        return out;
    }

    /** A field stored dotted ({@code "event.action"}) as the shipper writes it, or nested. */
    private static String str(JsonObject o, String dotted) {
        JsonValue v = o.get(dotted);
        if (v == null) {
            JsonValue cur = o;
            for (String p : dotted.split("\\.")) {
                if (!(cur instanceof JsonObject jo) || !jo.containsKey(p))
                    return "";
                cur = jo.get(p);
            }
            v = cur;
        }
        if (v == null || v == JsonValue.NULL)
            return "";
        return v instanceof jakarta.json.JsonString js ? js.getString() : v.toString();
    }
}
