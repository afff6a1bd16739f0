/**
 * Internal: Ignite metric registries turned into Prometheus families and labels, and the reading of a
 * node's health. Not API.
 */
package io.gridkeep.observability.prometheus.internal;
