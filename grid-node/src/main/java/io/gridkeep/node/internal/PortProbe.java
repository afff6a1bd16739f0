package io.gridkeep.node.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks whether TCP ports can be bound, to tell a user which one is taken. */
public final class PortProbe {
    private PortProbe() {
    }

    /** True when no port in {@code [port, port + range]} can be bound on {@code host}. */
    public static boolean allTaken(String host, int port, int range) {
        for (int p = port; p <= port + Math.max(0, range); p++) {
            if (free(host, p))
                return false;
        }
        return true;
    }

    /** True when {@code port} can be bound on {@code host} right now. */
    public static boolean free(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }
}
