package io.gridkeep.store.hdfs.internal;

/**
 * Keys and values to the bytes of a log record and back. {@link RecordCodec} is the store's; the
 * parts take this, so that they can be tested with plain bytes and without a node.
 */
interface ObjectCodec {
    byte[] encode(Object o) throws Exception;

    Object decode(byte[] bytes, ClassLoader cl) throws Exception;
}
