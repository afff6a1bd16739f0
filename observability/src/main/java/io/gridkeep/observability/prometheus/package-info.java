/**
 * Prometheus metrics and health on every node: PrometheusExporterSpi is a MetricExporterSpi serving
 * /metrics and /health; HealthStatus and HealthSources say what health means and what it reads. Public API.
 */
package io.gridkeep.observability.prometheus;
