package io.gridkeep.store.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HdfsStoreFactoryTest {
    private static HdfsStoreFactory<Long, Object> valid() {
        return new HdfsStoreFactory<Long, Object>().setUri("hdfs://nn:8020/gridkeep");
    }

    @Test
    void theUriIsRequired() {
        assertThatThrownBy(() -> new HdfsStoreFactory<>().settings()).hasMessageContaining("property 'uri'");
    }

    @Test
    void aUriWithoutSchemeIsNamed() {
        assertThatThrownBy(() -> valid().setUri("/gridkeep").settings()).hasMessageContaining("'/gridkeep' has no scheme")
            .hasMessageContaining("property 'uri' of io.gridkeep.store.hdfs.HdfsStoreFactory");
    }

    @Test
    void syncIsHflushOrHsync() {
        assertThatThrownBy(() -> valid().setSync("fsync").settings()).hasMessageContaining("'fsync' is not hflush or hsync")
            .hasMessageContaining("property 'sync'");
        assertThat(valid().setSync("hsync").settings().hsync()).isTrue();
    }

    @Test
    void theDirectoryIsOnePathElement() {
        assertThatThrownBy(() -> valid().setDirectory("a/b").settings()).hasMessageContaining("property 'directory'");
    }

    @Test
    void partitionsAreBounded() {
        assertThatThrownBy(() -> valid().setPartitions(0).settings()).hasMessageContaining("property 'partitions'");
    }
}
