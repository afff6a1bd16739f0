package io.gridkeep.testkit;

import java.util.List;

/**
 * JVM options for every JVM the tests start besides their own: forked Ignite nodes, the distribution's
 * {@code bin/gridkeep}, and the Cassandra, HDFS and Elasticsearch servers.
 *
 * <p>They live for seconds to minutes, and most of their CPU goes into starting up. On the 2-core
 * machines the suite runs on, the C2 compiler's work at start-up competes with every other JVM of the
 * test: stopping at C1 halves the CPU a node start costs (measured: 11 s to 5 s for
 * {@code gridkeep node start}) while what the tests check (correctness under faults) does not depend
 * on peak throughput. They apply only where the build asks for them, with
 * {@code -Dgridkeep.test.quickStart=true} in Surefire's and Failsafe's {@code argLine} (the parent pom):
 * {@code benchmarks/run} starts the same servers through this testkit, and measures with full JIT.
 *
 * <pre>{@code
 * List<String> cmd = new ArrayList<>(List.of(java));
 * cmd.addAll(TestJvmOptions.QUICK_START);
 * }</pre>
 */
public final class TestJvmOptions {
    /** Tiered compilation stops at C1, when the build set {@code gridkeep.test.quickStart}; else nothing. */
    public static final List<String> QUICK_START = Boolean.getBoolean("gridkeep.test.quickStart")
        ? List.of("-XX:TieredStopAtLevel=1") : List.of();

    private TestJvmOptions() {
    }

    /** {@link #QUICK_START} as one string, for {@code GRIDKEEP_JAVA_OPTS}. */
    public static String quickStartLine() {
        return String.join(" ", QUICK_START);
    }
}
