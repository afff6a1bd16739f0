package io.gridkeep.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The stores' allow-list of classes to deserialize, on bytes serialized here. */
class StoredClassFilterTest {
    private static final StoredClassFilter DEFAULTS = StoredClassFilter.of(List.of(), List.of(), "TestStoreFactory");

    /** A class no default allows, whose deserialization leaves a trace. */
    static final class Intruder implements Serializable {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger READ = new AtomicInteger();

        final String payload;

        Intruder(String payload) {
            this.payload = payload;
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            READ.incrementAndGet();
            in.defaultReadObject();
        }
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.toByteArray();
    }

    private static Object read(StoredClassFilter f, Object o) throws Exception {
        byte[] b = serialize(o);
        return f.read(b, 0, b.length, null);
    }

    @Test
    void theDefaultsReadBoxedTypesStringsJavaUtilCollectionsTimeMathSqlDatesAndArrays() throws Exception {
        Map<String, Object> m = new HashMap<>();
        m.put("int", 1);
        m.put("long", 2L);
        m.put("double", 2.5d);
        m.put("char", 'c');
        m.put("bool", true);
        m.put("text", "t");
        m.put("list", new ArrayList<>(List.of(1, 2)));
        m.put("linked", new LinkedList<>(List.of("a")));
        m.put("immutable", List.of("x", "y"));
        m.put("unmodifiable", Collections.unmodifiableList(new ArrayList<>(List.of(3))));
        m.put("set", new LinkedHashSet<>(Set.of("s")));
        m.put("tree", new TreeMap<>(Map.of("k", "v")));
        m.put("concurrent", new ConcurrentHashMap<>(Map.of("c", 1)));
        m.put("enums", EnumSet.of(DayOfWeek.MONDAY));
        m.put("day", DayOfWeek.FRIDAY);
        m.put("decimal", new BigDecimal("12.34"));
        m.put("big", BigInteger.TEN);
        m.put("date", LocalDate.of(2026, 1, 2));
        m.put("instant", Instant.ofEpochSecond(1_700_000_000L));
        m.put("zoned", ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneId.of("Europe/Oslo")));
        m.put("duration", Duration.ofSeconds(5));
        m.put("utilDate", new Date(1_700_000_000_000L));
        m.put("timestamp", new Timestamp(1_700_000_000_123L));
        m.put("uuid", new UUID(1, 2));
        m.put("strings", new String[] {"a", null});
        m.put("objects", new Object[] {1, "two"});

        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>)read(DEFAULTS, m);

        assertThat(back.keySet()).isEqualTo(m.keySet());
        for (String k : m.keySet()) {
            if (m.get(k) instanceof Object[] arr)
                assertThat((Object[])back.get(k)).as(k).containsExactly(arr);
            else
                assertThat(back.get(k)).as(k).isEqualTo(m.get(k));
        }
        assertThat((int[])read(DEFAULTS, new int[] {4, 5})).containsExactly(4, 5);
        assertThat(((byte[][])read(DEFAULTS, new byte[][] {{1}, {2, 3}}))[1]).containsExactly(2, 3);
    }

    @Test
    void aClassOffTheListIsRejectedBeforeItsReadObjectRunsAndTheMessageNamesIt() {
        Intruder.READ.set(0);

        assertThatThrownBy(() -> read(DEFAULTS, new Intruder("x")))
            .isInstanceOf(RejectedClassException.class)
            .hasMessageContaining("name class " + Intruder.class.getName())
            .hasMessageContaining("TestStoreFactory property 'allowedClasses'")
            .satisfies(e -> assertThat(((RejectedClassException)e).className()).isEqualTo(Intruder.class.getName()));
        assertThat(Intruder.READ.get()).isZero();
    }

    @Test
    void aClassOffTheListDeepInsideAllowedCollectionsIsRejectedToo() {
        Intruder.READ.set(0);
        Map<String, Object> m = new HashMap<>(Map.of("inner", new ArrayList<>(List.of(1, new Object[] {new Intruder("deep")}))));

        assertThatThrownBy(() -> read(DEFAULTS, m)).isInstanceOf(RejectedClassException.class)
            .hasMessageContaining(Intruder.class.getName());
        assertThat(Intruder.READ.get()).isZero();
        assertThatThrownBy(() -> read(DEFAULTS, new Intruder[0])).isInstanceOf(RejectedClassException.class);
    }

    @Test
    void theUsersPatternsAllowTheirClassesAPackageOrATreeAndANegationWins() throws Exception {
        Intruder.READ.set(0);
        String pkg = StoredClassFilterTest.class.getPackageName();
        assertThat(read(StoredClassFilter.of(List.of(Intruder.class.getName()), List.of(), "F"), new Intruder("a")))
            .isInstanceOf(Intruder.class);
        assertThat(read(StoredClassFilter.of(List.of(pkg + ".*"), List.of(), "F"), new Intruder("b"))).isInstanceOf(Intruder.class);
        assertThat(read(StoredClassFilter.of(List.of("io.gridkeep.**"), List.of(), "F"), new Intruder("c"))).isInstanceOf(Intruder.class);
        assertThat(Intruder.READ.get()).isEqualTo(3);

        assertThat(StoredClassFilter.of(List.of("io.gridkeep.*"), List.of(), "F").allows(Intruder.class.getName()))
            .as("a package pattern does not reach into subpackages").isFalse();
        assertThat(StoredClassFilter.of(List.of("io.gridkeep.**, !" + Intruder.class.getName()), List.of(), "F")
            .allows(Intruder.class.getName())).isFalse();
        assertThat(DEFAULTS.with(List.of(Intruder.class.getName())).allows(Intruder.class.getName()))
            .as("a type the cache declares").isTrue();
        assertThat(DEFAULTS.allows("java.util.logging.Logger")).as("java.util's subpackages are not collections").isFalse();
        assertThat(DEFAULTS.allows("java.lang.Runtime")).isFalse();
        assertThat(DEFAULTS.allows("javax.management.BadAttributeValueExpException")).isFalse();
    }

    @Test
    void patternsThatAllowEverythingSetLimitsNameModulesOrAreNoClassNamesAreRefused() {
        for (String bad : List.of("*", "**", "maxdepth=5", "java.base/java.lang.*", "com.acme..*x", "com acme(")) {
            assertThatThrownBy(() -> StoredClassFilter.checked(List.of(bad))).as(bad).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'");
        }
        assertThat(StoredClassFilter.checked(Arrays.asList(" com.acme.model.** , com.acme.Order", null, "")))
            .containsExactly("com.acme.model.**", "com.acme.Order");
    }

    @Test
    void anArrayLongerThanTheBytesCouldHoldIsRejectedBeforeItIsAllocated() throws Exception {
        byte[] b = serialize(new int[] {7});
        // The array's length is the 4 bytes before its one element, at the end of the stream.
        int at = b.length - 8;
        b[at] = 0x10;

        assertThatThrownBy(() -> DEFAULTS.read(b, 0, b.length, null)).isInstanceOf(RejectedClassException.class)
            .hasMessageContaining("an array of 268435457 elements");
    }

    @Test
    void objectsNestedDeeperThanTheLimitAreRejected() {
        List<Object> deep = new ArrayList<>();
        List<Object> cur = deep;
        for (int i = 0; i < StoredClassFilter.MAX_DEPTH + 10; i++) {
            List<Object> next = new ArrayList<>();
            cur.add(next);
            cur = next;
        }
        assertThatThrownBy(() -> read(DEFAULTS, deep)).isInstanceOf(RejectedClassException.class).hasMessageContaining("deep");
    }

    @Test
    void theMarshallersLoaderLoadsAllowedClassesAndThrowsForOthersWithoutFallingBack() throws Exception {
        ClassLoader l = DEFAULTS.loader(getClass().getClassLoader());

        assertThat(Class.forName("java.util.ArrayList", false, l)).isSameAs(ArrayList.class);
        assertThat(Class.forName("[Ljava.lang.String;", false, l)).isSameAs(String[].class);
        assertThatThrownBy(() -> Class.forName(Intruder.class.getName(), true, l)).isInstanceOf(RejectedClassException.class);
        assertThat(DEFAULTS.loader(getClass().getClassLoader())).as("one loader per allow-list and parent").isSameAs(l);
    }

    @Test
    void whatTheMarshallerReturnedIsCheckedThroughCollectionsMapsAndArrays() {
        DEFAULTS.checkDecoded(new HashMap<>(Map.of("a", List.of(1, 2))));

        assertThatThrownBy(() -> DEFAULTS.checkDecoded(new HashMap<>(Map.of("a", List.of(new Intruder("m"))))))
            .isInstanceOf(RejectedClassException.class);
        assertThatThrownBy(() -> DEFAULTS.checkDecoded(new Intruder("top"))).isInstanceOf(RejectedClassException.class);
    }

    @Test
    void namesReadFromABackendArePrintedOnOneShortLine() {
        assertThat(Rejections.printable("a\nb\u0000")).isEqualTo("a\\u000ab\\u0000");
        assertThat(Rejections.printable("x".repeat(500))).hasSize(203).endsWith("...");
    }
}
