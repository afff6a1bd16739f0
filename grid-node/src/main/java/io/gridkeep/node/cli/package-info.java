/**
 * The gridkeep command line (picocli): node start, kv, sql, cluster, load, compute, store, events. Its
 * commands, output and exit codes are the user interface; its classes are package-private and not Java API.
 */
package io.gridkeep.node.cli;
