package io.gridkeep.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A TLS port in front of a plain one, both on 127.0.0.1: it presents a {@link TestCa} key, completes
 * the handshake, and relays the bytes to the plain port. For servers whose own TLS the tests cannot
 * turn on (the test Elasticsearch has no security module). Threads are daemons; {@link #close()}
 * ends every connection.
 */
public final class TlsFront implements AutoCloseable {
    private final SSLServerSocket server;
    private final int backendPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private TlsFront(SSLServerSocket server, int backendPort) {
        this.server = server;
        this.backendPort = backendPort;
    }

    /** Listens with TLS on {@code port} of 127.0.0.1, relaying to {@code backendPort}. */
    public static TlsFront start(int port, int backendPort, TestCa.ServerKey key) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(key.keystore())) {
                ks.load(in, key.password().toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, key.password().toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            SSLServerSocket s = (SSLServerSocket)ctx.getServerSocketFactory().createServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            TlsFront front = new TlsFront(s, backendPort);
            daemon("tls-front-" + port, front::accept).start();
            return front;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot listen with TLS on 127.0.0.1:" + port, e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the keystore " + key.keystore(), e);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                daemon("tls-front-conn", () -> relay(client)).start();
            }
            catch (IOException e) {
                // Closed: the front is done.
            }
        }
    }

    private void relay(Socket client) {
        open.add(client);
        try (client; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            open.add(backend);
            // The handshake happens on the first read; a client that refuses the certificate ends here.
            Thread back = daemon("tls-front-back", () -> pump(backend, client));
            back.start();
            pump(client, backend);
            back.join();
        }
        catch (IOException e) {
            // A refused handshake or a closed side: the client sees the closed connection.
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            open.remove(client);
        }
    }

    private void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[16384];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        }
        catch (IOException e) {
            // One side is gone: close both below.
        }
        finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(Closeable s) {
        try {
            s.close();
        }
        catch (IOException e) {
            // Closing anyway.
        }
    }

    /** The TLS port. */
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() {
        closeQuietly(server);
        open.forEach(TlsFront::closeQuietly);
    }
}
