package io.gridkeep.observability.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.ignite.lifecycle.LifecycleEventType;
import org.junit.jupiter.api.Test;

class ElasticsearchShipperTest {
    @Test
    void withoutUrlsTheShipperIsOffAndDoesNothing() {
        ElasticsearchShipper s = new ElasticsearchShipper();
        s.onLifecycleEvent(LifecycleEventType.BEFORE_NODE_START);
        assertThat(s.enabled()).isFalse();
        assertThat(s.stats().offered()).isZero();
    }

    @Test
    void aBadSettingFailsTheStartNamingTheProperty() {
        assertThatThrownBy(() -> new ElasticsearchShipper().setUrls("localhost:9200")
            .onLifecycleEvent(LifecycleEventType.BEFORE_NODE_START))
            .hasMessageContaining("property 'urls'").hasMessageContaining("localhost:9200");
        assertThatThrownBy(() -> new ElasticsearchShipper().setUrls("http://h:9200").setIndexPrefix("Grid Keep")
            .onLifecycleEvent(LifecycleEventType.BEFORE_NODE_START)).hasMessageContaining("property 'indexPrefix'");
        assertThatThrownBy(() -> new ElasticsearchShipper().setUrls("http://h:9200").setBufferCapacity(0)
            .onLifecycleEvent(LifecycleEventType.BEFORE_NODE_START)).hasMessageContaining("property 'bufferCapacity'");
        assertThatThrownBy(() -> new ElasticsearchShipper().setUrls("http://h:9200").setLogLevel("LOUD")
            .onLifecycleEvent(LifecycleEventType.BEFORE_NODE_START)).hasMessageContaining("property 'logLevel'");
    }
}
