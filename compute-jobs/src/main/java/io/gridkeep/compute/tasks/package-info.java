/**
 * Built-in ComputeTasks that run where the data lives and return only results (aggregate, top-k, word
 * count), callable from thin clients and the CLI. Public API.
 */
package io.gridkeep.compute.tasks;
