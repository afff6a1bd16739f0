/**
 * Internal: the shipper's buffer, bulk requests, ECS documents, index templates, Log4j appender and event
 * recorder. Not API.
 */
package io.gridkeep.observability.elasticsearch.internal;
