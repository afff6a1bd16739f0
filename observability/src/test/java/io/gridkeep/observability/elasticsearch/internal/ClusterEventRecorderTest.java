package io.gridkeep.observability.elasticsearch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.observability.elasticsearch.GridKeepEventTypes;
import io.gridkeep.testkit.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.ignite.cache.CacheMetrics;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.cluster.ClusterMetrics;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.events.BaselineChangedEvent;
import org.apache.ignite.events.CacheEvent;
import org.apache.ignite.events.CacheRebalancingEvent;
import org.apache.ignite.events.ClusterActivationEvent;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.Event;
import org.apache.ignite.events.EventType;
import org.apache.ignite.lang.IgnitePredicate;
import org.apache.ignite.lang.IgniteProductVersion;
import org.apache.ignite.spi.discovery.DiscoveryMetricsProvider;
import org.apache.ignite.spi.discovery.tcp.internal.TcpDiscoveryNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which Ignite events become which documents. The events are Ignite's own event classes and the
 * nodes in them the discovery SPI's {@link TcpDiscoveryNode}, built as Ignite builds them; the
 * node the recorder runs on is a {@link ClusterEventRecorder.Node} the test sets up.
 */
class ClusterEventRecorderTest {
    private static final Map<String, Object> STATIC = Map.of("service.name", "gridkeep", "host.name", "h1");

    /** A node that has sent no metrics yet: the recorder never reads them. */
    private static final DiscoveryMetricsProvider NO_METRICS = new DiscoveryMetricsProvider() {
        @Override
        public ClusterMetrics metrics() {
            return null;
        }

        @Override
        public Map<Integer, CacheMetrics> cacheMetrics() {
            return Map.of();
        }
    };

    private final TcpDiscoveryNode oldest = server("node-0", 1);
    private final TcpDiscoveryNode second = server("node-1", 2);
    private final TestNode local = new TestNode(oldest, List.of(oldest, second));
    private final DocumentBuffer buffer = new DocumentBuffer(100);
    private final ClusterEventRecorder recorder = new ClusterEventRecorder(local, buffer, STATIC);

    @AfterEach
    void close() {
        recorder.close();
    }

    private static TcpDiscoveryNode node(String consistentId, long order, boolean client) {
        TcpDiscoveryNode n = new TcpDiscoveryNode(UUID.randomUUID(), List.of("127.0.0.1"), List.of("localhost"), 47500 + (int)order,
            NO_METRICS, IgniteProductVersion.fromString("2.17.0"), consistentId);
        n.order(order);
        // IgniteNodeAttributes.ATTR_CLIENT_MODE, the attribute a client node joins with.
        n.setAttributes(Map.of("org.apache.ignite.cache.client", client));
        return n;
    }

    private static TcpDiscoveryNode server(String consistentId, long order) {
        return node(consistentId, order, false);
    }

    private static DiscoveryEvent discovery(ClusterNode at, int type, ClusterNode about, long topVer, ClusterNode... topology) {
        DiscoveryEvent e = new DiscoveryEvent(at, "Node event: " + about, type, about);
        e.topologySnapshot(topVer, List.of(topology));
        return e;
    }

    private static CacheEvent cacheEvent(ClusterNode at, int type, String cache, String msg) {
        // As Ignite records cache lifecycle events, and as the stores record theirs (GridKeepEventTypes).
        return new CacheEvent(cache, at, at, msg, type, -1, false, null, null, null, null, null, false, null, false, null, null, null);
    }

    private static CacheRebalancingEvent partitionLost(ClusterNode at, String cache, int part, ClusterNode left, long discoTs) {
        return new CacheRebalancingEvent(cache, at, "Partition lost", EventType.EVT_CACHE_REBALANCE_PART_DATA_LOST, part, left,
            EventType.EVT_NODE_LEFT, discoTs);
    }

    /** The documents offered so far, taken from the buffer. */
    private List<Document> shipped() {
        List<Document> out = new ArrayList<>();
        for (Document d = buffer.poll(); d != null; d = buffer.poll())
            out.add(d);
        return out;
    }

