/**
 * The grid node: GridKeepNode starts an Ignite node from GridKeep's Spring XML configuration
 * (NodeConfigLoader), with errors that name the file and key. Public API of the assembler, the only module
 * that knows every library.
 */
package io.gridkeep.node;
