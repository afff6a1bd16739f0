/**
 * Internal: what the stores, the write-behind and the export share (the version clock, parallel loading,
 * the Hadoop client configuration, class-loader aware deserialization,
 * how a failure is worded). Not API.
 */
package io.gridkeep.store.internal;
