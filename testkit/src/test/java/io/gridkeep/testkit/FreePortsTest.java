package io.gridkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {
    @Test
    void allocatesDistinctBindablePorts() {
        int[] ports = FreePorts.allocate(5);
        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(5);
        for (int p : ports)
            assertThat(FreePorts.isFree(p)).as("port %d", p).isTrue();
    }

    @Test
    void consecutivePortsAreAllFree() {
        int base = FreePorts.consecutive(10);
        for (int p = base; p < base + 10; p++)
            assertThat(FreePorts.isFree(p)).as("port %d", p).isTrue();
    }

    @Test
    void aBoundPortIsNotFree() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(FreePorts.isFree(s.getLocalPort())).isFalse();
        }
    }
}
