package io.gridkeep.observability.elasticsearch.internal;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Puts GridKeep's two composable index templates ({@code <prefix>-logs}, {@code <prefix>-events})
 * before the first document, so that daily indices get the ECS mapping (keywords, dates) rather
 * than whatever dynamic mapping guesses from the first document.
 */
public final class IndexTemplates {
    private static final String DIR = "/io/gridkeep/observability/elasticsearch/";

    private IndexTemplates() {
    }

    /** Puts (or replaces) both templates. */
    public static void install(ElasticsearchClient client, String prefix) throws IOException {
        for (Document.Stream s : Document.Stream.values()) {
            String json = template(s, prefix);
            String name = s.base(prefix);
            client.indices().putIndexTemplate(r -> r.name(name).withJson(new StringReader(json)));
        }
    }

    /** The template body for {@code stream}, with its index pattern. */
    public static String template(Document.Stream stream, String prefix) {
        String file = stream == Document.Stream.LOGS ? "logs-template.json" : "events-template.json";
        try (InputStream in = IndexTemplates.class.getResourceAsStream(DIR + file)) {
            if (in == null)
                throw new IllegalStateException("missing resource " + DIR + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@PATTERN@", stream.base(prefix) + "-*");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
