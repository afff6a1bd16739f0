/**
 * The contract every GridKeep cache store keeps: StoreMetrics (registry and metric names, registration and
 * removal), StoreEvents (event numbers and messages), and for the loss-free write-behind VersionedBackend
 * (writes applied by version) and WrappedStore (resources handed on). Public API.
 */
package io.gridkeep.store;
