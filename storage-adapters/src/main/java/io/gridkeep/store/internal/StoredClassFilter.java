package io.gridkeep.store.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ignite.binary.BinaryObject;

/**
 * The classes a store lets its stored bytes name: whoever can write a Cassandra table or an HDFS
 * directory must not be able to run code in the grid through what the store reads back. An
 * allow-list in the pattern syntax of {@link ObjectInputFilter.Config#createFilter} ({@code a.b.C},
 * {@code a.b.*} for a package, {@code a.b.**} with its subpackages, {@code a.b.Pre*} for a prefix,
 * {@code !a.b.C} to reject), made of {@link #DEFAULTS}, the store's own record classes, the key and
 * value types the cache declares, and the user's patterns (the store factory's {@code allowedClasses}).
 * Everything else is rejected, and so is a stream past the limits below.
 *
 * <p>It guards both ways a store reads objects: Java deserialization ({@link #read}, an
 * {@link ObjectInputFilter} on the stream and a check of every class name before it is even loaded)
 * and Ignite's marshaller ({@link #loader}, a class loader that refuses every other class, and
 * {@link #checkDecoded} of the result). A rejection is a {@link RejectedClassException}: nothing of
 * the refused class was loaded, constructed or run.
 *
 * <pre>{@code
 * StoredClassFilter f = StoredClassFilter.of(List.of("com.acme.model.**"), List.of(), "CassandraStoreFactory");
 * Object v = f.read(bytes, 0, bytes.length, null);   // RejectedClassException for any other class
 * }</pre>
 */
public final class StoredClassFilter {
    /**
     * What every store allows: the boxed primitives and String, {@code java.math}, {@code java.time},
     * the collections and maps of {@code java.util} (its own package, not its subpackages, but the
     * common concurrent collections), the {@code java.sql} date types, and arrays of any of these or
     * of primitives. {@code java.lang.Object} is there for {@code Object[]}; an Object itself is not
     * serializable.
     */
    public static final List<String> DEFAULTS = List.of(
        "java.lang.Boolean", "java.lang.Byte", "java.lang.Character", "java.lang.Short", "java.lang.Integer", "java.lang.Long",
        "java.lang.Float", "java.lang.Double", "java.lang.Number", "java.lang.String", "java.lang.Enum", "java.lang.Object",
        "java.math.*", "java.time.**", "java.util.*",
        "java.util.concurrent.ConcurrentHashMap*", "java.util.concurrent.ConcurrentSkipListMap",
        "java.util.concurrent.ConcurrentSkipListSet",
        "java.util.concurrent.CopyOnWriteArrayList", "java.util.concurrent.CopyOnWriteArraySet",
        // A ConcurrentHashMap serializes Segments, which are ReentrantLocks.
        "java.util.concurrent.locks.ReentrantLock*", "java.util.concurrent.locks.AbstractQueuedSynchronizer",
        "java.util.concurrent.locks.AbstractOwnableSynchronizer",
        "java.sql.Date", "java.sql.Time", "java.sql.Timestamp");

    /** Deepest nesting of objects in one value. */
    public static final int MAX_DEPTH = 100;

    /** Most objects and references in one value. */
    public static final long MAX_REFS = 10_000_000L;

    /** Largest value read: the size of the largest HDFS log record; a stream that says more is rejected. */
    public static final int MAX_BYTES = 256 << 20;

    /** The user's pattern that would allow everything; refused. */
    private static final Set<String> EVERYTHING = Set.of("*", "**", ".*", ".**");

    /** One loader per parent loader and allow-list: Ignite caches classes per loader, so loaders must not be made per read. */
    private static final Map<List<Object>, Loader> LOADERS = new ConcurrentHashMap<>();

    private final List<String> patterns;
    private final Matcher rejected;
    private final Matcher allowed;
    private final String factory;

    private StoredClassFilter(List<String> patterns, String factory) {
        this.patterns = List.copyOf(patterns);
        this.factory = factory;
        List<String> rej = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (String p : patterns) {
            if (p.startsWith("!"))
                rej.add(p.substring(1));
            else
                all.add(p);
        }
        this.rejected = new Matcher(rej);
        this.allowed = new Matcher(all);
    }

    /**
     * The allow-list of a store.
     *
     * @param userPatterns the factory's {@code allowedClasses} ({@link #checked} first)
     * @param exact further classes allowed by exact name: the store's own record classes, the cache's declared types
     * @param factory the store factory's simple name, for messages ({@code "HdfsStoreFactory"})
     */
    public static StoredClassFilter of(List<String> userPatterns, Collection<String> exact, String factory) {
        Set<String> all = new LinkedHashSet<>(checked(userPatterns));
        all.addAll(DEFAULTS);
        for (String c : exact) {
            if (c != null && !c.isBlank() && c.indexOf('*') < 0 && !c.startsWith("!"))
                all.add(c.trim());
        }
        return new StoredClassFilter(new ArrayList<>(all), factory);
    }

