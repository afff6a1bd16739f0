package io.gridkeep.store.export;

import io.gridkeep.store.export.internal.Column;
import io.gridkeep.store.export.internal.ExportSchema;
import io.gridkeep.store.export.internal.ExportTargets;
import io.gridkeep.store.export.internal.ParquetRows;
import io.gridkeep.store.internal.HadoopConf;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.cache.Cache;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeJobResultPolicy;
import org.apache.ignite.compute.ComputeTaskAdapter;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/**
 * Exports a cache (or SQL table) as Parquet files into a directory, the way Spark, Hive and Trino
 * read a table: one column per SQL column or field, typed; every server node writes the entries of
 * its primary partitions, in parallel, to {@code part-<node>.snappy.parquet} under a temporary
 * directory; only when all have succeeded are the files moved into the target and an empty
 * {@code _SUCCESS} written, so a reader never sees half an export. An export during which the
 * topology changed (partitions moved, rows could be missed or doubled) fails and leaves nothing.
 * Returns {rows, files}.
 *
 * <p>Any thin client may run it, so it writes only below the export roots of the node's own
 * configuration ({@link ExportRoots}; none configured refuses every export): the target is
 * normalised and checked before anything is created or deleted, a target elsewhere fails with
 * {@code gridkeep: export: <target> is not under an allowed export root (<roots>); ...}, and each
 * writing node checks again against its own roots. The request's Hadoop properties may tune the
 * client ({@code dfs.replication}) but not choose implementation classes or another file system
 * ({@code fs.*.impl}, keys ending in {@code .class}, {@code fs.defaultFS}, ...): those are refused.
 *
 * <pre>{@code
 * long[] rowsAndFiles = client.compute().execute(ExportTask.class.getName(),
 *     new ExportRequest().cache("orders").target("hdfs://nn:8020/exports/orders"));
 * }</pre>
 */
public class ExportTask extends ComputeTaskAdapter<ExportRequest, long[]> {
    private static final long serialVersionUID = 1L;

    @IgniteInstanceResource
    private transient Ignite ignite;

    private ExportRequest req;
    private String target;
    private HashMap<String, String> props;
    private String tmpDir;
    private long topologyVersion;

    @Override
    public Map<? extends ComputeJob, ClusterNode> map(List<ClusterNode> subgrid, ExportRequest req) {
        if (req == null || req.cache() == null || req.target() == null)
            throw new IgniteException("gridkeep: export: a cache and a target directory are required");
        this.req = req;
        URI checked = checkedTarget(ignite, req.target(), req.hadoopProperties());
        target = checked.toString();
        props = new HashMap<>(hadoopProperties(ignite, req.hadoopProperties()));
        List<Column> columns;
        try {
            columns = ExportSchema.of(ignite, req.cache());
        }
        catch (IllegalArgumentException e) {
            throw new IgniteException("gridkeep: export: " + e.getMessage());
        }
        Path dir = new Path(checked);
        try (FileSystem fs = FileSystem.newInstance(checked, HadoopConf.of(props))) {
            if (fs.exists(dir) && fs.listStatus(dir).length > 0) {
                if (!req.overwrite())
                    throw new IgniteException("gridkeep: export: " + target + " is not empty (overwrite replaces what it holds)");
                fs.delete(dir, true);
            }
            fs.mkdirs(dir);
        }
        catch (IOException e) {
            throw new IgniteException("gridkeep: export: cannot prepare " + target + ": " + e.getMessage(), e);
        }
        tmpDir = new Path(dir, "_temporary/" + UUID.randomUUID()).toString();
        topologyVersion = ignite.cluster().topologyVersion();
        Map<ComputeJob, ClusterNode> jobs = new HashMap<>();
        int i = 0;
        for (ClusterNode n : subgrid) {
            if (!n.isClient())
                jobs.put(new WriteJob(req.cache(), columns, tmpDir, i++, req.hadoopProperties()), n);
        }
        if (jobs.isEmpty())
            throw new IgniteException("gridkeep: export: no server node to export from");
        return jobs;
    }

