/**
 * Internal: the HDFS store itself and its parts (write pipeline, loader, maintenance), its record
 * format and codec, segments, compaction and partition state.
 * Not API; the on-disk format is documented in docs/hdfs.md.
 */
package io.gridkeep.store.hdfs.internal;
