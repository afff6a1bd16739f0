package io.gridkeep.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.ExternalProcess;
import io.gridkeep.testkit.JavaProcesses;
import io.gridkeep.testkit.NodeSlot;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.ClientCacheConfiguration;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three GridKeep nodes in three JVMs; a writer records every put the thin client acknowledged;
 * one node dies by SIGKILL mid-stream; every acknowledged put must still read back.
 */
@ExtendWith(TestDirs.Extension.class)
class NodeKillIT {
    private static final int ACKED_BEFORE_KILL = 3_000;
    private static final int ACKED_AFTER_KILL = 3_000;

    private final List<ExternalProcess> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(ExternalProcess::close);
    }

    @Test
    void killedNodeLosesNoAcknowledgedPut(TestDirs dirs) throws Exception {
        List<NodeSlot> slots = startCluster(dirs, "node-killed");
        assertKillLosesNothing(slots, 2, "partitioned");
    }

    @Test
    void killedCoordinatorLosesNoAcknowledgedPut(TestDirs dirs) throws Exception {
        List<NodeSlot> slots = startCluster(dirs, "coordinator-killed");
        // The first node to start is the oldest, hence the coordinator; "kv" is the default REPLICATED cache.
        assertKillLosesNothing(slots, 0, "kv");
    }

    /** Three nodes whose work directories are the test's own ({@code test}), so that the second test starts afresh. */
    private List<NodeSlot> startCluster(TestDirs dirs, String test) {
        List<NodeSlot> slots = NodeSlot.forCluster("kill", 3);
        Path logs = dirs.logs();
        Path work = dirs.work(test);
        for (NodeSlot slot : slots) {
            ExternalProcess p = JavaProcesses.start(slot.name(), "io.gridkeep.node.cli.GridKeepCli",
                Distribution.nodeStartArgs(slot, work.resolve(slot.name()), GridKeepTestNodes.smallMemoryArgs()),
                List.of("-Xmx384m", "-Dgridkeep.log.dir=" + logs.resolve(slot.name())), logs.resolve(slot.name() + ".out"));
            nodes.add(p);
            p.awaitOutput("^Press Ctrl-C to stop\\.", Duration.ofSeconds(90));
        }
        return slots;
    }

    /** Writes while node {@code victim} is killed, then checks every acknowledged key from the survivors. */
    private void assertKillLosesNothing(List<NodeSlot> slots, int victim, String cacheName) throws Exception {
        Map<Integer, String> acked = new ConcurrentHashMap<>();
        AtomicInteger failedPuts = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        int keyBase = cacheName.hashCode() & 0xffff;
        try (IgniteClient client = Ignition.startClient(new ClientConfiguration()
            .setAddresses(TestNodeConfigs.clientAddresses(slots)).setTimeout(5_000))) {
            ClientCache<Integer, String> cache = client.getOrCreateCache(new ClientCacheConfiguration()
                .setName(cacheName)
                .setCacheMode(cacheName.equals("kv") ? CacheMode.REPLICATED : CacheMode.PARTITIONED)
                .setBackups(1)
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC));
            Thread writer = new Thread(() -> {
                for (int i = 0; !stop.get() && i < 1_000_000; i++) {
                    int key = keyBase * 1_000_000 + i;
                    String value = "v" + key;
                    try {
                        cache.put(key, value);
                        acked.put(key, value);
                    }
                    catch (RuntimeException e) {
                        // Not acknowledged: the writer owes nothing for this key.
                        failedPuts.incrementAndGet();
                    }
                }
            }, "writer");
            writer.start();
            awaitAcked(acked, ACKED_BEFORE_KILL);
            nodes.get(victim).kill();
            awaitAcked(acked, acked.size() + ACKED_AFTER_KILL);
            stop.set(true);
            writer.join(30_000);
            assertThat(writer.isAlive()).as("writer stopped").isFalse();
        }

        List<String> survivors = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            if (nodes.get(i).isAlive())
                survivors.add(slots.get(i).clientAddress());
        }
        try (IgniteClient client = Ignition.startClient(new ClientConfiguration().setAddresses(survivors.toArray(String[]::new)))) {
            ClientCache<Integer, String> cache = client.cache(cacheName);
            Map<Integer, String> read = cache.getAll(acked.keySet());
            assertThat(read.size()).as("acknowledged keys that read back (%d puts failed during the kill)", failedPuts.get())
                .isEqualTo(acked.size());
            assertThat(read).isEqualTo(acked);
        }
    }

    private static void awaitAcked(Map<Integer, String> acked, int count) {
        Await.every(Duration.ofMillis(10)).until(acked::size, n -> n >= count, Duration.ofSeconds(120), count + " puts acknowledged");
    }
}
