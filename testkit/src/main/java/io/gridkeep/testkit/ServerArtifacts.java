package io.gridkeep.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds what a test server's own JVM needs: the list of its jars (written by a testkit-SERVER
 * module at build time, inside that module's jar) and where that module's launcher classes are.
 */
final class ServerArtifacts {
    private ServerArtifacts() {
    }

    /** The lines of a class path resource, trimmed, blank ones dropped; fails loudly when it is missing. */
    static List<String> lines(String resource) {
        try (InputStream in = url(resource).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The jars listed in {@code resource}, each checked to exist. */
    static List<String> jars(String resource) {
        List<String> jars = List.of(String.join("", lines(resource)).split(File.pathSeparator));
        for (String j : jars) {
            if (!Files.isRegularFile(Path.of(j)))
                throw new IllegalStateException("server jar " + j + " is missing: run the build again ('mvn verify') to download it");
        }
        return jars;
    }

    /** The jar or classes directory that holds {@code resource}, and so the launcher beside it. */
    static Path locationOf(String resource) {
        String s = url(resource).toString();
        if (s.startsWith("jar:"))
            return Path.of(URI.create(s.substring("jar:".length(), s.indexOf("!/"))));
        return Path.of(URI.create(s.substring(0, s.length() - resource.length())));
    }

    private static URL url(String resource) {
        URL url = ServerArtifacts.class.getClassLoader().getResource(resource);
        if (url == null)
            throw new IllegalStateException(resource + " not found: the testkit server modules must be on the class path "
                + "(testkit depends on them; run the build with 'mvn verify')");
        return url;
    }
}
