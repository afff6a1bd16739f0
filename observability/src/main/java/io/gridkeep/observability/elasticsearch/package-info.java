/**
 * Logs and cluster events to Elasticsearch: ElasticsearchShipper is a LifecycleBean that ships a node's log
 * and the cluster's events through a bounded buffer that never blocks the node; GridKeepEventTypes lists
 * the event numbers it indexes. Public API.
 */
package io.gridkeep.observability.elasticsearch;
