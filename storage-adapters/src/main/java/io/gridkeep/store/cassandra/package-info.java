/**
 * CassandraStoreFactory: a CacheStore factory that persists a cache to a Cassandra table (read-through,
 * write-through, loadCache), configured as a bean in the node XML. Public API.
 */
package io.gridkeep.store.cassandra;
