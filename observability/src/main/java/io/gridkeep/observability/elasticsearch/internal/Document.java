package io.gridkeep.observability.elasticsearch.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One document to index: which stream it belongs to, its id when it must be written once only,
 * its time (which picks the daily index) and its ECS fields.
 *
 * @param id the document id, or null to let Elasticsearch choose one
 * @param source ECS fields with dotted names ({@code log.level}); filled in further by the shipper
 */
public record Document(Stream stream, String id, Instant timestamp, Map<String, Object> source) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    /** The two kinds of documents, each with its own indices and template. */
    public enum Stream {
        LOGS("logs"), EVENTS("events");

        private final String suffix;

        Stream(String suffix) {
            this.suffix = suffix;
        }

        /** {@code <prefix>-logs} or {@code <prefix>-events}: the name before the date. */
        public String base(String prefix) {
            return prefix + "-" + suffix;
        }
    }

    /** {@code <prefix>-<stream>-yyyy.MM.dd}, by the document's UTC day. */
    public String index(String prefix) {
        return stream.base(prefix) + "-" + DAY.format(timestamp);
    }
}