    /** This allow-list and also the classes {@code exact} names (the key and value types a cache declares). */
    public StoredClassFilter with(Collection<String> exact) {
        Set<String> all = new LinkedHashSet<>(patterns);
        for (String c : exact) {
            if (c != null && !c.isBlank() && c.indexOf('*') < 0 && !c.startsWith("!"))
                all.add(c.trim());
        }
        return all.size() == patterns.size() ? this : new StoredClassFilter(new ArrayList<>(all), factory);
    }

    /**
     * The user's patterns, trimmed, an entry holding several separated by commas split; throws
     * {@link IllegalArgumentException} saying which entry is wrong and why.
     */
    public static List<String> checked(List<String> patterns) {
        List<String> out = new ArrayList<>();
        if (patterns == null)
            return out;
        for (String entry : patterns) {
            if (entry == null)
                continue;
            for (String raw : entry.split("[,;\\s]+")) {
                String p = raw.trim();
                if (p.isEmpty())
                    continue;
                String body = p.startsWith("!") ? p.substring(1) : p;
                if (body.contains("="))
                    throw new IllegalArgumentException("'" + p + "' is a limit, not a class pattern: the limits are fixed (depth "
                        + MAX_DEPTH + ", " + MAX_REFS + " references, " + (MAX_BYTES >> 20) + " MiB)");
                if (body.contains("/"))
                    throw new IllegalArgumentException("'" + p + "' names a module: give class or package patterns only");
                if (EVERYTHING.contains(body))
                    throw new IllegalArgumentException("'" + p + "' would allow every class, which is what the allow-list is there to "
                        + "prevent: name your packages (com.acme.model.**)");
                if (!body.matches("[\\p{L}_$][\\p{L}\\p{N}_$.]*(\\*\\*?)?|[\\p{L}_$]?\\*\\*?"))
                    throw new IllegalArgumentException("'" + p + "' is not a class name or package pattern (com.acme.Order, "
                        + "com.acme.model.*, com.acme.model.**)");
                out.add(p);
            }
        }
        return out;
    }

    /** The patterns in force, rejections ({@code !...}) included. */
    public List<String> patterns() {
        return patterns;
    }

    /** Whether a class of this name (a binary name, or an array's {@code [Lpkg.C;}) may be deserialized. */
    public boolean allows(String className) {
        String n = className;
        int dims = 0;
        while (dims < n.length() && n.charAt(dims) == '[')
            dims++;
        if (dims > 0) {
            n = n.substring(dims);
            if (n.length() == 1)
                return "ZBCSIJFD".contains(n);
            if (!n.startsWith("L") || !n.endsWith(";"))
                return false;
            n = n.substring(1, n.length() - 1);
        }
        return !rejected.matches(n) && allowed.matches(n);
    }

    /** Whether instances of {@code c} (for an array, of its element type; primitives always) may be deserialized. */
    public boolean allows(Class<?> c) {
        Class<?> e = c;
        while (e.isArray())
            e = e.getComponentType();
        return e.isPrimitive() || allows(e.getName());
    }

    /** The exception for a refused class, with what to set if it is the user's. */
    public RejectedClassException rejection(String className) {
        String n = Rejections.printable(className);
        return new RejectedClassException(className, "the stored bytes name class " + n + ", which is not on the store's allow-list of "
            + "classes to deserialize; if it is a class of yours, add it or its package (com.acme.model.**) to the " + factory
            + " property 'allowedClasses'");
    }

    private RejectedClassException overLimit(String what) {
        return new RejectedClassException(what, "the stored bytes hold " + what + ", over the allow-list's limits (depth " + MAX_DEPTH
            + ", " + MAX_REFS + " references, " + (MAX_BYTES >> 20) + " MiB, arrays no longer than twice the value's bytes)");
    }

