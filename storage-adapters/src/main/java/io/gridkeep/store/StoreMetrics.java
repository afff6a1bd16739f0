package io.gridkeep.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.metric.MetricRegistry;

/**
 * The metrics of GridKeep's cache stores: one Ignite metric registry per store and cache on each
 * node, {@code gridkeep.store.<store>.<cache>}, with the metric names below. This class is the one
 * place that spells them: the stores and the write-behind register through it, and
 * {@link io.gridkeep.store.tasks.StoreStatusTask}, the CLI's {@code gridkeep store status}, tests and
 * benchmarks read through it. Prometheus shows a metric {@code FlushLagSeconds} of store
 * {@code cassandra} and cache {@code orders} as {@code gridkeep_store_flush_lag_seconds{store="cassandra",cache="orders"}}.
 *
 * <p>A registry belongs to the outermost GridKeep store of its cache: the loss-free write-behind
 * when there is one (it hands the same instance to the store it wraps), else the store itself. The
 * owner registers it in its {@code start()} and removes it in its {@code stop()}.
 *
 * <pre>{@code
 * StoreMetrics metrics = StoreMetrics.register(ignite, log, "cassandra", "orders");
 * LongAdder rows = metrics.counter(StoreMetrics.ROWS_WRITTEN, "Total number of rows written to or deleted from Cassandra.");
 * ...
 * metrics.recordError("cannot write key 7: timeout");   // LastError, with its time
 * metrics.remove();                                      // in stop()
 * }</pre>
 *
 * <p>Reading a node's values in-process:
 * <pre>{@code
 * for (ReadOnlyMetricRegistry r : ignite.metrics())
 *     StoreMetrics.idOf(r.name()).ifPresent(id -> System.out.println(id.store() + " " + id.cache() + " "
 *         + r.findMetric(StoreMetrics.PENDING_ENTRIES).getAsString()));
 * }</pre>
 */
public final class StoreMetrics {
    /** Registries of stores are named with this prefix, then {@code <store>.<cache>}. */
    public static final String REGISTRY_PREFIX = "gridkeep.store.";

    /** Ignite lists registries created through {@code ignite.metrics()} with this prefix in front of their name. */
    public static final String CUSTOM_PREFIX = "custom.";

    /** Rows (writes and deletes) a store wrote to its backend; in write-behind mode too, since the write-behind writes through it. */
    public static final String ROWS_WRITTEN = "RowsWritten";

    /** Requests (Cassandra) or batches (HDFS) that the backend failed, including deletes. */
    public static final String FAILURES = "Failures";

    /** The last failure as text, starting with its ISO-8601 UTC time; empty when none. Prometheus has no text metrics: the CLI shows it. */
    public static final String LAST_ERROR = "LastError";

    /** Reads through to the backend that found a row. */
    public static final String READ_THROUGH_HITS = "ReadThroughHits";

    /** Reads through to the backend that found no row. */
    public static final String READ_THROUGH_MISSES = "ReadThroughMisses";

    /** Bytes appended to the backend (HDFS segments). */
    public static final String BYTES_WRITTEN = "BytesWritten";

    /** Partition compactions this node ran (HDFS). */
    public static final String COMPACTIONS = "Compactions";

    /** Segments this node closed (HDFS). */
    public static final String SEGMENTS_ROLLED = "SegmentsRolled";

    /** Torn segment tails skipped by {@code loadCache} (HDFS). */
    public static final String TORN_TAILS = "TornTails";

    /** Files with a torn tail that compaction kept instead of deleting them, once per file and node (HDFS). */
    public static final String TORN_FILES_KEPT = "TornFilesKept";

    /**
     * Stored keys or values that the store's allow-list of classes to deserialize rejected
     * ({@code allowedClasses}): entries {@code loadCache} skipped, and reads through that failed
     * because of it. Each is also logged at WARN with the cache, the key (or file and offset) and the class.
     */
    public static final String REJECTED_VALUES = "RejectedValues";

    /** Time spent encoding, appending and syncing batches, in seconds (HDFS). */
    public static final String WRITE_SECONDS = "WriteSeconds";

    /** Write-behind: keys waiting on this node to be written. Its presence marks a write-behind store. */
    public static final String PENDING_ENTRIES = "PendingEntries";

    /** Write-behind: how many keys may wait on this node before updates wait for room. */
    public static final String MAX_PENDING_ENTRIES = "MaxPendingEntries";

    /** Write-behind: age of the oldest update still waiting, in seconds (the alert rule {@code GridKeepStoreWriteBehindLag} reads it). */
    public static final String FLUSH_LAG_SECONDS = "FlushLagSeconds";

    /** Write-behind: updates written to the backend. */
    public static final String UPDATES_WRITTEN = "UpdatesWritten";

    /** Write-behind: entries written again by replays after a server left (also counted in {@link #UPDATES_WRITTEN}). */
    public static final String UPDATES_REPLAYED = "UpdatesReplayed";

