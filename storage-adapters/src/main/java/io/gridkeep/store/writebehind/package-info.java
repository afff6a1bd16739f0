/**
 * The loss-free write-behind: LossFreeWriteBehindFactory wraps any VersionedBackend so that an acknowledged
 * update reaches the backend even when its primary node dies. Public API.
 */
package io.gridkeep.store.writebehind;