    private Document one() {
        List<Document> docs = shipped();
        assertThat(docs).hasSize(1);
        return docs.get(0);
    }

    private void fire(Event e) {
        assertThat(local.listener.apply(e)).as("the listener stays registered").isTrue();
    }

    @Test
    void startListensToEveryTypeItShipsAndNothingElse() {
        recorder.start();

        Set<String> names = Arrays.stream(local.types).mapToObj(ClusterEventRecorder::action).collect(Collectors.toSet());
        assertThat(names).doesNotContainNull().containsExactlyInAnyOrderElementsOf(ClusterEventRecorder.actions());
        assertThat(ClusterEventRecorder.actions()).contains("node-joined", "node-left", "node-failed", "cache-created", "cache-destroyed",
            "partition-lost", "store-down", "store-up").doesNotHaveDuplicates();
    }

    @Test
    void aJoinedNodeIsOneClusterDocumentWithTheNodeTheNewTopologyAndAnIdOfItsOwn() {
        recorder.start();
        TcpDiscoveryNode joined = server("node-2", 3);
        DiscoveryEvent e = discovery(oldest, EventType.EVT_NODE_JOINED, joined, 3, oldest, second, joined);

        fire(e);

        Document d = one();
        assertThat(d.stream()).isEqualTo(Document.Stream.EVENTS);
        assertThat(d.id()).isEqualTo("node-joined-3-" + joined.id());
        assertThat(d.timestamp()).isEqualTo(Instant.ofEpochMilli(e.timestamp()));
        assertThat(d.source())
            .containsEntry("@timestamp", Instant.ofEpochMilli(e.timestamp()).toString())
            .containsEntry("event.kind", "event")
            .containsEntry("event.dataset", "gridkeep.events")
            .containsEntry("event.action", "node-joined")
            .containsEntry("gridkeep.scope", "cluster")
            .containsEntry("service.name", "gridkeep")
            .containsEntry("host.name", "h1")
            .containsEntry("ignite.event.node_id", joined.id().toString())
            .containsEntry("ignite.event.node_consistent_id", "node-2")
            .containsEntry("ignite.event.node_addresses", List.of("127.0.0.1"))
            .containsEntry("ignite.topology_version", 3L)
            .containsEntry("ignite.servers", 3L)
            .containsEntry("message", "server node node-2 joined; servers now 3");
    }

    @Test
    void aClientLeavingIsNamedAClientAndServersCountOnlyServers() {
        recorder.start();
        TcpDiscoveryNode client = node("app-1", 3, true);

        fire(discovery(oldest, EventType.EVT_NODE_LEFT, client, 4, oldest, second, node("app-2", 4, true)));

        assertThat(one().source()).containsEntry("event.action", "node-left").containsEntry("ignite.servers", 2L)
            .containsEntry("message", "client node app-1 left; servers now 2");
    }

    @Test
    void aFailedNodeIsReported() {
        recorder.start();

        fire(discovery(oldest, EventType.EVT_NODE_FAILED, second, 3, oldest));

        Document d = one();
        assertThat(d.id()).isEqualTo("node-failed-3-" + second.id());
        assertThat(d.source()).containsEntry("event.action", "node-failed")
            .containsEntry("message", "server node node-1 failed; servers now 1");
    }

    @Test
    void onlyTheOldestServerOfTheEventsTopologyShipsADiscoveryEvent() {
        TestNode younger = new TestNode(second, List.of(oldest, second));
        try (ClusterEventRecorder r = new ClusterEventRecorder(younger, buffer, STATIC)) {
            r.start();
            assertThat(younger.listener.apply(discovery(second, EventType.EVT_NODE_JOINED, server("node-2", 3), 3, oldest, second)))
                .isTrue();
            assertThat(shipped()).isEmpty();

            // The oldest fails: in the topology after it, the next oldest is the oldest, and ships its failure.
            assertThat(younger.listener.apply(discovery(second, EventType.EVT_NODE_FAILED, oldest, 4, second))).isTrue();
            assertThat(shipped()).singleElement()
                .satisfies(d -> assertThat(d.source()).containsEntry("ignite.event.node_consistent_id", "node-0"));
        }
    }

