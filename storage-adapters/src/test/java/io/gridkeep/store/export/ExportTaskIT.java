package io.gridkeep.store.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridkeep.store.hdfs.TestHdfs;
import io.gridkeep.testkit.HdfsServer;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.SqlFieldsQuery;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A SQL table and a plain cache exported from two nodes to a real HDFS as Parquet, read back row by row with the Parquet reader. */
@ExtendWith(TestDirs.Extension.class)
class ExportTaskIT {
    private static final int ROWS = 2000;

    static HdfsServer hdfs;
    static FileSystem fs;
    static InJvmCluster cluster;
    static Ignite node;
    /** The local export root every node has, beside {@code <hdfs>/exports}. */
    static java.nio.file.Path localRoot;

    @BeforeAll
    static void start(TestDirs dirs) throws IOException {
        hdfs = HdfsServer.start(dirs.work("hdfs"));
        fs = TestHdfs.fileSystem(hdfs);
        localRoot = Files.createDirectories(dirs.work("exports"));
        String roots = hdfs.uri() + "/exports," + localRoot.toUri();
        cluster = InJvmCluster.start(2, slot -> TestNodeConfigs.server(slot).setLifecycleBeans(new ExportRoots().setRoots(roots)));
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

    static ExportRequest request(String cache, String path) {
        return new ExportRequest().cache(cache).target(hdfs.uri() + path).hadoopProperties(HdfsServer.CLIENT_PROPERTIES);
    }

    static List<Group> readAll(String path) throws Exception {
        List<Group> rows = new ArrayList<>();
        for (FileStatus f : fs.listStatus(new Path(path))) {
            if (!f.getPath().getName().endsWith(".parquet"))
                continue;
            try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), f.getPath()).withConf(TestHdfs.clientConf(hdfs))
                .build()) {
                for (Group g = r.read(); g != null; g = r.read())
                    rows.add(g);
            }
        }
        return rows;
    }

    @Test
    void aSqlTableIsExportedWithOneTypedColumnPerSqlColumnAndEveryRowReadsBack() throws Exception {
        IgniteCache<?, ?> sql = node.getOrCreateCache(new CacheConfiguration<>("sql_boot").setSqlSchema("PUBLIC"));
        sql.query(new SqlFieldsQuery("CREATE TABLE trades (id BIGINT PRIMARY KEY, sym VARCHAR, qty INT, price DOUBLE, at TIMESTAMP, "
            + "day DATE, amount DECIMAL(20, 4), open BOOLEAN, ref UUID) WITH \"backups=1,cache_name=trades\"")).getAll();
        Map<Long, Object[]> expected = new HashMap<>();
        for (long i = 0; i < ROWS; i++) {
            Object[] r = {i, i % 10 == 0 ? null : "S" + i, (int)(i * 3), i * 0.5, new Timestamp(1_700_000_000_000L + i * 1000),
                Date.valueOf(LocalDate.of(2026, 1, 1).plusDays(i % 300)), new BigDecimal(i).movePointLeft(2), i % 2 == 0,
                new UUID(i, -i)};
            expected.put(i, r);
            sql.query(new SqlFieldsQuery("INSERT INTO trades VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)").setArgs(r)).getAll();
        }

        long[] result = node.compute().execute(new ExportTask(), request("trades", "/exports/trades"));

        assertThat(result[0]).isEqualTo(ROWS);
        assertThat(result[1]).isEqualTo(2);
        assertThat(fs.exists(new Path("/exports/trades/_SUCCESS"))).isTrue();
        assertThat(fs.exists(new Path("/exports/trades/_temporary"))).isFalse();
        FileStatus first = fs.listStatus(new Path("/exports/trades"), p -> p.getName().endsWith(".parquet"))[0];
        MessageType schema;
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(first.getPath(), TestHdfs.clientConf(hdfs)))) {
            schema = r.getFooter().getFileMetaData().getSchema();
        }
        assertThat(schema.getFields()).extracting(Type::getName)
            .containsExactly("id", "sym", "qty", "price", "at", "day", "amount", "open", "ref");
        assertThat(schema.getType("id").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
        assertThat(schema.getType("sym").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
        assertThat(schema.getType("qty").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT32);
        assertThat(schema.getType("price").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.DOUBLE);
        assertThat(schema.getType("at").getLogicalTypeAnnotation())
            .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
        assertThat(schema.getType("day").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.dateType());
        assertThat(schema.getType("amount").getLogicalTypeAnnotation())
            .isInstanceOf(LogicalTypeAnnotation.DecimalLogicalTypeAnnotation.class);
        assertThat(schema.getType("open").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.BOOLEAN);
        assertThat(schema.getType("ref").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.uuidType());

        List<Group> rows = readAll("/exports/trades");
        assertThat(rows).hasSize(ROWS);
        for (Group g : rows) {
            long id = g.getLong("id", 0);
            Object[] e = expected.remove(id);
            assertThat(e).as("row %d exported once", id).isNotNull();
            assertThat(g.getFieldRepetitionCount("sym") == 0 ? null : g.getString("sym", 0)).isEqualTo(e[1]);
            assertThat(g.getInteger("qty", 0)).isEqualTo(e[2]);
            assertThat(g.getDouble("price", 0)).isEqualTo(e[3]);
            assertThat(g.getLong("at", 0)).isEqualTo(((Timestamp)e[4]).getTime());
            assertThat(LocalDate.ofEpochDay(g.getInteger("day", 0))).isEqualTo(((Date)e[5]).toLocalDate());
            assertThat(new BigDecimal(new BigInteger(g.getBinary("amount", 0).getBytes()), 18).compareTo((BigDecimal)e[6])).isZero();
            assertThat(g.getBoolean("open", 0)).isEqualTo(e[7]);
            ByteBuffer u = g.getBinary("ref", 0).toByteBuffer();
            assertThat(new UUID(u.getLong(), u.getLong())).isEqualTo(e[8]);
        }
        assertThat(expected).isEmpty();
    }

    @Test
    void aPlainCacheExportsItsKeyAndValue() throws Exception {
        IgniteCache<Integer, String> c = node.getOrCreateCache(new CacheConfiguration<Integer, String>("plain").setBackups(1));
        for (int i = 0; i < 500; i++)
            c.put(i, "v" + i);

        long[] result = node.compute().execute(new ExportTask(), request("plain", "/exports/plain"));

        assertThat(result[0]).isEqualTo(500);
        Map<Integer, String> back = new HashMap<>();
        for (Group g : readAll("/exports/plain"))
            back.put(g.getInteger("key", 0), g.getString("value", 0));
        assertThat(back).hasSize(500).containsEntry(499, "v499");
    }

    @Test
    void aTargetThatIsNotEmptyIsRefusedUnlessOverwriteIsAsked() throws Exception {
        node.getOrCreateCache(new CacheConfiguration<Integer, String>("small")).put(1, "one");
        fs.mkdirs(new Path("/exports/taken"));
        fs.create(new Path("/exports/taken/keep.txt")).close();

        assertThatThrownBy(() -> node.compute().execute(new ExportTask(), request("small", "/exports/taken")))
            .hasMessageContaining("/exports/taken is not empty");
        assertThat(fs.exists(new Path("/exports/taken/keep.txt"))).isTrue();

        long[] result = node.compute().execute(new ExportTask(), request("small", "/exports/taken").overwrite(true));
        assertThat(result[0]).isEqualTo(1);
        assertThat(fs.exists(new Path("/exports/taken/keep.txt"))).isFalse();
    }

    /** A directory with a file in it, outside every export root: what an export must never delete. */
    static java.nio.file.Path victim(java.nio.file.Path tmp) throws IOException {
        java.nio.file.Path v = Files.createDirectories(tmp.resolve("victim"));
        Files.writeString(v.resolve("precious.txt"), "keep me");
        return v;
    }

    static void assertIntact(java.nio.file.Path victim) throws IOException {
        assertThat(Files.readString(victim.resolve("precious.txt"))).isEqualTo("keep me");
        try (var files = Files.list(victim)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void anOverwritingExportOutsideTheRootsIsRefusedAndTheDirectoryAndItsFileAreIntact(@TempDir java.nio.file.Path tmp)
        throws Exception {
        node.getOrCreateCache(new CacheConfiguration<Integer, String>("victim1")).put(1, "one");
        java.nio.file.Path victim = victim(tmp);

        assertThatThrownBy(() -> node.compute().execute(new ExportTask(),
            new ExportRequest().cache("victim1").target(victim.toUri().toString()).overwrite(true)))
            .hasMessageContaining("gridkeep: export: " + victim.toUri() + " is not under an allowed export root (")
            .hasMessageContaining("set the property 'roots' of the io.gridkeep.store.export.ExportRoots bean");

        assertIntact(victim);
    }

    @Test
    void aTargetWhoseDotDotEscapesARootIsRefused(@TempDir java.nio.file.Path tmp) throws Exception {
        node.getOrCreateCache(new CacheConfiguration<Integer, String>("victim2")).put(1, "one");
        java.nio.file.Path victim = victim(tmp);
        String escape = localRoot.toUri() + "a/" + "../".repeat(localRoot.getNameCount() + 1) + victim.toString().substring(1);
        fs.mkdirs(new Path("/kept"));
        fs.create(new Path("/kept/file")).close();

        assertThatThrownBy(() -> node.compute().execute(new ExportTask(),
            new ExportRequest().cache("victim2").target(escape).overwrite(true)))
            .hasMessageContaining("is not under an allowed export root");
        assertThatThrownBy(() -> node.compute().execute(new ExportTask(),
            request("victim2", "/exports/../kept").overwrite(true))).hasMessageContaining("is not under an allowed export root");

        assertIntact(victim);
        assertThat(fs.exists(new Path("/kept/file"))).isTrue();
    }

    @Test
    void anExportBelowALocalRootStillWorks() throws Exception {
        IgniteCache<Integer, String> c = node.getOrCreateCache(new CacheConfiguration<Integer, String>("local1").setBackups(1));
        for (int i = 0; i < 100; i++)
            c.put(i, "v" + i);

        long[] result = node.compute().execute(new ExportTask(),
            new ExportRequest().cache("local1").target(localRoot.resolve("local1").toUri().toString()));

        System.out.println("export below the local root: " + result[0] + " rows in " + result[1] + " files");
        assertThat(result[0]).isEqualTo(100);
        assertThat(localRoot.resolve("local1/_SUCCESS")).exists();
    }

    @Test
    void aHadoopPropertyThatPicksAnImplementationOrAnotherFileSystemIsRefusedAndNothingIsCreated() throws Exception {
        node.getOrCreateCache(new CacheConfiguration<Integer, String>("props1")).put(1, "one");
        Map<String, String> forbidden = Map.of("fs.hdfs.impl", "org.apache.hadoop.fs.RawLocalFileSystem",
            "fs.defaultFS", "file:///", "io.compression.codecs", "com.evil.Codec", "hadoop.rpc.socket.factory.class.default", "x.Y");
        for (Map.Entry<String, String> p : forbidden.entrySet()) {
            Map<String, String> props = new HashMap<>(HdfsServer.CLIENT_PROPERTIES);
            props.put(p.getKey(), p.getValue());
            assertThatThrownBy(() -> node.compute().execute(new ExportTask(), request("props1", "/exports/props1").hadoopProperties(props)))
                .as(p.getKey())
                .hasMessageContaining("gridkeep: export: the hadoop property '" + p.getKey() + "' of the request is refused");
        }
        assertThat(fs.exists(new Path("/exports/props1"))).isFalse();
    }
}
