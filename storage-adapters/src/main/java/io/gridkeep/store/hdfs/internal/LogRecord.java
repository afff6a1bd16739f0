package io.gridkeep.store.hdfs.internal;

/**
 * One record of the log: a key's bytes, its value's bytes (null for a delete's tombstone) and the
 * write's version; of several records for a key, the highest version is the key's state.
 */
public record LogRecord(byte[] key, byte[] value, long version) {
    public boolean tombstone() {
        return value == null;
    }
}
