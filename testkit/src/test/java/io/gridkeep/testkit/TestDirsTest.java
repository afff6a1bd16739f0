package io.gridkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension on test classes of its own, run through the JUnit Platform as Maven runs tests: each
 * class gets its directories under this module's target/, the work directory goes after a passing
 * class and stays, printed, after a failing one.
 */
class TestDirsTest {
    /** What the fixture classes saw, for the checks after they ran. */
    static final List<TestDirs> SEEN = new ArrayList<>();

    private static final Path TARGET = TestDirs.moduleTarget();

    /** Runs {@code cls}, returning its summary and what it printed on standard error. */
    private static Object[] run(Class<?> cls) {
        SEEN.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(cls)).build(), listener);
        }
        finally {
            System.setErr(saved);
        }
        return new Object[] {listener.getSummary(), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void aPassingClassGetsFreshDirectoriesAndLeavesOnlyItsLogs() throws IOException {
        // Left by an earlier run: neither may be seen by this one.
        Path staleWork = Files.createDirectories(TARGET.resolve("it-work/PassingFixture/old"));
        Path staleLog = Files.createDirectories(TARGET.resolve("it-logs/PassingFixture")).resolve("old.log");
        Files.writeString(staleLog, "old");

        TestExecutionSummary s = (TestExecutionSummary)run(PassingFixture.class)[0];

        assertThat(s.getTestsSucceededCount()).isEqualTo(2);
        assertThat(s.getTotalFailureCount()).isZero();
        assertThat(SEEN).hasSize(3);
        TestDirs dirs = SEEN.get(0);
        // One object for the class: the @BeforeAll method and each test get the same.
        assertThat(SEEN).allSatisfy(d -> assertThat(d).isSameAs(dirs));
        assertThat(dirs.logs()).isEqualTo(TARGET.resolve("it-logs/PassingFixture"));
        assertThat(dirs.work()).isEqualTo(TARGET.resolve("it-work/PassingFixture"));
        assertThat(staleWork).doesNotExist();
        assertThat(staleLog).doesNotExist();
        assertThat(dirs.logs().resolve("node.log")).hasContent("started");
        assertThat(dirs.work()).doesNotExist();
    }

    @Test
    void aFailingTestKeepsTheWorkDirectoryAndSaysWhere() throws IOException {
        Object[] r = run(FailingFixture.class);
        TestExecutionSummary s = (TestExecutionSummary)r[0];

        assertThat(s.getTestsFailedCount()).isEqualTo(1);
        TestDirs dirs = SEEN.get(0);
        assertThat(dirs.work().resolve("server/data.bin")).hasContent("left for a look");
        assertThat((String)r[1]).contains("FailingFixture failed: its work directory is kept at " + dirs.work())
            .contains("its logs are in " + dirs.logs());
        TestDirs.deleteTree(dirs.work());
    }

    @Test
    void aFailingBeforeAllKeepsTheWorkDirectoryToo() throws IOException {
        Object[] r = run(FailingBeforeAllFixture.class);
        TestExecutionSummary s = (TestExecutionSummary)r[0];

        assertThat(s.getTotalFailureCount()).isEqualTo(1);
        TestDirs dirs = SEEN.get(0);
        assertThat(dirs.work().resolve("hdfs")).isDirectory();
        assertThat((String)r[1]).contains("FailingBeforeAllFixture failed: its work directory is kept at " + dirs.work());
        TestDirs.deleteTree(dirs.work());
    }

    @Test
    void deletingATreeRemovesSymbolicLinksWithoutFollowingThem() throws IOException {
        Path outside = Files.createTempFile("testdirs-outside", ".jar");
        try {
            Path tree = Files.createDirectories(TARGET.resolve("it-work/TestDirsTest-links/lib"));
            Files.createSymbolicLink(tree.resolve("server.jar"), outside);
            TestDirs.deleteTree(tree.getParent());
            assertThat(tree.getParent()).doesNotExist();
            assertThat(outside).exists();
        }
        finally {
            Files.deleteIfExists(outside);
        }
    }

    // The fixture classes: nested, so Maven does not run them by themselves.

    @ExtendWith(TestDirs.Extension.class)
    static class PassingFixture {
        @BeforeAll
        static void start(TestDirs dirs) throws IOException {
            SEEN.add(dirs);
            assertThat(dirs.work()).isEmptyDirectory();
            Files.writeString(dirs.logs().resolve("node.log"), "started");
            Files.writeString(dirs.work("cassandra").resolve("data.bin"), "rows");
        }

        @Test
        void one(TestDirs dirs) {
            SEEN.add(dirs);
            assertThat(dirs.work().resolve("cassandra/data.bin")).exists();
        }

        @Test
        void two(TestDirs dirs) {
            SEEN.add(dirs);
            assertThat(dirs.work("two")).isDirectory();
        }
    }

    @ExtendWith(TestDirs.Extension.class)
    static class FailingFixture {
        @Test
        void passes(TestDirs dirs) throws IOException {
            SEEN.add(dirs);
            Files.writeString(dirs.work("server").resolve("data.bin"), "left for a look");
        }

        @Test
        void fails() {
            throw new AssertionError("on purpose");
        }
    }

    @ExtendWith(TestDirs.Extension.class)
    static class FailingBeforeAllFixture {
        @BeforeAll
        static void start(TestDirs dirs) {
            SEEN.add(dirs);
            dirs.work("hdfs");
            throw new IllegalStateException("the server did not start, on purpose");
        }

        @Test
        void neverRuns() {
        }
    }
}
