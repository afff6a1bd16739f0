package io.gridkeep.store.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridkeep.store.Intruders;
import io.gridkeep.store.StoreMetrics;
import io.gridkeep.store.StoreReadings;
import io.gridkeep.store.hdfs.internal.LogFormat;
import io.gridkeep.store.hdfs.internal.LogRecord;
import io.gridkeep.testkit.Await;
import io.gridkeep.testkit.HdfsServer;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HDFS store against a real HDFS: appends, durability, loadCache of the latest state, rolling, compaction, torn tails. */
@ExtendWith(TestDirs.Extension.class)
class HdfsStoreIT {
    static HdfsServer hdfs;
    static FileSystem fs;
    static InJvmCluster cluster;
    static Ignite node;

    @BeforeAll
    static void start(TestDirs dirs) {
        hdfs = HdfsServer.start(dirs.work("hdfs"));
        fs = TestHdfs.fileSystem(hdfs);
        cluster = InJvmCluster.start(1, TestNodeConfigs::server);
        node = cluster.node(0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null)
            cluster.close();
        if (fs != null)
            fs.close();
        if (hdfs != null)
            hdfs.close();
    }

    static HdfsStoreFactory<Integer, String> store(String directory) {
        return new HdfsStoreFactory<Integer, String>().setUri(hdfs.uri() + "/gridkeep").setDirectory(directory).setPartitions(4)
            .setHadoopProperties(HdfsServer.CLIENT_PROPERTIES);
    }

    static IgniteCache<Integer, String> cache(String name, HdfsStoreFactory<Integer, String> f) {
        return node.getOrCreateCache(new CacheConfiguration<Integer, String>(name).setWriteThrough(true).setCacheStoreFactory(f));
    }

    @Test
    void binaryObjectsWithoutAClassComeBackWithTheirListsSetsMapsAndArrays() {
        // Values of a type no class backs (as SQL rows are) reach the store as BinaryObjects.
        IgniteCache<Integer, Object> c = node.<Integer, Object>getOrCreateCache(new CacheConfiguration<Integer, Object>("bin1")
            .setWriteThrough(true).setStoreKeepBinary(true).setCacheStoreFactory(new HdfsStoreFactory<Integer, Object>()
                .setUri(hdfs.uri() + "/gridkeep").setDirectory("bin1").setPartitions(4).setHadoopProperties(HdfsServer.CLIENT_PROPERTIES)))
            .withKeepBinary();
        c.put(1, node.binary().builder("NoSuchClass").setField("name", "one").setField("tags", new ArrayList<>(List.of("a", "b")))
            .setField("ids", new HashSet<>(List.of(7L, 9L))).setField("attrs", new HashMap<>(Map.of("k", 3)))
            .setField("codes", new String[] {"x", "y"}).build());

        IgniteCache<Integer, Object> again = node.<Integer, Object>getOrCreateCache(new CacheConfiguration<Integer, Object>("bin1b")
            .setStoreKeepBinary(true).setCacheStoreFactory(new HdfsStoreFactory<Integer, Object>()
                .setUri(hdfs.uri() + "/gridkeep").setDirectory("bin1").setPartitions(4).setHadoopProperties(HdfsServer.CLIENT_PROPERTIES)))
            .withKeepBinary();
        again.loadCache(null);

        BinaryObject bo = (BinaryObject)again.get(1);
        assertThat(bo.type().typeName()).isEqualTo("NoSuchClass");
        assertThat(bo.<String>field("name")).isEqualTo("one");
        assertThat(bo.<Collection<String>>field("tags")).containsExactly("a", "b");
        assertThat(bo.<Collection<Long>>field("ids")).containsExactlyInAnyOrder(7L, 9L);
        assertThat(bo.<Map<String, Integer>>field("attrs")).containsExactlyEntriesOf(Map.of("k", 3));
        assertThat(bo.<Object[]>field("codes")).containsExactly("x", "y");
    }

    @Test
    void loadingADirectoryWrittenWithMorePartitionsIsRefusedNamingTheSetting() {
        IgniteCache<Integer, String> c = cache("parts1", store("parts1"));
        for (int k = 0; k < 100; k++)
            c.put(k, "v" + k);
        c.destroy();

        IgniteCache<Integer, String> fewer = cache("parts1b", store("parts1").setPartitions(2));
        assertThatThrownBy(() -> fewer.loadCache(null))
            .hasStackTraceContaining("it was written with at least 4 partitions, and this store has partitions=2")
            .hasStackTraceContaining("property 'partitions'");
        assertThat(fewer.size()).isZero();
    }

