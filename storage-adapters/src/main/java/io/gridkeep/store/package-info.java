/**
 * The contract every GridKeep cache store keeps: StoreMetrics (registry and metric names, registration and
 * removal) and StoreEvents (event numbers and messages). Public API.
 */
package io.gridkeep.store;
