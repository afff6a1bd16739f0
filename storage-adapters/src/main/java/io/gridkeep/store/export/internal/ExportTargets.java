package io.gridkeep.store.export.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks of an export's target and Hadoop properties against the node's export roots: a target
 * is normalised, then must lie strictly below a root of the same scheme and authority (for
 * {@code file://}, also once symbolic links are resolved); a request's Hadoop properties may not pick
 * implementation classes or the file system. Every refusal is an {@link IllegalArgumentException}
 * whose message says what to change.
 */
public final class ExportTargets {
    /** Hadoop properties naming classes by another suffix than {@code .class} or {@code .impl}. */
    private static final Set<String> CLASS_LISTS = Set.of("io.compression.codecs", "io.serializations", "hadoop.security.group.mapping");
    private static final Set<String> DEFAULT_FS = Set.of("fs.defaultfs", "fs.default.name");

    private ExportTargets() {
    }

    /** Comma-separated roots, each an absolute URI with a scheme and a path ({@code hdfs://nn:8020/exports}). */
    public static List<URI> roots(String spec) {
        List<URI> out = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String r = raw.trim();
            if (r.isEmpty())
                continue;
            URI u = parse(r, "export root '" + r + "'");
            if (normalisedPath(u) == null || normalisedPath(u).equals("/"))
                throw new IllegalArgumentException("export root '" + r + "' must be a directory below '/'");
            out.add(withPath(u, normalisedPath(u)));
        }
        return List.copyOf(out);
    }

    /**
     * The target, normalised, when it lies strictly below one of {@code roots}; throws otherwise.
     *
     * @param property how to name the setting of the roots in a message
     */
    public static URI check(String target, List<URI> roots, String property) {
        if (roots.isEmpty())
            throw new IllegalArgumentException(target + " is refused: this node has no export root; set " + property
                + " to the directories exports may write to (file:///var/lib/gridkeep/exports,hdfs://nn:8020/exports)");
        URI u = parse(target, "target " + target);
        String path = normalisedPath(u);
        URI t = path == null ? null : withPath(u, path);
        if (t != null) {
            for (URI root : roots) {
                if (below(t, root) && (!"file".equals(root.getScheme()) || realBelow(t, root)))
                    return t;
            }
        }
        throw new IllegalArgumentException(target + " is not under an allowed export root (" + String.join(",",
            roots.stream().map(URI::toString).toList()) + "); export below one of them, or set " + property);
    }

    /**
     * Refuses the request's Hadoop properties that would choose how the target is reached or which
     * classes load: {@code fs.<scheme>.impl} and anything else ending in {@code .impl}, any key with a
     * {@code class} or {@code classes} part, lists of codec, serialization or group-mapping classes,
     * failover proxy providers, {@code fs.defaultFS} other than the target's own file system, and
     * values with {@code ${...}} substitutions.
     */
    public static void checkHadoopProperties(Map<String, String> props, URI target, String serverProperty) {
        for (Map.Entry<String, String> e : props.entrySet()) {
            String k = e.getKey() == null ? "" : e.getKey().trim().toLowerCase(Locale.ROOT);
            String v = e.getValue() == null ? "" : e.getValue();
            String why = null;
            if (k.endsWith(".impl") || k.contains(".impl.") || classPart(k) || CLASS_LISTS.contains(k)
                || k.startsWith("dfs.client.failover.proxy.provider"))
                why = "it chooses an implementation class";
            else if (DEFAULT_FS.contains(k) && !sameFileSystem(v, target))
                why = "it names another file system than the target's";
            else if (v.contains("${"))
                why = "its value has a ${...} substitution";
            if (why != null)
                throw new IllegalArgumentException("the hadoop property '" + e.getKey() + "' of the request is refused: " + why
                    + "; a setting the export needs goes in " + serverProperty);
        }
    }

    private static boolean classPart(String k) {
        for (String part : k.split("[.\\-_]")) {
            if (part.equals("class") || part.equals("classes") || part.endsWith("class") || part.endsWith("classes"))
                return true;
        }
        return false;
    }

    private static boolean sameFileSystem(String fsUri, URI target) {
        try {
            URI d = new URI(fsUri.trim());
            return d.getScheme() != null && d.getScheme().equalsIgnoreCase(target.getScheme())
                && authority(d).equals(authority(target));
        }
        catch (URISyntaxException e) {
            return false;
        }
    }

    private static URI parse(String s, String what) {
        URI u;
        try {
            u = new URI(s);
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a URI: " + e.getMessage(), e);
        }
        if (u.getScheme() == null || u.isOpaque() || u.getRawPath() == null || !u.getRawPath().startsWith("/"))
            throw new IllegalArgumentException(what + " must be an absolute URI with a scheme (hdfs://nn:8020/exports/orders, "
                + "file:///var/lib/gridkeep/exports/orders)");
        if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawPath().contains("%") || u.getRawPath().contains("\\"))
            throw new IllegalArgumentException(what + " must be a plain path: no query, fragment, %-escape or backslash");
        if ("file".equalsIgnoreCase(u.getScheme()) && !authority(u).isEmpty())
            throw new IllegalArgumentException(what + ": a file:// URI must have no host (file:///path)");
        return u;
    }

    /** The path with {@code .}, {@code ..} and empty segments resolved; null when a {@code ..} climbs above '/'. */
    private static String normalisedPath(URI u) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : u.getPath().split("/")) {
            if (p.isEmpty() || p.equals("."))
                continue;
            if (p.equals("..")) {
                if (parts.isEmpty())
                    return null;
                parts.removeLast();
            }
            else
                parts.addLast(p);
        }
        return "/" + String.join("/", parts);
    }

    private static URI withPath(URI u, String path) {
        try {
            return new URI(u.getScheme().toLowerCase(Locale.ROOT), u.getAuthority(), path, null, null);
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException(u + ": " + e.getMessage(), e);
        }
    }

    private static String authority(URI u) {
        return u.getAuthority() == null ? "" : u.getAuthority().toLowerCase(Locale.ROOT);
    }

    private static boolean below(URI t, URI root) {
        return t.getScheme().equalsIgnoreCase(root.getScheme()) && authority(t).equals(authority(root))
            && t.getPath().startsWith(root.getPath().endsWith("/") ? root.getPath() : root.getPath() + "/");
    }

    /** Whether the target, its existing part resolved through symbolic links, still lies below the root resolved likewise. */
    private static boolean realBelow(URI t, URI root) {
        try {
            Path r = real(Paths.get(root.getPath()));
            Path p = real(Paths.get(t.getPath()));
            return p.startsWith(r) && !p.equals(r);
        }
        catch (IOException e) {
            return false;
        }
    }

    /** The deepest existing ancestor (or the path itself) resolved through links, with the missing rest appended. */
    private static Path real(Path p) throws IOException {
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS))
            existing = existing.getParent();
        if (existing == null)
            return p;
        return existing.toRealPath().resolve(existing.relativize(p));
    }
}
