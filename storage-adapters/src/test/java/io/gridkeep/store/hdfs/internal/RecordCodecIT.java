package io.gridkeep.store.hdfs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridkeep.store.Intruders;
import io.gridkeep.store.internal.RejectedClassException;
import io.gridkeep.store.internal.StoredClassFilter;
import io.gridkeep.testkit.InJvmCluster;
import io.gridkeep.testkit.TestNodeConfigs;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.binary.BinaryObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys and values through the HDFS store's codec and back, on the cluster that wrote them and on a
 * second one, with its own work directory, that never saw their types (as a cluster started afresh
 * to load the log). An IT because it needs Ignite nodes: the codec is Ignite's marshaller and
 * binary builder, which exist only inside a started node.
 */
class RecordCodecIT {
    @TempDir
    static Path dir;

    static InJvmCluster writerCluster;
    static InJvmCluster readerCluster;
    static Ignite writer;
    static Ignite reader;
    static RecordCodec encoder;
    static RecordCodec sameCluster;
    static RecordCodec freshCluster;

    @BeforeAll
    static void start() {
        writerCluster = InJvmCluster.start(1, slot -> TestNodeConfigs.server(slot).setWorkDirectory(dir.resolve("writer").toString()));
        readerCluster = InJvmCluster.start(1, slot -> TestNodeConfigs.server(slot).setWorkDirectory(dir.resolve("reader").toString()));
        writer = writerCluster.node(0);
        reader = readerCluster.node(0);
        // The test's own value classes are allowed as a user allows theirs.
        StoredClassFilter allowed = StoredClassFilter.of(List.of(RecordCodecIT.class.getName() + "$*"), RecordCodec.OWN_CLASSES,
            "HdfsStoreFactory");
        encoder = new RecordCodec(writer, allowed);
        sameCluster = new RecordCodec(writer, allowed);
        freshCluster = new RecordCodec(reader, allowed);
    }

    @AfterAll
    static void stop() {
        if (readerCluster != null)
            readerCluster.close();
        if (writerCluster != null)
            writerCluster.close();
    }

    /** A value class both clusters have on their class path. */
    public static final class Order implements Serializable {
        private static final long serialVersionUID = 1L;

        String id;
        int qty;
        Status status;
        List<String> tags;

