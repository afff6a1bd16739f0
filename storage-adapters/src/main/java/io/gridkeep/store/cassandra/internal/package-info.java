/**
 * Internal: the Cassandra store itself, its codecs, schema checks, sessions and replica-grouped batches.
 * Not API.
 */
package io.gridkeep.store.cassandra.internal;
