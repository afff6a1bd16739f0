package io.gridkeep.observability.elasticsearch.internal;

import io.gridkeep.observability.elasticsearch.GridKeepEventTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.events.BaselineChangedEvent;
import org.apache.ignite.events.CacheEvent;
import org.apache.ignite.events.CacheRebalancingEvent;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.Event;
import org.apache.ignite.events.EventType;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.lang.IgnitePredicate;

/**
 * Listens to the node's local Ignite events and turns those an operator cares about into event
 * documents, once per event for the whole cluster.
 *
 * <p>How duplicates are avoided: every node sees a cluster-wide event (a node joined, left or
 * failed, the cluster was activated, the baseline changed, a cache was created or destroyed,
 * partitions were lost), but only the oldest server node ships it. For discovery events "oldest" is
 * computed from the event's own topology snapshot, which Ignite's discovery gives every node
 * identically for a topology version, so exactly one node ships each of them, also when the old
 * coordinator is the node that failed. Discovery events also carry a deterministic document id
 * ({@code action-topologyVersion-nodeId}) and are written with bulk {@code create}, so a retry or a
 * second shipper is refused by Elasticsearch as a duplicate. Events about one node (its rebalancing,
 * its cache store losing the backend) are shipped by that node.
 */
public final class ClusterEventRecorder implements AutoCloseable {
    /** Types shipped by the oldest server only. */
    private static final int[] CLUSTER_TYPES = {
        EventType.EVT_NODE_JOINED, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED,
        EventType.EVT_CLUSTER_ACTIVATED, EventType.EVT_CLUSTER_DEACTIVATED, EventType.EVT_BASELINE_CHANGED,
        EventType.EVT_CACHE_STARTED, EventType.EVT_CACHE_STOPPED, EventType.EVT_CACHE_REBALANCE_PART_DATA_LOST};

    /** Types shipped by the node they happen on. */
    private static final int[] NODE_TYPES = {
        EventType.EVT_CACHE_REBALANCE_STARTED, EventType.EVT_CACHE_REBALANCE_STOPPED,
        GridKeepEventTypes.STORE_BACKEND_DOWN, GridKeepEventTypes.STORE_BACKEND_UP};

    private static final long LOST_PARTITIONS_WINDOW_MS = 1000;

    private final Node node;
    private final DocumentBuffer buffer;
    private final Map<String, Object> staticFields;
    private final IgnitePredicate<Event> listener = this::onEvent;
    private final ScheduledExecutorService timer;
    private final Map<String, LostPartitions> lost = new ConcurrentHashMap<>();
    /** Caches known to exist: deactivation stops every cache and activation starts them again, neither creates nor destroys. */
    private final Set<String> knownCaches = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public ClusterEventRecorder(Ignite ignite, DocumentBuffer buffer, Map<String, Object> staticFields) {
        this(new IgniteNode(ignite), buffer, staticFields);
    }

