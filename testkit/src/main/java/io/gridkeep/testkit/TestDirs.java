package io.gridkeep.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A test class's own directories, given by {@link Extension}:
 * <ul>
 * <li>{@link #logs()}: {@code <module>/target/it-logs/<TestClass>/}, where the output of the nodes,
 *     servers and scripts the class starts goes; emptied when the class starts, kept after it;</li>
 * <li>{@link #work()}: {@code <module>/target/it-work/<TestClass>/}, for the data of those nodes and
 *     servers and any file the class writes; fresh when the class starts, deleted after a class whose
 *     tests all passed, and kept after a failure, its path printed, for a look at what was left.</li>
 * </ul>
 *
 * <pre>{@code
 * @ExtendWith(TestDirs.Extension.class)
 * class FooIT {
 *     @BeforeAll
 *     static void start(TestDirs dirs) {
 *         cluster = ForkedCluster.start(3, dirs.logs());
 *         hdfs = HdfsServer.start(dirs.work("hdfs"));
 *     }
 *
 *     @Test
 *     void bar(TestDirs dirs) { ... dirs.work("bar") ... }
 * }
 * }</pre>
 *
 * <p>The class's tests share one work directory: a test that needs a directory of its own (a server's data
 * that the next test must not find) names it, {@code dirs.work("bar")}.
 */
public final class TestDirs {
    private final String testClass;
    private final Path logs;
    private final Path work;
    private volatile boolean failed;

    private TestDirs(String testClass, Path target) {
        this.testClass = testClass;
        logs = target.resolve("it-logs").resolve(testClass);
        work = target.resolve("it-work").resolve(testClass);
    }

    /** The directories of the test class {@code simpleName} under {@code target}, made afresh. */
    static TestDirs create(String simpleName, Path target) {
        TestDirs d = new TestDirs(simpleName, target.toAbsolutePath().normalize());
        try {
            deleteTree(d.logs);
            deleteTree(d.work);
            Files.createDirectories(d.logs);
            Files.createDirectories(d.work);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot make the test directories of " + simpleName + " under " + target, e);
        }
        return d;
    }

    /** The module's {@code target/} (Maven runs tests in the module's directory and names it in {@code basedir}). */
    static Path moduleTarget() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target");
    }

    /** {@code target/it-logs/<TestClass>/}: where the class's nodes, servers and scripts write their output. */
    public Path logs() {
        return logs;
    }

    /** {@code target/it-work/<TestClass>/}: the class's work directory, fresh for this run. */
    public Path work() {
        return work;
    }

    /** The directory {@code name} in {@link #work()}, created if need be. */
    public Path work(String name) {
        Path p = work.resolve(name);
        try {
            return Files.createDirectories(p);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p, e);
        }
    }

    /** What happened to the work directory after the class: deleted, or kept and said where. */
    void finish(boolean classFailed) {
        if (failed || classFailed) {
            System.err.println("gridkeep testkit: " + testClass + " failed: its work directory is kept at " + work
                + " and its logs are in " + logs);
            return;
        }
        try {
            deleteTree(work);
        }
        catch (IOException e) {
            // Something (a process not stopped) still writes there: the next run of the class clears it.
            System.err.println("gridkeep testkit: could not delete the work directory of " + testClass + " (" + work + "): " + e);
        }
    }

    /** Deletes {@code dir} and everything under it; symbolic links are removed, not followed. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS))
            return;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // Gone meanwhile (a server removing its own temp file) is as good as deleted.
                if (e instanceof NoSuchFileException)
                    return FileVisitResult.CONTINUE;
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException))
                    throw e;
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public String toString() {
        return "TestDirs[logs=" + logs + ", work=" + work + "]";
    }

    /**
     * The JUnit 5 extension: makes a class's {@link TestDirs} before its {@code @BeforeAll} methods,
     * passes it to any constructor or method that takes one, and after the class deletes its work
     * directory, or keeps it when a test, a {@code @BeforeAll} or an {@code @AfterAll} failed.
     */
    public static final class Extension implements BeforeAllCallback, AfterAllCallback, TestWatcher, ParameterResolver {
        private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestDirs.class);

        @Override
        public void beforeAll(ExtensionContext ctx) {
            ctx.getStore(NS).put(TestDirs.class, create(ctx.getRequiredTestClass().getSimpleName(), moduleTarget()));
        }

        @Override
        public void afterAll(ExtensionContext ctx) {
            TestDirs dirs = ctx.getStore(NS).get(TestDirs.class, TestDirs.class);
            if (dirs != null)
                dirs.finish(ctx.getExecutionException().isPresent());
        }

        @Override
        public void testFailed(ExtensionContext ctx, Throwable cause) {
            TestDirs dirs = ctx.getStore(NS).get(TestDirs.class, TestDirs.class);
            if (dirs != null)
                dirs.failed = true;
        }

        @Override
        public boolean supportsParameter(ParameterContext param, ExtensionContext ctx) {
            return param.getParameter().getType() == TestDirs.class;
        }

        @Override
        public Object resolveParameter(ParameterContext param, ExtensionContext ctx) {
            TestDirs dirs = ctx.getStore(NS).get(TestDirs.class, TestDirs.class);
            if (dirs == null)
                throw new ParameterResolutionException("no TestDirs for " + param.getDeclaringExecutable()
                    + ": register TestDirs.Extension on the test class (@ExtendWith(TestDirs.Extension.class))");
            return dirs;
        }
    }
}
