package io.gridkeep.observability.elasticsearch.internal;

import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.gridkeep.observability.elasticsearch.ElasticsearchConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.ignite.IgniteLogger;

/**
 * The one thread that moves documents from the {@link DocumentBuffer} to Elasticsearch through the
 * client's {@link BulkIngester}, with bulk {@code create} operations (so that the same requests
 * work against data streams, and a document with an id is never written twice).
 *
 * <p>Failures never reach the grid: a failed bulk request puts its documents back at the head of a
 * retry queue and the thread backs off (doubling up to a maximum); the buffer keeps filling
 * meanwhile and drops, counted, once full. Items that Elasticsearch refuses for good (a mapping
 * error) are counted as rejected; a {@code 409} on create means the document is already there.
 * Memory stays bounded: at most one bulk request's worth of documents ({@code bulkActions}) is
 * outside the buffer, in flight or waiting to be retried.
 */
public final class BulkShipper {
    private final ElasticsearchConnection connection;
    private final String indexPrefix;
    private final DocumentBuffer buffer;
    private final int bulkActions;
    private final Duration flushInterval;
    private final Duration maxBackoff;
    private final Consumer<Document> enricher;
    private final IgniteLogger log;

    private final ConcurrentLinkedDeque<Document> retry = new ConcurrentLinkedDeque<>();
    private final AtomicLong inFlight = new AtomicLong();
    private final LongAdder shipped = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failedRequests = new LongAdder();
    private final AtomicLong lostOnStop = new AtomicLong();

    private volatile boolean up;
    private volatile boolean stopping;
    private volatile long drainDeadline;
    private volatile long backoffUntil;
    private volatile long backoffMillis;
    private volatile boolean everFailed;
    private volatile String lastError;
    private Thread thread;
    private ElasticsearchConnection.Client client;
    private BulkIngester<Document> ingester;

    /**
     * @param enricher fills in the fields known only once the node runs (its id), on the shipping thread
     */
    public BulkShipper(ElasticsearchConnection connection, String indexPrefix, DocumentBuffer buffer, int bulkActions,
                       Duration flushInterval, Duration maxBackoff, Consumer<Document> enricher, IgniteLogger log) {
        this.connection = connection;
        this.indexPrefix = indexPrefix;
        this.buffer = buffer;
        this.bulkActions = bulkActions;
        this.flushInterval = flushInterval;
        this.maxBackoff = maxBackoff;
        this.enricher = enricher;
        this.log = log;
    }

