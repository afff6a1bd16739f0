package io.gridkeep.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTextTest {
    private static final String BODY = """
        # HELP ignite_cache_puts_total The total number of puts to the cache.
        # TYPE ignite_cache_puts_total counter
        ignite_cache_puts_total{cache="kv",node_id="a"} 3.0
        ignite_cache_puts_total{cache="orders",node_id="a"} 4.0
        jvm_memory_used_bytes{area="heap"} 1.5E8
        jvm_memory_used_bytes{area="nonheap"} 5.0E7
        gridkeep_health_status{status="DEGRADED"} 0.0
        gridkeep_health_status{status="UP"} 1.0
        process_open_fds 12
        """;

    @Test
    void sumsSamplesByNameAndLabels() {
        MetricsText m = MetricsText.parse(BODY);
        assertThat(m.sum("ignite_cache_puts_total")).isEqualTo(7.0);
        assertThat(m.sum("jvm_memory_used_bytes", l -> "heap".equals(l.get("area")))).isEqualTo(1.5e8);
        assertThat(m.sum("process_open_fds")).isEqualTo(12.0);
        assertThat(m.sum("absent")).isNaN();
    }

    @Test
    void findsTheLabelOfTheSampleThatIsOne() {
        assertThat(MetricsText.parse(BODY).labelWhereOne("gridkeep_health_status", "status")).isEqualTo("UP");
    }

    @Test
    void readsEscapedLabelValues() {
        MetricsText m = MetricsText.parse("x{a=\"q\\\"uote\",b=\"c,d\"} 2\n");
        assertThat(m.sum("x", l -> l.get("a").equals("q\"uote") && l.get("b").equals("c,d"))).isEqualTo(2.0);
    }
}
