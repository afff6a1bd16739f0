/**
 * Internal: the write-behind's queue, flusher and replay after a topology change. Not API.
 */
package io.gridkeep.store.writebehind.internal;
