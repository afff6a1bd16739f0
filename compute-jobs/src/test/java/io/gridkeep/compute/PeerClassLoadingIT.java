package io.gridkeep.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridkeep.testkit.ForkedCluster;
import io.gridkeep.testkit.TestDirs;
import io.gridkeep.testkit.TestNodeConfigs;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.lang.IgniteCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A closure class that exists only in a class loader of the client (compiled by this test at run
 * time) runs on server JVMs that never had it: Ignite ships the class by peer class loading.
 */
@ExtendWith(TestDirs.Extension.class)
class PeerClassLoadingIT {
    @Test
    void aClosureTheServersLackIsShippedAndRuns(TestDirs dirs) throws Exception {
        Path dir = dirs.work();
        Path src = dir.resolve("src/demo/CubeSum.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
            package demo;
            public class CubeSum implements org.apache.ignite.lang.IgniteCallable<Long> {
                private final int n;
                public CubeSum(int n) { this.n = n; }
                @Override public Long call() {
                    long s = 0;
                    for (int i = 1; i <= n; i++) s += (long) i * i * i;
                    return s;
                }
            }
            """);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d", classes.toString(), src.toString());
        assertThat(rc).as("javac exit code").isZero();

        try (ForkedCluster servers = ForkedCluster.start(2, dirs.logs());
             URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
             Ignite client = Ignition.start(TestNodeConfigs.client("p2p-client", servers.slots()).setClassLoader(loader))) {
            @SuppressWarnings("unchecked")
            IgniteCallable<Long> job = (IgniteCallable<Long>)loader.loadClass("demo.CubeSum").getConstructor(int.class).newInstance(100);

            List<Long> results = List.copyOf(GridCompute.on(client).broadcast(job));

            long expected = (long)100 * 100 * 101 * 101 / 4;
            assertThat(results).containsExactly(expected, expected);
            // The servers' own class path never had the class: they loaded it from the client.
            assertThat(servers.node(0).output() + servers.node(1).output()).doesNotContain("ClassNotFoundException");
        }
    }
}
