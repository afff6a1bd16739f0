package io.gridkeep.observability.elasticsearch.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bounded queue between the threads that produce documents (every logging thread, Ignite's
 * event threads) and the one thread that ships them. {@link #offer} never waits: when the buffer
 * is full the document is dropped and counted, so a slow or dead Elasticsearch costs the grid
 * nothing but those documents.
 */
public final class DocumentBuffer {
    private final ArrayBlockingQueue<Document> queue;
    private final LongAdder offered = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    public DocumentBuffer(int capacity) {
        if (capacity < 1)
            throw new IllegalArgumentException("buffer capacity must be at least 1, was " + capacity);
        queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Adds {@code d} unless the buffer is full; returns whether it was kept. */
    public boolean offer(Document d) {
        offered.increment();
        if (queue.offer(d))
            return true;
        dropped.increment();
        return false;
    }

    /**
     * Counts a drop without building the document when the buffer is already full, so that a dead
     * Elasticsearch makes logging cheaper, not dearer; returns whether there is room for one.
     */
    public boolean hasRoom() {
        if (queue.remainingCapacity() > 0)
            return true;
        offered.increment();
        dropped.increment();
        return false;
    }

    /** The oldest document, waiting up to {@code millis}; null when none came. */
    public Document poll(long millis) throws InterruptedException {
        return queue.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The oldest document or null, without waiting. */
    public Document poll() {
        return queue.poll();
    }

    public int size() {
        return queue.size();
    }

    public int capacity() {
        return queue.size() + queue.remainingCapacity();
    }

    /** Documents ever offered, kept or not. */
    public long offered() {
        return offered.sum();
    }

    /** Documents dropped because the buffer was full. */
    public long dropped() {
        return dropped.sum();
    }
}