    /**
     * Reads one Java-serialized object from {@code bytes[off, off+len)} with this allow-list.
     *
     * @param cl the loader to resolve classes with (a node's, which sees peer-loaded classes); null for the thread's context loader
     * @throws RejectedClassException when the bytes name a class the allow-list refuses, or break a limit
     */
    public Object read(byte[] bytes, int off, int len, ClassLoader cl) throws IOException, ClassNotFoundException {
        if (len > MAX_BYTES)
            throw overLimit("a value of " + len + " bytes");
        StreamCheck check = new StreamCheck(len);
        try (LoaderObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes, off, len), cl, this, check)) {
            return in.readObject();
        }
        catch (InvalidClassException e) {
            if (check.rejection != null)
                throw check.rejection;
            throw e;
        }
    }

    /**
     * A class loader for Ignite's marshaller that loads through {@code parent} what the allow-list
     * allows and throws {@link RejectedClassException} (unchecked, so that Ignite does not fall back
     * to another loader) for anything else.
     */
    public ClassLoader loader(ClassLoader parent) {
        ClassLoader p = parent != null ? parent : StoredClassFilter.class.getClassLoader();
        return LOADERS.computeIfAbsent(List.of(p, patterns, factory), k -> new Loader(p, this));
    }

    /**
     * Checks what Ignite's marshaller returned: the value's class and, through arrays, collections
     * and maps, its elements' (BinaryObjects carry no code and pass). A second line behind
     * {@link #loader}, for classes Ignite resolves without asking it (its own predefined types).
     */
    public void checkDecoded(Object value) {
        checkDecoded(value, 0, new IdentityHashMap<>());
    }

    private void checkDecoded(Object v, int depth, IdentityHashMap<Object, Boolean> seen) {
        if (v == null || v instanceof String || v instanceof Number && v.getClass().getName().startsWith("java.lang.")
            || v instanceof BinaryObject)
            return;
        if (depth > MAX_DEPTH)
            throw overLimit("objects nested deeper than " + MAX_DEPTH);
        if (!allows(v.getClass()))
            throw rejection(v.getClass().getName());
        if (seen.put(v, Boolean.TRUE) != null)
            return;
        if (v instanceof Object[] arr) {
            for (Object x : arr)
                checkDecoded(x, depth + 1, seen);
        }
        else if (v instanceof Collection<?> c) {
            for (Object x : c)
                checkDecoded(x, depth + 1, seen);
        }
        else if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                checkDecoded(e.getKey(), depth + 1, seen);
                checkDecoded(e.getValue(), depth + 1, seen);
            }
        }
    }

    /** The filter of one stream of {@code length} bytes; it keeps its first rejection, which the JDK reports only as "REJECTED". */
    final class StreamCheck implements ObjectInputFilter {
        private final long length;
        private final ObjectInputFilter jvmWide = ObjectInputFilter.Config.getSerialFilter();
        volatile RejectedClassException rejection;

        StreamCheck(long length) {
            this.length = length;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            if (info.depth() > MAX_DEPTH)
                return reject(overLimit("objects nested " + info.depth() + " deep"));
            if (info.references() > MAX_REFS)
                return reject(overLimit(info.references() + " references"));
            if (info.streamBytes() > MAX_BYTES)
                return reject(overLimit(info.streamBytes() + " bytes"));
            if (info.arrayLength() > 2 * length + 64)
                return reject(overLimit("an array of " + info.arrayLength() + " elements in " + length + " bytes"));
            Class<?> c = info.serialClass();
            if (c == null)
                return Status.UNDECIDED;
            if (!allows(c))
                return reject(rejection(c.getName()));
            // Ignite sets a JVM-wide filter of its own (its marshaller blacklist); a stream filter replaces it, so ask it too.
            if (jvmWide != null && jvmWide.checkInput(info) == Status.REJECTED)
                return reject(new RejectedClassException(c.getName(), "the stored bytes name class " + Rejections.printable(c.getName())
                    + ", which the JVM-wide serial filter (jdk.serialFilter or Ignite's marshaller blacklist) rejects"));
            return Status.ALLOWED;
        }

        private Status reject(RejectedClassException e) {
            if (rejection == null)
                rejection = e;
            return Status.REJECTED;
        }
    }

    /** Class names against patterns of the JDK filter syntax (without the leading {@code !}). */
    private static final class Matcher {
        private final Set<String> exact = new HashSet<>();
        private final List<String> packages = new ArrayList<>();
        private final List<String> trees = new ArrayList<>();
        private final List<String> prefixes = new ArrayList<>();

        Matcher(List<String> patterns) {
            for (String p : patterns) {
                if (p.endsWith(".**"))
                    trees.add(p.substring(0, p.length() - 2));
                else if (p.endsWith(".*"))
                    packages.add(p.substring(0, p.length() - 1));
                else if (p.endsWith("*"))
                    prefixes.add(p.substring(0, p.length() - 1));
                else
                    exact.add(p);
            }
        }

        boolean matches(String n) {
            if (exact.contains(n))
                return true;
            for (String t : trees) {
                if (n.startsWith(t))
                    return true;
            }
            for (String p : packages) {
                if (n.startsWith(p) && n.lastIndexOf('.') == p.length() - 1)
                    return true;
            }
            for (String p : prefixes) {
                if (n.startsWith(p))
                    return true;
            }
            return false;
        }
    }

    /** See {@link #loader}. */
    private static final class Loader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final StoredClassFilter filter;

        Loader(ClassLoader parent, StoredClassFilter filter) {
            super(parent);
            this.filter = filter;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!filter.allows(name))
                throw filter.rejection(name);
            return super.loadClass(name, resolve);
        }
    }
}