    @Test
    void aClientNodeNeverShipsClusterEventsEvenWhenItIsTheOldestNode() {
        TcpDiscoveryNode client = node("app-1", 1, true);
        TestNode onClient = new TestNode(client, List.of(second));
        try (ClusterEventRecorder r = new ClusterEventRecorder(onClient, buffer, STATIC)) {
            r.start();
            onClient.listener.apply(discovery(client, EventType.EVT_NODE_JOINED, server("node-2", 3), 3, client, second));
            onClient.listener.apply(cacheEvent(client, EventType.EVT_CACHE_STARTED, "orders", "Cache started"));
            assertThat(shipped()).isEmpty();
        }
    }

    @Test
    void aCreatedAndADestroyedCacheAreClusterDocumentsNamingTheCache() {
        recorder.start();
        local.topologyVersion = 7;

        fire(cacheEvent(oldest, EventType.EVT_CACHE_STARTED, "orders", "Cache started"));
        fire(cacheEvent(oldest, EventType.EVT_CACHE_STOPPED, "orders", "Cache stopped"));

        List<Document> docs = shipped();
        assertThat(docs).hasSize(2);
        assertThat(docs.get(0).source()).containsEntry("event.action", "cache-created").containsEntry("gridkeep.scope", "cluster")
            .containsEntry("ignite.cache", "orders").containsEntry("ignite.topology_version", 7L)
            .containsEntry("message", "cache created: orders");
        assertThat(docs.get(1).source()).containsEntry("event.action", "cache-destroyed")
            .containsEntry("message", "cache destroyed: orders");
        // No deterministic id: each create is its own event (Elasticsearch must not refuse the second one of a name).
        assertThat(docs.get(0).id()).isNotEqualTo(docs.get(1).id());
        assertThat(UUID.fromString(docs.get(0).id())).isNotNull();
    }

    @Test
    void cachesStartedAndStoppedWhileTheClusterStateChangesAreNeitherCreatedNorDestroyed() {
        local.cacheNames.add("orders");
        recorder.start();

        local.inTransition = true;
        fire(cacheEvent(oldest, EventType.EVT_CACHE_STOPPED, "orders", "Cache stopped"));
        fire(cacheEvent(oldest, EventType.EVT_CACHE_STARTED, "orders", "Cache started"));
        local.inTransition = false;
        // A cache that existed when recording started, started again (activation done), is not new either.
        fire(cacheEvent(oldest, EventType.EVT_CACHE_STARTED, "orders", "Cache started"));

        assertThat(shipped()).isEmpty();
    }

    @Test
    void aYoungerNodeTracksCachesItDoesNotShipSoThatItKnowsThemOnceItIsTheOldest() {
        TestNode younger = new TestNode(second, List.of(oldest, second));
        try (ClusterEventRecorder r = new ClusterEventRecorder(younger, buffer, STATIC)) {
            r.start();
            younger.listener.apply(cacheEvent(second, EventType.EVT_CACHE_STARTED, "orders", "Cache started"));
            assertThat(shipped()).isEmpty();

            younger.servers = List.of(second);
            younger.listener.apply(cacheEvent(second, EventType.EVT_CACHE_STARTED, "orders", "Cache started"));
            assertThat(shipped()).as("a start of a cache it knows").isEmpty();
            younger.listener.apply(cacheEvent(second, EventType.EVT_CACHE_STOPPED, "orders", "Cache stopped"));
            assertThat(shipped()).singleElement().satisfies(d -> assertThat(d.source()).containsEntry("event.action", "cache-destroyed"));
        }
    }

