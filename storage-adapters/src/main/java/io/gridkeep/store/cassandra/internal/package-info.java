/**
 * Internal: the Cassandra store itself and its parts (statements, in-flight dispatcher, token-range
 * loader), its codecs, schema checks, sessions and replica-grouped batches.
 * Not API.
 */
package io.gridkeep.store.cassandra.internal;
