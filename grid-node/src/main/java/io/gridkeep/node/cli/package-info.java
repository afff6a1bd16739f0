/**
 * The gridkeep command line (picocli): node start, kv, sql, cluster, load, compute, store, events, certs. Its
 * commands, output and exit codes are the user interface (docs/cli.md); its classes are package-private.
 * Not API for Java callers.
 */
package io.gridkeep.node.cli;
