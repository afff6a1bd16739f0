/**
 * Internal: helpers of the launcher and the CLI (CSV and SQL script parsing, tables, progress bars, port
 * probes, logging set-up). Not API.
 */
package io.gridkeep.node.internal;
