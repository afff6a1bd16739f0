package io.gridkeep.store.hdfs;

import io.gridkeep.testkit.HdfsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The Hadoop client of the test HDFS ({@link HdfsServer}): the one configuration with which tests
 * read and write its files themselves (the stores under test take {@link HdfsServer#CLIENT_PROPERTIES}).
 * Here and not in testkit, which keeps Hadoop off its class path.
 *
 * <pre>{@code
 * try (FileSystem fs = TestHdfs.fileSystem(hdfs)) {
 *     assertThat(fs.exists(new org.apache.hadoop.fs.Path("/gridkeep/orders"))).isTrue();
 * }
 * }</pre>
 */
public final class TestHdfs {
    private TestHdfs() {
    }

    /** {@code hdfs} as the default file system, with its one-DataNode client settings. */
    public static Configuration clientConf(HdfsServer hdfs) {
        Configuration c = new Configuration();
        c.set("fs.defaultFS", hdfs.uri());
        HdfsServer.CLIENT_PROPERTIES.forEach(c::set);
        return c;
    }

    /** A client of its own (not Hadoop's shared, cached one) on {@code hdfs}; the caller closes it. */
    public static FileSystem fileSystem(HdfsServer hdfs) {
        try {
            return FileSystem.newInstance(URI.create(hdfs.uri()), clientConf(hdfs));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the test HDFS at " + hdfs.uri(), e);
        }
    }
}
