/**
 * HdfsStoreFactory: a CacheStore factory that persists a cache to HDFS as an append-only, compacted log per
 * partition, loaded back with loadCache. Public API.
 */
package io.gridkeep.store.hdfs;