    @Test
    void aStoreLosingItsBackendIsANodeDocumentWithTheStoreTheCacheAndTheError() {
        recorder.start();

        fire(cacheEvent(oldest, GridKeepEventTypes.STORE_BACKEND_DOWN, "orders", "cassandra: All host(s) tried for query failed"));

        Document d = one();
        assertThat(d.source()).containsEntry("event.action", "store-down").containsEntry("gridkeep.scope", "node")
            .containsEntry("gridkeep.store", "cassandra").containsEntry("ignite.cache", "orders")
            .containsEntry("error.message", "All host(s) tried for query failed")
            .containsEntry("message", "store cassandra of cache orders lost its backend: All host(s) tried for query failed");
    }

    @Test
    void aStoreReachingItsBackendAgainIsANodeDocumentWithoutAnError() {
        recorder.start();

        fire(cacheEvent(oldest, GridKeepEventTypes.STORE_BACKEND_UP, "orders", "hdfs: reachable again"));

        assertThat(one().source()).containsEntry("event.action", "store-up").containsEntry("gridkeep.store", "hdfs")
            .doesNotContainKey("error.message").containsEntry("message", "store hdfs of cache orders reached its backend again");
    }

    @Test
    void aStoreEventWhoseMessageNamesNoStoreIsFromAnUnknownStore() {
        recorder.start();

        fire(cacheEvent(oldest, GridKeepEventTypes.STORE_BACKEND_DOWN, "orders", "connection refused"));

        assertThat(one().source()).containsEntry("event.action", "store-down").containsEntry("gridkeep.store", "unknown");
    }

    @Test
    void eventsAboutOneNodeAreShippedByThatNodeEvenWhenItIsNotTheOldest() {
        TestNode younger = new TestNode(second, List.of(oldest, second));
        try (ClusterEventRecorder r = new ClusterEventRecorder(younger, buffer, STATIC)) {
            r.start();
            younger.listener.apply(cacheEvent(second, GridKeepEventTypes.STORE_BACKEND_DOWN, "orders", "hdfs: Connection refused"));
            younger.listener.apply(new CacheRebalancingEvent("orders", second, "Rebalance started", EventType.EVT_CACHE_REBALANCE_STARTED,
                -1, oldest, EventType.EVT_NODE_LEFT, 1L));
            younger.listener.apply(new CacheRebalancingEvent("orders", second, "Rebalance stopped", EventType.EVT_CACHE_REBALANCE_STOPPED,
                -1, oldest, EventType.EVT_NODE_LEFT, 1L));

            List<Document> docs = shipped();
            assertThat(docs).extracting(d -> d.source().get("event.action"))
                .containsExactly("store-down", "rebalance-started", "rebalance-finished");
            assertThat(docs).allSatisfy(d -> assertThat(d.source()).containsEntry("gridkeep.scope", "node")
                .containsEntry("ignite.cache", "orders"));
            assertThat(docs.get(2).source()).containsEntry("message", "rebalance finished: orders");
        }
    }

    @Test
    void partitionsLostInOneTopologyChangeAreOneDocumentPerCacheListingThem() throws Exception {
        recorder.start();
        TcpDiscoveryNode left = server("node-3", 4);
        long ts = 1_700_000_000_000L;

        for (int p : new int[] {5, 3, 9, 3})
            fire(partitionLost(oldest, "fragile", p, left, ts));
        fire(partitionLost(oldest, "other", 1, left, ts));
        // Nothing until the window closes: the partitions of one loss arrive one event each.
        assertThat(shipped()).isEmpty();

        List<Document> docs = new ArrayList<>();
        Await.until(() -> {
            docs.addAll(shipped());
            return docs.size() >= 2;
        }, Duration.ofSeconds(10), "the lost partitions documents");
        // One document per cache, and no third one later.
        Await.holds(() -> {
            docs.addAll(shipped());
            return docs.size() == 2;
        }, Duration.ofMillis(1500), "two documents, no more");

        Document fragile = docs.stream().filter(d -> "fragile".equals(d.source().get("ignite.cache"))).findFirst().orElseThrow();
        assertThat(fragile.source()).containsEntry("event.action", "partition-lost").containsEntry("gridkeep.scope", "cluster")
            .containsEntry("ignite.partitions", List.of(3, 5, 9)).containsEntry("ignite.partition_count", 3)
            .containsEntry("ignite.event.node_id", left.id().toString()).containsEntry("ignite.event.node_consistent_id", "node-3")
            .containsEntry("message", "3 partitions of cache fragile lost their data after NODE_LEFT of node node-3");
    }

