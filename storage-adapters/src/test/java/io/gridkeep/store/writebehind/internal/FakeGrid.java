package io.gridkeep.store.writebehind.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A grid's side of a replay in memory: partitions of entries, with scans that can be made to fail. */
final class FakeGrid implements ReplaySource {
    final Map<Integer, Map<Object, Object>> partitions = new TreeMap<>();
    final AtomicInteger openScans = new AtomicInteger();
    volatile int failAfterEntries = -1;
    volatile boolean exchangeFails;
    volatile boolean exchangeDone = true;
    private final AtomicInteger read = new AtomicInteger();

    FakeGrid put(int partition, Object key, Object value) {
        partitions.computeIfAbsent(partition, p -> new TreeMap<>()).put(key, value);
        return this;
    }

    @Override
    public boolean ready(long topologyVersion) {
        return exchangeDone;
    }

    @Override
    public int[] primaryPartitions(long topologyVersion) {
        if (exchangeFails)
            throw new IllegalStateException("exchange failed");
        return partitions.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public Entries entries(int partition) {
        Iterator<Map.Entry<Object, Object>> it = new ArrayList<>(partitions.get(partition).entrySet()).iterator();
        openScans.incrementAndGet();
        return new Entries() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Entry next() {
                if (failAfterEntries >= 0 && read.incrementAndGet() > failAfterEntries)
                    throw new IllegalStateException("scan failed");
                Map.Entry<Object, Object> e = it.next();
                return new Entry(e.getKey(), e.getValue(), partition, -1);
            }

            @Override
            public void close() {
                openScans.decrementAndGet();
            }
        };
    }

    @Override
    public Entries owedEntries(int partition, Map<Object, Long> owed) {
        Map<Object, Object> part = partitions.getOrDefault(partition, Map.of());
        Iterator<Map.Entry<Object, Long>> it = new ArrayList<>(owed.entrySet()).iterator();
        return new Entries() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Entry next() {
                Map.Entry<Object, Long> e = it.next();
                return new Entry(e.getKey(), part.get(e.getKey()), partition, e.getValue());
            }

            @Override
            public void close() {
            }
        };
    }
}