    @Test
    void loadCacheRebuildsTheLatestStateFromWritesOverwritesAndDeletes() {
        IgniteCache<Integer, String> c = cache("state1", store("state1"));
        Map<Integer, String> expected = new HashMap<>();
        Map<Integer, String> batch = new HashMap<>();
        for (int k = 0; k < 1000; k++)
            batch.put(k, "v" + k);
        c.putAll(batch);
        expected.putAll(batch);
        for (int k = 0; k < 500; k++) {
            c.put(k, "w" + k);
            expected.put(k, "w" + k);
        }
        for (int k = 900; k < 1000; k++) {
            c.remove(k);
            expected.remove(k);
        }
        c.destroy();

        IgniteCache<Integer, String> again = cache("state1b", store("state1"));
        again.loadCache(null);

        assertThat(again.size()).isEqualTo(900);
        Map<Integer, String> actual = new HashMap<>();
        again.forEach(e -> actual.put(e.getKey(), e.getValue()));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void anAcknowledgedBatchIsReadableFromHdfsBeforeItsSegmentIsClosed() throws Exception {
        IgniteCache<Integer, String> c = cache("durable1", store("durable1"));
        c.put(7, "seven");

        List<LogRecord> records = new ArrayList<>();
        List<FileStatus> open = new ArrayList<>();
        for (FileStatus part : fs.listStatus(new Path("/gridkeep/durable1"))) {
            for (FileStatus f : fs.listStatus(part.getPath())) {
                if (f.getPath().getName().endsWith(".open")) {
                    open.add(f);
                    try (var in = fs.open(f.getPath())) {
                        LogFormat.read(in, records::add);
                    }
                }
            }
        }
        assertThat(open).hasSize(1);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).tombstone()).isFalse();
        assertThat(records.get(0).version()).isPositive();
    }

    @Test
    void readThroughIsRefusedAtStartSayingWhy() {
        assertThatThrownBy(() -> node.createCache(new CacheConfiguration<Integer, String>("rt1").setReadThrough(true).setWriteThrough(true)
            .setCacheStoreFactory(store("rt1"))))
            .hasStackTraceContaining("readThrough=true is not supported: HDFS holds a log, not an index")
            .hasStackTraceContaining("load it from HDFS with loadCache");
        // The node carries on.
        assertThat(node.cluster().state().active()).isTrue();
        assertThat(node.cacheNames()).doesNotContain("rt1");
    }

    @Test
    void segmentsRollBySizeAndCompactionMergesThemIntoOneBaseWithoutOverwrittenOrDeletedRecords() throws Exception {
        HdfsStoreFactory<Integer, String> f = store("compact1").setPartitions(1).setSegmentMaxBytes(2048).setCompactionSegments(3)
            .setCompactionIntervalMillis(300).setTombstoneGraceMillis(0);
        IgniteCache<Integer, String> c = cache("compact1", f);
        Map<Integer, String> expected = new HashMap<>();
        for (int k = 0; k < 300; k++) {
            c.put(k % 100, "v" + k);
            expected.put(k % 100, "v" + k);
        }
        StoreReadings m = StoreReadings.of(node, "hdfs", "compact1");
        assertThat(m.value(StoreMetrics.SEGMENTS_ROLLED)).isGreaterThanOrEqualTo(3);
        // Compaction runs while writers go on appending.
        Await.until(() -> m.value(StoreMetrics.COMPACTIONS) > 0, Duration.ofSeconds(120), "a compaction while writing");
        for (int k = 0; k < 10; k++) {
            c.remove(k);
            expected.remove(k);
        }
        c.destroy();

        // A store over the same directory compacts what is left (every segment is closed now) into one base.
        cache("compact1b", store("compact1").setPartitions(1).setCompactionSegments(1).setCompactionIntervalMillis(300)
            .setTombstoneGraceMillis(0));
        Path part = new Path("/gridkeep/compact1/part-00000");
        Await.until(() -> {
            try {
                FileStatus[] files = fs.listStatus(part);
                return files.length == 1 && files[0].getPath().getName().endsWith(".dat");
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Duration.ofSeconds(60), "one base file and nothing else in the partition");
        List<LogRecord> base = new ArrayList<>();
        try (var in = fs.open(fs.listStatus(part)[0].getPath())) {
            LogFormat.read(in, base::add);
        }
        assertThat(base).hasSize(90).noneMatch(LogRecord::tombstone);

        IgniteCache<Integer, String> again = cache("compact1c", store("compact1").setPartitions(1));
        again.loadCache(null);
        Map<Integer, String> actual = new HashMap<>();
        again.forEach(e -> actual.put(e.getKey(), e.getValue()));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void anIdleSegmentRollsByAgeSoReadersAndCompactionSeeItClosed() throws Exception {
        // Old enough by 3 s that the first check below still sees it open on a slow machine.
        IgniteCache<Integer, String> c = cache("aged1", store("aged1").setPartitions(1).setSegmentMaxAgeMillis(3000)
            .setCompactionIntervalMillis(300));
        c.put(1, "one");
        Path part = new Path("/gridkeep/aged1/part-00000");
        assertThat(fs.listStatus(part)).extracting(f -> f.getPath().getName()).allMatch(n -> n.endsWith(".open"));

        StoreReadings aged = StoreReadings.of(node, "hdfs", "aged1");
        Await.until(() -> aged.value(StoreMetrics.SEGMENTS_ROLLED) == 1, Duration.ofSeconds(30),
            "the idle segment rolled by age");

        assertThat(fs.listStatus(part)).extracting(f -> f.getPath().getName()).singleElement().asString().endsWith(".log");
    }

    /** A key or value as the store encodes it through the node's marshaller: a 0 byte, then the marshaller's bytes. */
    @SuppressWarnings("deprecation")
    static byte[] marshalled(Object o) throws Exception {
        byte[] m = node.configuration().getMarshaller().marshal(o);
        byte[] out = new byte[m.length + 1];
        System.arraycopy(m, 0, out, 1, m.length);
        return out;
    }

    /** The store's other encoding, of a BinaryObject's fields: a 1 byte, then Java serialization. */
    static byte[] javaSerialized(Object o) {
        byte[] j = Intruders.javaSerialized(o);
        byte[] out = new byte[j.length + 1];
        out[0] = 1;
        System.arraycopy(j, 0, out, 1, j.length);
        return out;
    }

    @Test
    void recordsNamingAClassOffTheAllowListAreSkippedByLoadCacheCountedAndNeverRun() throws Exception {
        IgniteCache<Integer, String> c = cache("allow1", store("allow1").setPartitions(1));
        for (int k = 0; k < 100; k++)
            c.put(k, "v" + k);
        c.destroy();
        // What someone who can write the directory could add: records framed as the store frames them, in a closed segment.
        ByteArrayOutputStream seg = new ByteArrayOutputStream();
        seg.write(new byte[] {'G', 'K', 'L', '1'});
        LogFormat.write(new LogRecord(marshalled(1000), marshalled(new Intruders.WithReadObject("optimized")), Long.MAX_VALUE), seg);
        LogFormat.write(new LogRecord(marshalled(1001), marshalled(new Intruders.Plain("binary")), Long.MAX_VALUE), seg);
        LogFormat.write(new LogRecord(marshalled(1002), javaSerialized(new Intruders.WithReadObject("java")), Long.MAX_VALUE), seg);
        LogFormat.write(new LogRecord(marshalled(new Intruders.Plain("as a key")), marshalled("v"), Long.MAX_VALUE), seg);
        // An intruder that overwrites a real entry: the newest version wins the merge, and is rejected; the key is not loaded.
        LogFormat.write(new LogRecord(marshalled(5), marshalled(new Intruders.Plain("over key 5")), Long.MAX_VALUE), seg);
        try (FSDataOutputStream out = fs.create(new Path("/gridkeep/allow1/part-00000/seg-1-intruder-0.log"))) {
            out.write(seg.toByteArray());
        }
        Intruders.RAN.set(0);

        IgniteCache<Integer, String> again = cache("allow1b", store("allow1").setPartitions(1));
        again.loadCache(null);

        long rejected = StoreReadings.of(node, "hdfs", "allow1b").value(StoreMetrics.REJECTED_VALUES);
        System.out.println("hdfs loadCache with intruders: loaded " + again.size() + " of 105 records, RejectedValues " + rejected
            + ", intruder code ran " + Intruders.RAN.get() + " times");
        assertThat(again.size()).isEqualTo(99);
        assertThat(again.get(42)).isEqualTo("v42");
        assertThat(again.containsKey(5)).isFalse();
        assertThat(rejected).isEqualTo(5);
        assertThat(Intruders.RAN.get()).isZero();
        assertThat(fs.exists(new Path("/gridkeep/allow1/part-00000/seg-1-intruder-0.log"))).as("loading changes nothing").isTrue();
    }

    @Test
    void aTornSegmentTailIsSkippedWithAWarningAndEverythingBeforeItLoads() throws Exception {
        IgniteCache<Integer, String> c = cache("torn1", store("torn1").setPartitions(1));
        for (int k = 0; k < 100; k++)
            c.put(k, "v" + k);
        c.destroy();
        // What a writer killed mid-write leaves: a segment whose last record is cut off.
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        LogFormat.write(new LogRecord(new byte[] {1, 2, 3}, new byte[] {4, 5, 6, 7, 8, 9}, 1), rec);
        try (FSDataOutputStream out = fs.create(new Path("/gridkeep/torn1/part-00000/seg-1-killed-0.open"))) {
            out.write(new byte[] {'G', 'K', 'L', '1'});
            out.write(rec.toByteArray(), 0, rec.size() - 4);
        }

        IgniteCache<Integer, String> again = cache("torn1b", store("torn1").setPartitions(1));
        again.loadCache(null);

        assertThat(again.size()).isEqualTo(100);
        assertThat(again.get(42)).isEqualTo("v42");
        assertThat(StoreReadings.of(node, "hdfs", "torn1b").value(StoreMetrics.TORN_TAILS)).isEqualTo(1);
    }
}
