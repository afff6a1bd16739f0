package io.gridkeep.store.hdfs.internal;

/**
 * Wall-clock time during which at least one batch was in the store's hands. Batches overlap (one is
 * encoded while the one before it syncs), so adding up each batch's own time would count the
 * overlap twice and make a pipelined store look busier than it is.
 */
final class BusyTime {
    private int active;
    private long since;
    private long total;

    synchronized void enter() {
        if (active++ == 0)
            since = System.nanoTime();
    }

    synchronized void exit() {
        if (--active == 0)
            total += System.nanoTime() - since;
    }

    synchronized long nanos() {
        return total + (active > 0 ? System.nanoTime() - since : 0);
    }
}
