/**
 * Internal: helpers of the launcher and the CLI (CSV and SQL script parsing, tables, progress bars, port
 * probes, logging set-up) and what the CLI shares with io.gridkeep.node.tls (files written whole with their mode,
 * certificate name checks). Not API.
 */
package io.gridkeep.node.internal;
