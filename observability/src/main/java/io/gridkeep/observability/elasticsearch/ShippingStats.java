package io.gridkeep.observability.elasticsearch;

/**
 * Counts of an {@link ElasticsearchShipper}. Every document offered is, at any time, exactly one
 * of: dropped (buffer full), shipped, a duplicate, rejected, pending, or unshipped at stop.
 *
 * @param offered documents offered to the buffer
 * @param dropped documents dropped because the buffer was full
 * @param shipped documents indexed
 * @param duplicates documents Elasticsearch already had
 * @param rejected documents Elasticsearch refused for good
 * @param failedRequests requests that failed and were retried
 * @param pending documents buffered, waiting for a retry, or in flight
 * @param lostOnStop documents still unshipped when the node stopped
 * @param up whether the last request to Elasticsearch succeeded
 */
public record ShippingStats(long offered, long dropped, long shipped, long duplicates, long rejected, long failedRequests,
                            long pending, long lostOnStop, boolean up) {
}
