package io.gridkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test HDFS stores a file, keeps it across a stop and a start, and serves it back over WebHDFS. */
@ExtendWith(TestDirs.Extension.class)
class HdfsServerIT {
    @Test
    void storesAFileAndKeepsItAcrossARestart(TestDirs dirs) {
        try (HdfsServer hdfs = HdfsServer.start(dirs.work("hdfs"))) {
            assertThat(hdfs.uri()).startsWith("hdfs://127.0.0.1:");
            HttpResponse<String> mkdir = hdfs.webHdfs("PUT", "/gridkeep/kv", "op=MKDIRS", null);
            assertThat(mkdir.statusCode()).as(mkdir.body()).isEqualTo(200);
            HttpResponse<String> create = hdfs.webHdfs("PUT", "/gridkeep/kv/segment-0", "op=CREATE&overwrite=true", "k1=v1\n");
            assertThat(create.statusCode()).as(create.body()).isEqualTo(201);

            hdfs.restart();

            HttpResponse<String> open = hdfs.webHdfs("GET", "/gridkeep/kv/segment-0", "op=OPEN", null);
            assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
            assertThat(open.body()).isEqualTo("k1=v1\n");
        }
    }
}