    /**
     * The target, normalised, once this node's export roots allow it and the request's Hadoop
     * properties pick nothing they may not; the task fails otherwise, before any file is touched.
     */
    static URI checkedTarget(Ignite ignite, String target, Map<String, String> requestProps) {
        Optional<ExportRoots> roots = ExportRoots.of(ignite);
        try {
            URI t = ExportTargets.check(target, roots.map(ExportRoots::roots).orElse(List.of()), ExportRoots.PROPERTY);
            ExportTargets.checkHadoopProperties(requestProps, t, "the property 'hadoopProperties' of the ExportRoots bean");
            return t;
        }
        catch (IllegalArgumentException e) {
            throw new IgniteException("gridkeep: export: " + e.getMessage());
        }
    }

    /** The node's own export Hadoop settings, then the request's (checked) over them. */
    static Map<String, String> hadoopProperties(Ignite ignite, Map<String, String> requestProps) {
        Map<String, String> out = new HashMap<>(ExportRoots.of(ignite).map(ExportRoots::hadoopProperties).orElse(Map.of()));
        out.putAll(requestProps);
        return out;
    }

    @Override
    public ComputeJobResultPolicy result(ComputeJobResult res, List<ComputeJobResult> rcvd) {
        // Every job's outcome reaches reduce, which cleans up after any failure.
        return ComputeJobResultPolicy.WAIT;
    }

    @Override
    public long[] reduce(List<ComputeJobResult> results) {
        Path dir = new Path(target);
        Path tmp = new Path(tmpDir);
        try (FileSystem fs = FileSystem.newInstance(URI.create(target), HadoopConf.of(props))) {
            try {
                long rows = 0;
                for (ComputeJobResult r : results) {
                    if (r.getException() != null)
                        throw new IgniteException("gridkeep: export of " + req.cache() + " failed on node " + r.getNode().consistentId()
                            + ": " + r.getException().getMessage(), r.getException());
                    rows += (Long)r.getData();
                }
                if (ignite.cluster().topologyVersion() != topologyVersion)
                    throw new IgniteException("gridkeep: export of " + req.cache() + ": the cluster's topology changed during the export "
                        + "(partitions may have moved, so rows could be missing or doubled); nothing was exported, run it again");
                long files = 0;
                for (FileStatus f : fs.listStatus(tmp)) {
                    if (!fs.rename(f.getPath(), new Path(dir, f.getPath().getName())))
                        throw new IOException("cannot move " + f.getPath() + " into " + dir);
                    files++;
                }
                fs.create(new Path(dir, "_SUCCESS"), true).close();
                return new long[] {rows, files};
            }
            finally {
                fs.delete(new Path(dir, "_temporary"), true);
            }
        }
        catch (IOException e) {
            throw new IgniteException("gridkeep: export of " + req.cache() + " to " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** Writes this node's primary partitions of the cache to one Parquet file. */
    private static final class WriteJob extends ComputeJobAdapter {
        private static final long serialVersionUID = 1L;

        @IgniteInstanceResource
        private transient Ignite ignite;

        // Not final: Ignite's binary format, which carries jobs to the nodes, cannot set final fields.
        private String cache;
        private List<Column> columns;
        private String dir;
        private int index;
        private HashMap<String, String> props;

        WriteJob(String cache, List<Column> columns, String dir, int index, Map<String, String> props) {
            this.cache = cache;
            this.columns = new ArrayList<>(columns);
            this.dir = dir;
            this.index = index;
            this.props = new HashMap<>(props);
        }

        @Override
        public Long execute() {
            // This node writes only below its own export roots, whoever mapped the job.
            checkedTarget(ignite, dir, props);
            IgniteCache<Object, Object> c = ignite.cache(cache).withKeepBinary();
            ParquetRows rows = new ParquetRows(cache, columns);
            Configuration conf = HadoopConf.of(hadoopProperties(ignite, props));
            Path file = new Path(dir, String.format(Locale.ROOT, "part-%05d-%s.snappy.parquet", index,
                String.valueOf(ignite.cluster().localNode().consistentId()).replaceAll("[^A-Za-z0-9._-]", "_")));
            long n = 0;
            try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf)).withConf(conf)
                .withType(rows.schema()).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.CREATE).build()) {
                for (int p : ignite.affinity(cache).primaryPartitions(ignite.cluster().localNode())) {
                    for (Cache.Entry<Object, Object> e : c.query(new ScanQuery<>().setLocal(true).setPartition(p))) {
                        w.write(rows.row(e.getKey(), e.getValue()));
                        n++;
                    }
                }
            }
            catch (IOException e) {
                throw new IgniteException("cannot write " + file + ": " + e.getMessage(), e);
            }
            return n;
        }
    }
}
