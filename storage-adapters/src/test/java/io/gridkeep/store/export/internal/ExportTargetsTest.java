package io.gridkeep.store.export.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export's target and Hadoop properties against export roots, without a node. */
class ExportTargetsTest {
    private static final String PROPERTY = "the property 'roots'";
    private static final List<URI> ROOTS = ExportTargets.roots("hdfs://nn:8020/exports, file:///var/lib/gridkeep/exports/");

    @Test
    void aTargetBelowARootOfTheSameSchemeAndAuthorityIsAllowedNormalised() {
        assertThat(ExportTargets.check("hdfs://nn:8020/exports/orders", ROOTS, PROPERTY)).hasToString("hdfs://nn:8020/exports/orders");
        assertThat(ExportTargets.check("HDFS://NN:8020/exports//a/./b/../orders/", ROOTS, PROPERTY))
            .hasToString("hdfs://NN:8020/exports/a/orders");
    }

    @Test
    void targetsElsewhereAboveOrAtARootOrThroughDotDotAreRefusedNamingTheRootsAndTheProperty() {
        for (String t : List.of("hdfs://nn:8020/exportsX/a", "hdfs://nn:8020/exports", "hdfs://other:8020/exports/a",
            "hdfs://nn:9000/exports/a", "file:///exports/a", "hdfs://nn:8020/exports/../etc", "hdfs://nn:8020/exports/a/../../etc",
            "hdfs://nn:8020/../exports/a/../../../x", "webhdfs://nn:8020/exports/a")) {
            assertThatThrownBy(() -> ExportTargets.check(t, ROOTS, PROPERTY)).as(t).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(t + " is not under an allowed export root (hdfs://nn:8020/exports,file:/var/lib/gridkeep/exports)")
                .hasMessageEndingWith("set " + PROPERTY);
        }
    }

    @Test
    void targetsThatAreNoPlainAbsolutePathsAreRefused() {
        for (String t : List.of("exports/a", "hdfs://nn:8020/exports/%2e%2e/x", "hdfs://nn:8020/exports/a?x=1", "file://host/var/x",
            "mailto:a@b", "hdfs://nn:8020/exports/a\\b", "::")) {
            assertThatThrownBy(() -> ExportTargets.check(t, ROOTS, PROPERTY)).as(t).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void noRootsRefuseEveryTargetSayingWhatToSet() {
        assertThatThrownBy(() -> ExportTargets.check("hdfs://nn:8020/exports/a", List.of(), PROPERTY))
            .hasMessageStartingWith("hdfs://nn:8020/exports/a is refused: this node has no export root; set " + PROPERTY);
        assertThatThrownBy(() -> ExportTargets.roots("hdfs://nn:8020/")).hasMessageContaining("must be a directory below '/'");
        assertThatThrownBy(() -> ExportTargets.roots("relative/dir")).hasMessageContaining("absolute URI");
    }

    @Test
    void aSymbolicLinkInsideAFileRootThatLeadsOutIsRefused(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        List<URI> roots = ExportTargets.roots(root.toUri().toString());

        assertThat(ExportTargets.check(root.resolve("fresh/orders").toUri().toString(), roots, PROPERTY).getPath())
            .isEqualTo(root.resolve("fresh/orders").toString());
        assertThatThrownBy(() -> ExportTargets.check(root.resolve("link/orders").toUri().toString(), roots, PROPERTY))
            .hasMessageContaining("is not under an allowed export root");
        assertThatThrownBy(() -> ExportTargets.check(root.resolve("link").toUri().toString(), roots, PROPERTY))
            .hasMessageContaining("is not under an allowed export root");
    }

    @Test
    void hadoopPropertiesThatPickClassesOrAnotherFileSystemAreRefusedTheRestPass() {
        URI target = URI.create("hdfs://nn:8020/exports/a");
        for (String k : List.of("fs.hdfs.impl", "fs.file.impl", "fs.AbstractFileSystem.hdfs.impl",
            "hadoop.rpc.socket.factory.class.default", "io.compression.codecs", "dfs.client.failover.proxy.provider.ns1",
            "net.topology.node.switch.mapping.impl", "parquet.compression.codec.class")) {
            assertThatThrownBy(() -> ExportTargets.checkHadoopProperties(Map.of(k, "x.Y"), target, "S")).as(k)
                .hasMessage("the hadoop property '" + k + "' of the request is refused: it chooses an implementation class; "
                    + "a setting the export needs goes in S");
        }
        assertThatThrownBy(() -> ExportTargets.checkHadoopProperties(Map.of("fs.defaultFS", "file:///"), target, "S"))
            .hasMessageContaining("another file system than the target's");
        assertThatThrownBy(() -> ExportTargets.checkHadoopProperties(Map.of("dfs.replication", "${env.HOME}"), target, "S"))
            .hasMessageContaining("substitution");
        ExportTargets.checkHadoopProperties(Map.of("dfs.replication", "2", "fs.defaultFS", "hdfs://nn:8020", "dfs.blocksize", "64m"),
            target, "S");
    }
}
