package io.gridkeep.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on loopback, so that tests never use GridKeep's default ports and can run
 * beside a node someone started by hand.
 */
public final class FreePorts {
    private FreePorts() {
    }

    /** {@code n} distinct ports that were free on 127.0.0.1 a moment ago. */
    public static int[] allocate(int n) {
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
            int base = ThreadLocalRandom.current().nextInt(20000, 32000);
            boolean all = true;
            for (int p = base; p < base + n && all; p++)
                all = isFree(p);
            if (all)
                return base;
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