        Order(String id, int qty, Status status, List<String> tags) {
            this.id = id;
            this.qty = qty;
            this.status = status;
            this.tags = tags;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Order other && id.equals(other.id) && qty == other.qty && status == other.status && tags.equals(other.tags);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, qty, status, tags);
        }
    }

    /** An enum class both clusters have. */
    public enum Status { NEW, SHIPPED }

    private static Object roundTrip(RecordCodec decoder, Object o) throws Exception {
        return decoder.decode(encoder.encode(o), RecordCodecIT.class.getClassLoader());
    }

    /** A BinaryObject as plain values, nested ones included, for comparing objects built by different nodes. */
    private static Object plain(Object v) {
        if (v instanceof BinaryObject bo) {
            if (bo.type().isEnum())
                return "enum " + bo.type().typeName() + "#" + bo.enumOrdinal();
            Map<String, Object> f = new TreeMap<>();
            f.put("@type", bo.type().typeName());
            for (String name : bo.type().fieldNames()) {
                Object x = bo.field(name);
                if (x != null)
                    f.put(name, plain(x));
            }
            return f;
        }
        if (v != null && v.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++)
                out.add(plain(Array.get(v, i)));
            // The element type is part of the value: a String[] must not come back as an Object[].
            return v.getClass().getComponentType().getSimpleName() + out;
        }
        if (v instanceof List<?> l)
            return l.stream().map(RecordCodecIT::plain).toList();
        if (v instanceof Set<?> s)
            return new HashSet<>(s.stream().map(RecordCodecIT::plain).toList());
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new HashMap<>();
            m.forEach((k, x) -> out.put(plain(k), plain(x)));
            return out;
        }
        return v;
    }

    @Test
    void valuesOfIgnitesBuiltInTypesComeBackEqualOnAnyCluster() throws Exception {
        List<Object> values = List.of(42, 42L, (short)7, (byte)-3, 2.5d, 1.25f, true, 'x', "text", "", UUID.randomUUID(),
            new Date(1_700_000_000_000L), new Timestamp(1_700_000_000_123L), new BigDecimal("12345.6789"),
            new ArrayList<>(List.of(1, 2, 3)), new HashMap<>(Map.of("a", 1, "b", 2)), new HashSet<>(Set.of("x", "y")),
            new LinkedHashMap<>(Map.of(1, new ArrayList<>(List.of("nested")))));
        for (Object v : values) {
            assertThat(roundTrip(sameCluster, v)).as("%s on the same cluster", v.getClass()).isEqualTo(v);
            assertThat(roundTrip(freshCluster, v)).as("%s on a fresh cluster", v.getClass()).isEqualTo(v);
        }
    }

    @Test
    void arraysComeBackWithTheirElementType() throws Exception {
        for (RecordCodec decoder : List.of(sameCluster, freshCluster)) {
            assertThat((byte[])roundTrip(decoder, new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
            assertThat((int[])roundTrip(decoder, new int[] {4, 5})).containsExactly(4, 5);
            assertThat((long[])roundTrip(decoder, new long[] {6L})).containsExactly(6L);
            Object strings = roundTrip(decoder, new String[] {"a", null, "c"});
            assertThat(strings).isInstanceOf(String[].class);
            assertThat((String[])strings).containsExactly("a", null, "c");
        }
    }

    @Test
    void objectsAndEnumsOfAClassComeBackAsThatClassOnTheClusterThatWroteThem() throws Exception {
        // Only here: Ignite writes them with compact footers, which need the type's metadata, and a
        // cluster that never wrote the class has none (decoding there fails after Ignite's metadata wait).
        Order o = new Order("o-1", 3, Status.SHIPPED, new ArrayList<>(List.of("gift")));
        assertThat(roundTrip(sameCluster, o)).isEqualTo(o);
        assertThat(roundTrip(sameCluster, Status.NEW)).isSameAs(Status.NEW);
        assertThat(roundTrip(sameCluster, DayOfWeek.FRIDAY)).isSameAs(DayOfWeek.FRIDAY);
    }

    /** A SQL row's shape: a type no class backs, with a field of every kind. */
    private static BinaryObject row(Ignite ignite) {
        return ignite.binary().builder("NoClassCustomer")
            .setField("id", 7L)
            .setField("name", "Ada")
            .setField("score", 99.5d)
            .setField("active", true)
            .setField("small", (short)2)
            .setField("photo", new byte[] {9, 8})
            .setField("codes", new String[] {"x", "y"})
            .setField("counts", new int[] {1, 2, 3})
            .setField("uid", new UUID(1, 2))
            .setField("since", new Date(1_700_000_000_000L))
            .setField("balance", new BigDecimal("10.50"))
            .setField("home", address(ignite, "Oslo", 150))
            .setField("level", ignite.binary().buildEnum("NoClassLevel", 1))
            .setField("past", new ArrayList<>(List.of(address(ignite, "Rome", 100))))
            .setField("byCity", new HashMap<>(Map.of("Oslo", address(ignite, "Oslo", 150))))
            .setField("visits", new HashMap<>(Map.of(address(ignite, "Paris", 750), 3)))
            .setField("tags", new HashSet<>(Set.of("a", "b")))
            .setField("friends", new Object[] {ignite.binary().builder("NoClassFriend").setField("n", 1).build(), "plain"})
            .build();
    }

    private static BinaryObject address(Ignite ignite, String city, int zip) {
        return ignite.binary().builder("NoClassAddress").setField("city", city).setField("zip", zip).build();
    }

    @Test
    void binaryObjectsWithoutAClassComeBackWithEveryFieldOnTheClusterThatWroteThem() throws Exception {
        registerLevel(writer);
        BinaryObject row = row(writer);

        Object back = roundTrip(sameCluster, row);

        assertThat(back).isInstanceOf(BinaryObject.class);
        assertThat(plain(back)).isEqualTo(plain(row));
    }

    @Test
    void binaryObjectsWithoutAClassComeBackOnAClusterThatNeverSawTheirType() throws Exception {
        registerLevel(writer);
        BinaryObject row = row(writer);

        BinaryObject back = (BinaryObject)roundTrip(freshCluster, row);

        assertThat(plain(back)).isEqualTo(plain(row));
        // The fresh cluster learned the type from the rebuilt object: typed fields, nested types and all.
        assertThat(reader.binary().type("NoClassCustomer").fieldTypeName("codes")).isEqualTo("String[]");
        assertThat(back.<Object>field("codes")).isInstanceOf(String[].class);
        assertThat(back.<BinaryObject>field("home").type().typeName()).isEqualTo("NoClassAddress");
        assertThat(back.<BinaryObject>field("level").enumOrdinal()).isEqualTo(1);
        assertThat(back.<Object[]>field("friends")[1]).isEqualTo("plain");
    }

    private static void registerLevel(Ignite ignite) {
        ignite.binary().registerEnum("NoClassLevel", Map.of("LOW", 0, "HIGH", 1));
    }

    @Test
    void binaryKeysComeBackToo() throws Exception {
        BinaryObject key = writer.binary().builder("NoClassKey").setField("region", "eu").setField("id", 5).build();
        assertThat(plain(roundTrip(freshCluster, key))).isEqualTo(plain(key));
        // Equal keys encode to equal bytes: the store partitions the log by the hash of a key's bytes.
        BinaryObject same = writer.binary().builder("NoClassKey").setField("region", "eu").setField("id", 5).build();
        assertThat(encoder.encode(same)).isEqualTo(encoder.encode(key));
    }

    @Test
    void aBinaryObjectOfAClassComesBackAsOneThatDeserializesToTheClass() throws Exception {
        Order o = new Order("o-2", 1, Status.NEW, new ArrayList<>(List.of()));
        BinaryObject bo = writer.binary().toBinary(o);

        Object back = roundTrip(sameCluster, bo);

        assertThat(back).isInstanceOf(BinaryObject.class);
        assertThat(((BinaryObject)back).<Order>deserialize()).isEqualTo(o);
    }

    @Test
    void emptyBytesAreRefused() {
        assertThatThrownBy(() -> freshCluster.decode(new byte[0], null))
            .isInstanceOf(IOException.class).hasMessage("empty key or value bytes");
    }

    @Test
    void anUnknownEncodingIsRefusedNamingIt() {
        assertThatThrownBy(() -> freshCluster.decode(new byte[] {7, 1, 2}, null))
            .isInstanceOf(IOException.class).hasMessage("unknown encoding 7");
    }

    @Test
    void aBinaryObjectNamedAfterAClassOffTheAllowListIsRejectedAndOneNoClassBacksIsNot() throws Exception {
        RecordCodec defaults = new RecordCodec(writer, StoredClassFilter.of(List.of(), RecordCodec.OWN_CLASSES, "HdfsStoreFactory"));
        // A cache read without withKeepBinary would turn such an object into an instance of that class.
        BinaryObject posing = writer.binary().builder(Intruders.Plain.class.getName()).setField("payload", "x").build();
        BinaryObject sqlRow = writer.binary().builder("SQL_PUBLIC_PEOPLE_0a1b").setField("name", "Ada").build();

        assertThatThrownBy(() -> defaults.decode(encoder.encode(posing), RecordCodecIT.class.getClassLoader()))
            .isInstanceOf(RejectedClassException.class).hasMessageContaining(Intruders.Plain.class.getName());
        assertThat(plain(defaults.decode(encoder.encode(sqlRow), RecordCodecIT.class.getClassLoader()))).isEqualTo(plain(sqlRow));
        assertThatThrownBy(() -> defaults.decode(encoder.encode(new Intruders.WithReadObject("m")), RecordCodecIT.class.getClassLoader()))
            .isInstanceOf(RejectedClassException.class).hasMessageContaining(Intruders.WithReadObject.class.getName());
    }
}
