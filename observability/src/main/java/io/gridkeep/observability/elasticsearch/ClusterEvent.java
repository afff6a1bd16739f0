package io.gridkeep.observability.elasticsearch;

import java.time.Instant;

/**
 * One cluster event as indexed by {@link ElasticsearchShipper}.
 *
 * @param timestamp when it happened (the reporting node's clock)
 * @param type {@code node-joined}, {@code node-failed}, {@code cache-created}, ... (ECS {@code event.action})
 * @param node consistent id of the node involved, or of the node that reported it; empty if none
 * @param cache the cache involved, or empty
 * @param message a line for people
 */
public record ClusterEvent(Instant timestamp, String type, String node, String cache, String message) {
}