    /** Write-behind: 1 while a replay (after a server left, or a start from native persistence) waits or runs on this node. */
    public static final String REPLAY_OWED = "ReplayOwed";

    /** Write-behind: the topology version whose replay this node finished last (-1 before any): a test or operator waits for it. */
    public static final String REPLAYED_TOPOLOGY = "ReplayedTopologyVersion";

    /**
     * Write-behind: keys whose last update this node saw as an owner (primary or backup) and no node has
     * said it wrote yet: what a replay after a failure writes, for the partitions whose set is complete.
     */
    public static final String OWED_KEYS = "OwedKeys";

    /**
     * Write-behind: how far ahead of this node's wall clock its version clock runs, in microseconds,
     * because a server with a faster clock was heard (0 when this node's clock is the fastest).
     */
    public static final String CLOCK_LEAD_MICROS = "ClockLeadMicros";

    /** Write-behind: flushes that failed and are retried. */
    public static final String FLUSH_FAILURES = "FlushFailures";

    /** Write-behind: 1 when the last flush succeeded, 0 while the backend fails (node health turns DEGRADED on 0). */
    public static final String BACKEND_UP = "BackendUp";

    /** A store's registry: which store (the backend's name, {@code cassandra} or {@code hdfs}) of which cache. */
    public record Id(String store, String cache) {
    }

    private final Ignite ignite;
    private final String registryName;
    private final MetricRegistry registry;
    private final String source;
    private final IgniteLogger log;
    private volatile String lastError = "";

    private StoreMetrics(Ignite ignite, IgniteLogger log, String store, String cache) {
        this.ignite = ignite;
        this.log = log;
        this.registryName = registryName(store, cache);
        this.source = store + " store of cache " + cache;
        this.registry = create(ignite, log, registryName, source);
        text(LAST_ERROR, () -> lastError, "The last failure, with its time (UTC); empty when none.");
    }

    /** The registry name for {@code ignite.metrics().getOrCreate(...)}: {@code gridkeep.store.<store>.<cache>}. */
    public static String registryName(String store, String cache) {
        return REGISTRY_PREFIX + store + "." + cache;
    }

    /** The name under which {@code ignite.metrics()} lists that registry: {@code custom.gridkeep.store.<store>.<cache>}. */
    public static String listedName(String store, String cache) {
        return CUSTOM_PREFIX + registryName(store, cache);
    }

    /** The store and cache of a registry, listed or not; empty when the registry is not a store's. */
    public static Optional<Id> idOf(String registryName) {
        String n = registryName.startsWith(CUSTOM_PREFIX) ? registryName.substring(CUSTOM_PREFIX.length()) : registryName;
        if (!n.startsWith(REGISTRY_PREFIX))
            return Optional.empty();
        // Store names have no dot; cache names may.
        String rest = n.substring(REGISTRY_PREFIX.length());
        int dot = rest.indexOf('.');
        return dot <= 0 || dot == rest.length() - 1 ? Optional.empty()
            : Optional.of(new Id(rest.substring(0, dot), rest.substring(dot + 1)));
    }

    /**
     * Creates (or joins) the registry of {@code store} and {@code cache} on this node, with its {@link #LAST_ERROR}.
     * A node whose registry cannot be created gets a working instance whose values nobody sees, and one warning:
     * metrics are for observers, and a store works without them.
     */
    public static StoreMetrics register(Ignite ignite, IgniteLogger log, String store, String cache) {
        return new StoreMetrics(ignite, log, store, cache);
    }

    private static MetricRegistry create(Ignite ignite, IgniteLogger log, String name, String source) {
        try {
            return ignite.metrics().getOrCreate(name);
        }
        catch (RuntimeException e) {
            log.warning("gridkeep: " + source + ": no metrics: " + e.getMessage());
            return null;
        }
    }

    /** Registers a counter and returns it to count with. */
    public LongAdder counter(String name, String description) {
        LongAdder a = new LongAdder();
        gauge(name, a::sum, description);
        return a;
    }

    /** Registers a long value read when observed. */
    public void gauge(String name, LongSupplier value, String description) {
        if (registry != null)
            registry.register(name, value, description);
    }

    /** Registers a double value read when observed. */
    public void gauge(String name, DoubleSupplier value, String description) {
        if (registry != null)
            registry.register(name, value, description);
    }

    private void text(String name, Supplier<String> value, String description) {
        if (registry != null)
            registry.register(name, value, String.class, description);
    }

    /** Keeps {@code what} as {@link #LAST_ERROR}, with the current time in front. */
    public void recordError(String what) {
        lastError = Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + what;
    }

    /** The last error recorded, with its time; empty when none. */
    public String lastError() {
        return lastError;
    }

    /** Removes the registry; only its owner calls this, in its {@code stop()}. */
    public void remove() {
        if (registry == null)
            return;
        try {
            ignite.metrics().remove(registryName);
        }
        catch (RuntimeException e) {
            // The node is stopping; its registries go with it.
            if (log.isDebugEnabled())
                log.debug("gridkeep: " + source + ": registry not removed: " + e.getMessage());
        }
    }
}
