import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.gridkeep.node.tls.TlsStores;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.ClientCacheConfiguration;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.client.SslMode;
import org.apache.ignite.configuration.ClientConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

/**
 * The fleet test's thin client (run as a single-file program on the distribution's lib/):
 *
 *   FleetWriter fill ADDRS N              puts keys 0..N-1 into cache "fleet" (PARTITIONED, backups=1)
 *   FleetWriter keep-writing ADDRS ACKS STOP   puts keys N.. one by one until file STOP exists,
 *                                          retrying each until acknowledged, and appends every
 *                                          acknowledged key to ACKS
 *   FleetWriter verify ADDRS N ACKS        reads back keys 0..N-1 and every key in ACKS; exit 1 on a miss
 *   FleetWriter attributes ADDRS           prints every attribute of every server node, one NODE NAME=VALUE a line,
 *                                          as any client of the cluster can read them
 *   FleetWriter intrude SEED LOCAL MARKER  joins as a thick client node without a certificate (discovery SEED, bound to
 *                                          LOCAL) and, if it gets in, runs a closure on every server that writes MARKER;
 *                                          exit 3 with the reason when the join is refused, 0 when the closure ran
 *
 * Key k always holds "v-k", so a read proves the acknowledged value, not just a value. It connects as the CLI
 * does: with TLS when GRIDKEEP_TLS_TRUSTSTORE is set (its password from GRIDKEEP_TRUSTSTORE_PASSWORD), and logs in
 * as GRIDKEEP_USER with GRIDKEEP_PASSWORD when they are set.
 */
public class FleetWriter {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("intrude"))
            System.exit(intrude(args[1], args[2], Path.of(args[3])));
        String[] addrs = args[1].split(",");
        try (IgniteClient c = Ignition.startClient(clientConfiguration(addrs))) {
            if (args[0].equals("attributes")) {
                for (ClusterNode n : c.cluster().forServers().nodes())
                    n.attributes().forEach((k, v) -> System.out.println(n.consistentId() + " " + k + "=" + v));
                return;
            }
            ClientCache<Integer, String> cache = c.getOrCreateCache(new ClientCacheConfiguration().setName("fleet")
                .setCacheMode(CacheMode.PARTITIONED).setBackups(1).setAtomicityMode(CacheAtomicityMode.ATOMIC)
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC));
            switch (args[0]) {
                case "fill" -> fill(cache, Integer.parseInt(args[2]));
                case "keep-writing" -> keepWriting(cache, Path.of(args[2]), Path.of(args[3]));
                case "verify" -> System.exit(verify(cache, Integer.parseInt(args[2]), Path.of(args[3])));
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        }
    }

    private static int intrude(String seed, String local, Path marker) {
        TcpDiscoveryVmIpFinder ipFinder = new TcpDiscoveryVmIpFinder().setAddresses(List.of(seed));
        IgniteConfiguration cfg = new IgniteConfiguration().setIgniteInstanceName("intruder").setClientMode(true)
            .setLocalHost(local).setPeerClassLoadingEnabled(true)
            .setDiscoverySpi(new TcpDiscoverySpi().setIpFinder(ipFinder).setJoinTimeout(20_000));
        String path = marker.toString();
        try (Ignite ignite = Ignition.start(cfg)) {
            ignite.compute(ignite.cluster().forServers()).broadcast(() -> {
                try {
                    Files.writeString(Path.of(path), "intruder was here");
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            System.out.println("fleet-writer: intruder joined and ran its closure on every server");
            return 0;
        }
        catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null)
                root = root.getCause();
            System.out.println("fleet-writer: intruder refused: " + root.getClass().getSimpleName() + ": " + root.getMessage());
            return 3;
        }
    }

    private static ClientConfiguration clientConfiguration(String[] addrs) {
        ClientConfiguration cfg = new ClientConfiguration().setAddresses(addrs).setTimeout(10_000);
        String truststore = System.getenv("GRIDKEEP_TLS_TRUSTSTORE");
        if (truststore != null && !truststore.isEmpty())
            cfg.setSslMode(SslMode.REQUIRED).setSslContextFactory(TlsStores.client(null, Path.of(truststore)));
        String user = System.getenv("GRIDKEEP_USER");
        if (user != null && !user.isEmpty())
            cfg.setUserName(user).setUserPassword(System.getenv("GRIDKEEP_PASSWORD"));
        return cfg;
    }

    private static void fill(ClientCache<Integer, String> cache, int n) {
        Map<Integer, String> batch = new HashMap<>();
        for (int k = 0; k < n; k++) {
            batch.put(k, "v-" + k);
            if (batch.size() == 1000) {
                cache.putAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty())
            cache.putAll(batch);
        System.out.println("fleet-writer: wrote " + n + " keys");
    }

    private static void keepWriting(ClientCache<Integer, String> cache, Path acks, Path stop) throws IOException, InterruptedException {
        int k = 1_000_000;
        long retries = 0;
        try (BufferedWriter out = Files.newBufferedWriter(acks, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            while (!Files.exists(stop)) {
                while (true) {
                    try {
                        cache.put(k, "v-" + k);
                        break;
                    }
                    catch (RuntimeException e) {
                        // Not acknowledged: the node we talked to went away. Try again, maybe elsewhere.
                        retries++;
                        Thread.sleep(100);
                    }
                }
                out.write(k + "\n");
                out.flush();
                k++;
            }
        }
        System.out.println("fleet-writer: acknowledged " + (k - 1_000_000) + " writes, " + retries + " retried attempts");
    }

    private static int verify(ClientCache<Integer, String> cache, int n, Path acks) throws IOException {
        List<String> lines = Files.readAllLines(acks);
        int missing = 0;
        int checked = 0;
        for (int k = 0; k < n; k++) {
            checked++;
            if (!("v-" + k).equals(cache.get(k)) && missing++ < 10)
                System.out.println("fleet-writer: key " + k + " lost");
        }
        for (String l : lines) {
            if (l.isBlank())
                continue;
            int k = Integer.parseInt(l.trim());
            checked++;
            if (!("v-" + k).equals(cache.get(k)) && missing++ < 10)
                System.out.println("fleet-writer: acknowledged key " + k + " lost");
        }
        System.out.println("fleet-writer: checked " + checked + " keys (" + n + " filled, " + lines.size() + " written during the restart), "
            + missing + " missing");
        return missing == 0 ? 0 : 1;
    }
}
