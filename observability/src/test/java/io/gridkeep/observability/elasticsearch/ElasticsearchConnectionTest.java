package io.gridkeep.observability.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ElasticsearchConnectionTest {
    @Test
    void acceptsSeveralUrlsAndDefaultsThePortTo9200() {
        assertThat(ElasticsearchConnection.of("http://a:9201, https://b").urls()).isEqualTo("http://a:9201,https://b:9200");
    }

    @Test
    void rejectsWhatIsNotAnHttpUrlNamingIt() {
        assertThatThrownBy(() -> ElasticsearchConnection.of("es1:9200")).hasMessageContaining("'es1:9200'");
        assertThatThrownBy(() -> ElasticsearchConnection.of("ftp://es1")).hasMessageContaining("'ftp://es1'");
        assertThatThrownBy(() -> ElasticsearchConnection.of(" , ")).hasMessageContaining("no Elasticsearch URL");
    }
}