    @Test
    void aBaselineChangeListsTheNewBaseline() {
        recorder.start();
        List<BaselineNode> baseline = List.of(oldest, second);

        fire(new BaselineChangedEvent(oldest, "Baseline changed", EventType.EVT_BASELINE_CHANGED, baseline));

        assertThat(one().source()).containsEntry("event.action", "baseline-changed")
            .containsEntry("ignite.baseline", List.of("node-0", "node-1"))
            .containsEntry("message", "baseline changed: 2 nodes [node-0, node-1]");
    }

    /** Deprecated, but the event Ignite 2.17's exchange manager still records for EVT_CLUSTER_ACTIVATED. */
    @SuppressWarnings("deprecation")
    @Test
    void anActivationIsAClusterDocument() {
        recorder.start();

        fire(new ClusterActivationEvent(oldest, "Cluster activated", EventType.EVT_CLUSTER_ACTIVATED, List.of(oldest)));

        assertThat(one().source()).containsEntry("event.action", "cluster-activated").containsEntry("message", "cluster activated")
            .doesNotContainKey("ignite.cache");
    }

    @Test
    void eventsOfOtherTypesAreNotShipped() {
        recorder.start();

        fire(cacheEvent(oldest, EventType.EVT_CACHE_OBJECT_PUT, "orders", "Cache put"));

        assertThat(shipped()).isEmpty();
    }

    @Test
    void anEventThatCannotBeDescribedIsSkippedWithoutFailingIgnitesEventThread() {
        recorder.start();
        // A discovery event without the node it is about.
        DiscoveryEvent broken = new DiscoveryEvent(oldest, "?", EventType.EVT_NODE_JOINED, null);
        broken.topologySnapshot(2, List.of(oldest));

        fire(broken);
        fire(cacheEvent(oldest, EventType.EVT_CACHE_STARTED, "orders", "Cache started"));

        assertThat(shipped()).singleElement().satisfies(d -> assertThat(d.source()).containsEntry("event.action", "cache-created"));
    }

    @Test
    void afterCloseTheListenerIsRemovedAndRecordsNothingMore() {
        recorder.start();
        IgnitePredicate<Event> l = local.listener;

        recorder.close();

        assertThat(local.stopped).containsExactly(l);
        assertThat(l.apply(cacheEvent(oldest, EventType.EVT_CACHE_STARTED, "orders", "Cache started"))).as("keep listening").isFalse();
        assertThat(shipped()).isEmpty();
    }

    /** The node the recorder runs on, as the test sets it up. */
    private static final class TestNode implements ClusterEventRecorder.Node {
        final ClusterNode self;
        volatile Collection<ClusterNode> servers;
        volatile long topologyVersion = 1;
        volatile boolean inTransition;
        final Set<String> cacheNames = new HashSet<>();
        IgnitePredicate<Event> listener;
        int[] types;
        final List<IgnitePredicate<Event>> stopped = new ArrayList<>();

        TestNode(ClusterNode self, Collection<ClusterNode> servers) {
            this.self = self;
            this.servers = servers;
        }

        @Override
        public String instanceName() {
            return "test";
        }

        @Override
        public UUID localId() {
            return self.id();
        }

        @Override
        public Collection<ClusterNode> servers() {
            return servers;
        }

        @Override
        public long topologyVersion() {
            return topologyVersion;
        }

        @Override
        public boolean stateInTransition() {
            return inTransition;
        }

        @Override
        public Collection<String> cacheNames() {
            return cacheNames;
        }

        @Override
        public void listen(IgnitePredicate<Event> listener, int[] types) {
            this.listener = listener;
            this.types = types;
        }

        @Override
        public void stopListening(IgnitePredicate<Event> listener) {
            stopped.add(listener);
        }
    }
}