    /** A recorder on what {@code node} says of the node it runs on: tests give it events without starting one. */
    ClusterEventRecorder(Node node, DocumentBuffer buffer, Map<String, Object> staticFields) {
        this.node = node;
        this.buffer = buffer;
        this.staticFields = Map.copyOf(staticFields);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gridkeep-es-events%" + (node.instanceName() == null ? "" : node.instanceName()) + "%");
            t.setDaemon(true);
            return t;
        });
    }

    /** What the recorder asks of the node it runs on. */
    interface Node {
        /** The node's instance name, or null (the default instance). */
        String instanceName();

        /** The local node's id. */
        UUID localId();

        /** The server nodes of the current topology. */
        Collection<ClusterNode> servers();

        long topologyVersion();

        /**
         * Whether the cluster state is changing (activation, deactivation). Asked on Ignite's own
         * threads, so it must not wait for the change to end.
         */
        boolean stateInTransition();

        Collection<String> cacheNames();

        /** Has the node record local events of {@code types} and call {@code listener} with each. */
        void listen(IgnitePredicate<Event> listener, int[] types);

        void stopListening(IgnitePredicate<Event> listener);
    }

    /** The node as Ignite gives it. */
    private static final class IgniteNode implements Node {
        private final Ignite ignite;

        IgniteNode(Ignite ignite) {
            this.ignite = ignite;
        }

        @Override
        public String instanceName() {
            return ignite.name();
        }

        @Override
        public UUID localId() {
            return ignite.cluster().localNode().id();
        }

        @Override
        public Collection<ClusterNode> servers() {
            return ignite.cluster().forServers().nodes();
        }

        @Override
        public long topologyVersion() {
            return ignite.cluster().topologyVersion();
        }

        /**
         * The internal state: the public {@code cluster().state()} waits for a transition to end,
         * which waits for the event listener that asks (a deadlock).
         */
        @Override
        public boolean stateInTransition() {
            return ((IgniteEx)ignite).context().state().clusterState().transition();
        }

        @Override
        public Collection<String> cacheNames() {
            return ignite.cacheNames();
        }

        @Override
        public void listen(IgnitePredicate<Event> listener, int[] types) {
            ignite.events().enableLocal(types);
            ignite.events().localListen(listener, types);
        }

        @Override
        public void stopListening(IgnitePredicate<Event> listener) {
            ignite.events().stopLocalListen(listener);
        }
    }

    /** Starts listening (and has Ignite record the event types it listens to). */
    public void start() {
        int[] all = new int[CLUSTER_TYPES.length + NODE_TYPES.length];
        System.arraycopy(CLUSTER_TYPES, 0, all, 0, CLUSTER_TYPES.length);
        System.arraycopy(NODE_TYPES, 0, all, CLUSTER_TYPES.length, NODE_TYPES.length);
        knownCaches.addAll(node.cacheNames());
        node.listen(listener, all);
    }

    @Override
    public void close() {
        closed = true;
        node.stopListening(listener);
        timer.shutdownNow();
    }

    /** The event's name as documents and the CLI use it ({@code node-failed}), or null for a type not shipped. */
    public static String action(int type) {
        return switch (type) {
            case EventType.EVT_NODE_JOINED -> "node-joined";
            case EventType.EVT_NODE_LEFT -> "node-left";
            case EventType.EVT_NODE_FAILED -> "node-failed";
            case EventType.EVT_CLUSTER_ACTIVATED -> "cluster-activated";
            case EventType.EVT_CLUSTER_DEACTIVATED -> "cluster-deactivated";
            case EventType.EVT_BASELINE_CHANGED -> "baseline-changed";
            case EventType.EVT_CACHE_STARTED -> "cache-created";
            case EventType.EVT_CACHE_STOPPED -> "cache-destroyed";
            case EventType.EVT_CACHE_REBALANCE_STARTED -> "rebalance-started";
            case EventType.EVT_CACHE_REBALANCE_STOPPED -> "rebalance-finished";
            case EventType.EVT_CACHE_REBALANCE_PART_DATA_LOST -> "partition-lost";
            case GridKeepEventTypes.STORE_BACKEND_DOWN -> "store-down";
            case GridKeepEventTypes.STORE_BACKEND_UP -> "store-up";
            default -> null;
        };
    }

    /** Every action name {@link #action} can return. */
    public static List<String> actions() {
        List<String> a = new ArrayList<>();
        for (int t : CLUSTER_TYPES)
            a.add(action(t));
        for (int t : NODE_TYPES)
            a.add(action(t));
        return a;
    }

    private boolean onEvent(Event e) {
        if (closed)
            return false;
        try {
            record(e);
        }
        catch (RuntimeException ex) {
            // An event that cannot be described is not worth failing Ignite's event thread for.
        }
        return true;
    }

    private void record(Event e) {
        String action = action(e.type());
        if (action == null)
            return;
        boolean clusterWide = !isNodeType(e.type());
        if ((e.type() == EventType.EVT_CACHE_STARTED || e.type() == EventType.EVT_CACHE_STOPPED) && !cacheCreatedOrDestroyed(e))
            return;
        if (e instanceof DiscoveryEvent de) {
            if (!oldestServer(de.topologyNodes()))
                return;
            Map<String, Object> doc = base(e, action, "cluster");
            ClusterNode n = de.eventNode();
            doc.put("ignite.event.node_id", n.id().toString());
            doc.put("ignite.event.node_consistent_id", String.valueOf(n.consistentId()));
            doc.put("ignite.event.node_addresses", new ArrayList<>(n.addresses()));
            doc.put("ignite.topology_version", de.topologyVersion());
            doc.put("ignite.servers", de.topologyNodes().stream().filter(x -> !x.isClient()).count());
            doc.put("message", (n.isClient() ? "client " : "server ") + "node " + n.consistentId() + " "
                + action.substring("node-".length()) + "; servers now " + doc.get("ignite.servers"));
            offer(action + "-" + de.topologyVersion() + "-" + n.id(), e, doc);
            return;
        }
        if (clusterWide && !oldestServer(node.servers()))
            return;
        if (e.type() == EventType.EVT_CACHE_REBALANCE_PART_DATA_LOST && e instanceof CacheRebalancingEvent re) {
            lostPartition(re);
            return;
        }
        Map<String, Object> doc = base(e, action, clusterWide ? "cluster" : "node");
        doc.put("ignite.topology_version", node.topologyVersion());
        String cache = null;
        if (e instanceof CacheRebalancingEvent re)
            cache = re.cacheName();
        else if (e instanceof CacheEvent ce)
            cache = ce.cacheName();
        if (cache != null)
            doc.put("ignite.cache", cache);
        if (e instanceof BaselineChangedEvent be) {
            List<String> ids = new ArrayList<>();
            for (BaselineNode b : be.baselineNodes())
                ids.add(String.valueOf(b.consistentId()));
            doc.put("ignite.baseline", ids);
            doc.put("message", "baseline changed: " + ids.size() + " nodes " + ids);
        }
        else if (e.type() == GridKeepEventTypes.STORE_BACKEND_DOWN || e.type() == GridKeepEventTypes.STORE_BACKEND_UP) {
            String msg = e.message() == null ? "" : e.message();
            int colon = msg.indexOf(':');
            doc.put("gridkeep.store", colon > 0 ? msg.substring(0, colon).trim() : "unknown");
            if (e.type() == GridKeepEventTypes.STORE_BACKEND_DOWN && colon > 0)
                doc.put("error.message", msg.substring(colon + 1).trim());
            doc.put("message", "store " + doc.get("gridkeep.store") + (cache == null ? "" : " of cache " + cache)
                + (e.type() == GridKeepEventTypes.STORE_BACKEND_DOWN ? " lost its backend: " : " reached its backend again")
                + (e.type() == GridKeepEventTypes.STORE_BACKEND_DOWN && colon > 0 ? msg.substring(colon + 1).trim() : ""));
        }
        else
            doc.put("message", action.replace('-', ' ') + (cache == null ? "" : ": " + cache));
        offer(null, e, doc);
    }

    /**
     * Whether a cache start or stop is a create or destroy: false for the stops of a deactivation
     * and the starts of an activation, which happen while the cluster state is in transition.
     * Runs on Ignite's own threads, so it must not wait (see {@link Node#stateInTransition}).
     * Every node keeps track of the caches, not only the one shipping, so that a new oldest node knows them.
     */
    private boolean cacheCreatedOrDestroyed(Event e) {
        if (!(e instanceof CacheEvent ce))
            return false;
        if (node.stateInTransition())
            return false;
        return e.type() == EventType.EVT_CACHE_STARTED ? knownCaches.add(ce.cacheName()) : knownCaches.remove(ce.cacheName());
    }

    private static boolean isNodeType(int type) {
        for (int t : NODE_TYPES) {
            if (t == type)
                return true;
        }
        return false;
    }

    /** Whether this node is the oldest server of {@code nodes}: the one that ships cluster-wide events. */
    private boolean oldestServer(Collection<ClusterNode> nodes) {
        ClusterNode oldest = nodes.stream().filter(n -> !n.isClient()).min(Comparator.comparingLong(ClusterNode::order)).orElse(null);
        return oldest != null && oldest.id().equals(node.localId());
    }

    /** Partitions are lost one event each; one document per cache and topology change says which. */
    private void lostPartition(CacheRebalancingEvent re) {
        String key = re.cacheName() + "|" + (re.discoveryNode() == null ? "" : re.discoveryNode().id()) + "|" + re.discoveryTimestamp();
        LostPartitions lp = lost.computeIfAbsent(key, k -> {
            LostPartitions fresh = new LostPartitions(re);
            timer.schedule(() -> flushLost(k), LOST_PARTITIONS_WINDOW_MS, TimeUnit.MILLISECONDS);
            return fresh;
        });
        synchronized (lp) {
            lp.partitions.add(re.partition());
        }
    }

    private void flushLost(String key) {
        LostPartitions lp = lost.remove(key);
        if (lp == null)
            return;
        Map<String, Object> doc = base(lp.first, "partition-lost", "cluster");
        List<Integer> parts;
        synchronized (lp) {
            parts = new ArrayList<>(lp.partitions);
        }
        doc.put("ignite.cache", lp.first.cacheName());
        doc.put("ignite.partitions", parts);
        doc.put("ignite.partition_count", parts.size());
        doc.put("ignite.topology_version", node.topologyVersion());
        ClusterNode n = lp.first.discoveryNode();
        if (n != null) {
            doc.put("ignite.event.node_id", n.id().toString());
            doc.put("ignite.event.node_consistent_id", String.valueOf(n.consistentId()));
        }
        doc.put("message", parts.size() + " partitions of cache " + lp.first.cacheName() + " lost their data"
            + (n == null ? "" : " after " + lp.first.discoveryEventName() + " of node " + n.consistentId()));
        offer(null, lp.first, doc);
    }

    private Map<String, Object> base(Event e, String action, String scope) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", Instant.ofEpochMilli(e.timestamp()).toString());
        doc.put("event.kind", "event");
        doc.put("event.dataset", "gridkeep.events");
        doc.put("event.action", action);
        doc.put("gridkeep.scope", scope);
        doc.putAll(staticFields);
        return doc;
    }

    private void offer(String id, Event e, Map<String, Object> doc) {
        buffer.offer(new Document(Document.Stream.EVENTS, id == null ? UUID.randomUUID().toString() : id,
            Instant.ofEpochMilli(e.timestamp()), doc));
    }

    private static final class LostPartitions {
        final CacheRebalancingEvent first;
        final TreeSet<Integer> partitions = new TreeSet<>();

        LostPartitions(CacheRebalancingEvent first) {
            this.first = first;
        }
    }
}
