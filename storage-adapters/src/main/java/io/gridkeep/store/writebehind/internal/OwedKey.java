package io.gridkeep.store.writebehind.internal;

import java.io.Serializable;

/**
 * A key's update as Ignite numbered it: {@code counter} in {@code partition}. The write-behind's nodes
 * send these to each other to say which updates reached the backend ({@link OwedUpdates#written}).
 *
 * <p>A class, not a record: Ignite's binary marshaller, which carries it between nodes, sets fields
 * reflectively, which Java forbids for a record's.
 */
final class OwedKey implements Serializable {
    private static final long serialVersionUID = 1L;

    private int partition;
    private Object key;
    private long counter;

    OwedKey(int partition, Object key, long counter) {
        this.partition = partition;
        this.key = key;
        this.counter = counter;
    }

    int partition() {
        return partition;
    }

    Object key() {
        return key;
    }

    long counter() {
        return counter;
    }

    @Override
    public String toString() {
        return "OwedKey[partition=" + partition + ", key=" + key + ", counter=" + counter + "]";
    }
}