    /** Starts the shipping thread. */
    public synchronized void start(String threadName) {
        client = connection.open();
        ingester = BulkIngester.of(b -> b.client(client.api())
            .maxOperations(bulkActions)
            .maxSize(5L << 20)
            .maxConcurrentRequests(1)
            .flushInterval(flushInterval.toMillis(), TimeUnit.MILLISECONDS)
            .listener(new Listener()));
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Ships what is buffered for up to {@code drain}, then stops. Documents still not shipped
     * (Elasticsearch down at stop) are counted in {@link #lostOnStop()}.
     */
    public void close(Duration drain) {
        Thread t;
        synchronized (this) {
            t = thread;
            if (t == null)
                return;
            thread = null;
        }
        drainDeadline = System.nanoTime() + drain.toNanos();
        stopping = true;
        try {
            t.join(drain.toMillis() + 1000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        t.interrupt();
        try {
            ingester.close();
        }
        catch (RuntimeException e) {
            // The last flush failed too; what it held went back to the retry queue and is counted below.
        }
        lostOnStop.set(buffer.size() + retry.size() + Math.max(0, inFlight.get()));
        client.close();
    }

    private void run() {
        boolean templates = false;
        while (true) {
            if (stopping && (System.nanoTime() > drainDeadline || pending() == 0))
                return;
            try {
                long wait = backoffUntil - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(Math.min(wait, 100));
                    continue;
                }
                if (!templates) {
                    IndexTemplates.install(client.api(), indexPrefix);
                    templates = true;
                    succeeded();
                }
                Document d = retry.pollFirst();
                if (d == null && inFlight.get() >= bulkActions) {
                    // One bulk's worth outside the buffer at most: while Elasticsearch fails, the buffer
                    // (and its drop count) is the bound users configured, not the buffer plus two bulks.
                    if (stopping)
                        ingester.flush();
                    Thread.sleep(5);
                    continue;
                }
                if (d == null)
                    d = buffer.poll(stopping ? 0 : 50);
                if (d == null) {
                    if (stopping && inFlight.get() > 0)
                        ingester.flush();
                    continue;
                }
                enricher.accept(d);
                Document doc = d;
                inFlight.incrementAndGet();
                ingester.add(BulkOperation.of(o -> o.create(c -> {
                    c.index(doc.index(indexPrefix)).document(jakarta.json.Json.createObjectBuilder(doc.source()).build());
                    if (doc.id() != null)
                        c.id(doc.id());
                    return c;
                })), doc);
            }
            catch (InterruptedException e) {
                if (stopping)
                    return;
            }
            catch (RuntimeException | IOException e) {
                failed(e);
            }
        }
    }

    private int pending() {
        return buffer.size() + retry.size() + (int)Math.max(0, inFlight.get());
    }

    private void succeeded() {
        backoffMillis = 0;
        if (!up) {
            up = true;
            if (everFailed)
                log.info("Elasticsearch at " + connection.urls() + " reachable again; shipping " + pending() + " buffered documents");
        }
    }

    private void failed(Throwable e) {
        failedRequests.increment();
        everFailed = true;
        lastError = TlsFailure.describe(e, connection.caFile());
        long next = backoffMillis == 0 ? 100 : Math.min(maxBackoff.toMillis(), backoffMillis * 2);
        backoffMillis = next;
        backoffUntil = System.currentTimeMillis() + next;
        if (up || failedRequests.sum() == 1) {
            up = false;
            log.warning("Elasticsearch at " + connection.urls() + " unreachable (" + lastError + "); buffering up to "
                + buffer.capacity() + " documents, dropping (and counting) beyond that, retrying every "
                + (maxBackoff.toMillis() < 1000 ? maxBackoff.toMillis() + " ms" : maxBackoff.toSeconds() + " s") + " at most");
        }
    }

    private void requeue(List<Document> docs) {
        ListIterator<Document> it = docs.listIterator(docs.size());
        while (it.hasPrevious())
            retry.addFirst(it.previous());
    }

    /** Documents indexed. */
    public long shipped() {
        return shipped.sum();
    }

    /** Documents Elasticsearch already had ({@code 409} on create). */
    public long duplicates() {
        return duplicates.sum();
    }

    /** Documents Elasticsearch refused for good. */
    public long rejected() {
        return rejected.sum();
    }

    /** Bulk requests (or template installs) that failed and were retried. */
    public long failedRequests() {
        return failedRequests.sum();
    }

    /** Documents buffered, waiting for a retry, or in flight. */
    public long pendingDocuments() {
        return pending();
    }

    /** Documents left unshipped when the shipper stopped. */
    public long lostOnStop() {
        return lostOnStop.get();
    }

    /** Whether the last request to Elasticsearch succeeded. */
    public boolean up() {
        return up;
    }

    /** The last failure's message, or null. */
    public String lastError() {
        return lastError;
    }

    private final class Listener implements BulkListener<Document> {
        private final LongAdder rejectionsLogged = new LongAdder();

        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<Document> docs) {
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Document> docs, BulkResponse response) {
            List<BulkResponseItem> items = response.items();
            List<Document> again = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                BulkResponseItem item = items.get(i);
                int status = item.status();
                if (status >= 200 && status < 300)
                    shipped.increment();
                else if (status == 409)
                    duplicates.increment();
                else if (status == 429 || status >= 500)
                    again.add(docs.get(i));
                else {
                    rejected.increment();
                    if (rejectionsLogged.sum() < 10) {
                        rejectionsLogged.increment();
                        log.warning("Elasticsearch rejected a document for " + item.index() + " (status " + status + "): "
                            + (item.error() == null ? "no reason given" : item.error().type() + ": " + item.error().reason()));
                    }
                }
            }
            if (!again.isEmpty()) {
                requeue(again);
                failed(new IllegalStateException(again.size() + " documents refused with 429/5xx"));
            }
            else
                succeeded();
            inFlight.addAndGet(-docs.size());
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<Document> docs, Throwable failure) {
            requeue(docs);
            inFlight.addAndGet(-docs.size());
            failed(failure);
        }
    }
}
