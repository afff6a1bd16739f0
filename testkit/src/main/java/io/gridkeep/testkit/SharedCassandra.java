package io.gridkeep.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Cassandra for every test class of a test run (one Surefire or Failsafe JVM) that takes a
 * {@link CassandraServer} parameter: each start costs about 25 s of CPU on a 2-core machine, and the
 * classes keep apart by keyspace. Started by the first class that asks, stopped when the run ends
 * (JUnit closes it with the root context's store). A class may stop and restart it (an outage test);
 * a class that left it stopped hands the next one a restarted server. Its data and logs are in
 * {@code target/it-work/SharedCassandra/}.
 *
 * <pre>{@code
 * @ExtendWith({TestDirs.Extension.class, SharedCassandra.class})
 * class FooIT {
 *     @BeforeAll
 *     static void start(CassandraServer server) {
 *         cassandra = server;   // never closed by the class
 *     }
 * }
 * }</pre>
 */
public final class SharedCassandra implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedCassandra.class);

    @Override
    public boolean supportsParameter(ParameterContext param, ExtensionContext ctx) {
        return param.getParameter().getType() == CassandraServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext param, ExtensionContext ctx) {
        CassandraServer server = ctx.getRoot().getStore(NS).getOrComputeIfAbsent(CassandraServer.class, k -> start(),
            CassandraServer.class);
        if (server.process() == null || !server.process().isAlive())
            server.restart();
        return server;
    }

    private static CassandraServer start() {
        Path dir = TestDirs.moduleTarget().resolve("it-work").resolve(SharedCassandra.class.getSimpleName());
        try {
            TestDirs.deleteTree(dir);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot clear the shared Cassandra's directory " + dir, e);
        }
        return CassandraServer.start(dir);
    }
}
