package io.gridkeep.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on loopback, so that tests never use GridKeep's default ports and can run
 * beside a node someone started by hand.
 */
public final class FreePorts {
    private FreePorts() {
    }

    /**
     * Where ports are picked: below the kernel's ephemeral range. A port the kernel handed out for
     * "any free port" lies in that range, where any outgoing connection on the machine (a client,
     * a server's own) may take it as its source port before the test binds it; this happened once in
     * CI ("Failed to bind TCP server socket ... 36273").
     */
    private static final int LOW = 20_000;
    private static final int HIGH = Math.min(32_000, ephemeralLow());

    /** Ports this JVM handed out already: two tests never get the same one. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private static int ephemeralLow() {
        try {
            // Not Files.readString: /proc files report a size of 0 and it reads them short.
            try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
                String range = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
                int low = Integer.parseInt(range.split("\\s+")[0]);
                // A range starting this low leaves no room below it: fall back to Linux's default bound.
                return low > LOW + 1000 ? low : 32_768;
            }
        }
        catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: Linux's default range starts at 32768.
            return 32_768;
        }
    }

    /** {@code n} distinct ports, free on 127.0.0.1 a moment ago, outside the ephemeral range. */
    public static int[] allocate(int n) {
        if (HIGH - LOW < 1000)
            return anyFree(n);
        int[] out = new int[n];
        for (int i = 0; i < n; i++)
            out[i] = pick();
        return out;
    }

    private static int pick() {
        for (int attempt = 0; attempt < 2000; attempt++) {
            int p = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (HANDED_OUT.add(p)) {
                if (isFree(p))
                    return p;
            }
        }
        throw new IllegalStateException("no free port found on loopback between " + LOW + " and " + HIGH);
    }

    /** Ports the kernel picks (when the ephemeral range leaves no room below it). */
    private static int[] anyFree(int n) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                held.add(s);
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports on loopback", e);
        }
        finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                }
                catch (IOException ignored) {
                    // Closing a socket we only probed with.
                }
            }
        }
    }

    /** One free port. */
    public static int one() {
        return allocate(1)[0];
    }

    /** The first of {@code n} consecutive ports that are all free, for configs that use port ranges. */
    public static int consecutive(int n) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(LOW, Math.max(LOW + 1, HIGH - n));
            boolean all = true;
            for (int p = base; p < base + n && all; p++)
                all = !HANDED_OUT.contains(p) && isFree(p);
            if (all) {
                for (int p = base; p < base + n; p++)
                    HANDED_OUT.add(p);
                return base;
            }
        }
        throw new IllegalStateException("no " + n + " consecutive free ports found on loopback");
    }

    /** Whether {@code port} can be bound on 127.0.0.1 now. */
    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }
}
