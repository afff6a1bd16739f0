/**
 * ComputeTasks about stores that the CLI and thin clients run on every server: LoadCacheTask (loadCache
 * everywhere) and StoreStatusTask (every node's store metrics, last errors included). Public API.
 */
package io.gridkeep.store.tasks;
