package io.gridkeep.compute.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.ignite.lang.IgniteCallable;
import org.junit.jupiter.api.Test;

class ClosuresTest {
    @Test
    void aLambdaCapturingOnlySerializableValuesPasses() {
        int n = 3;
        IgniteCallable<Integer> job = () -> n * 2;
        assertThatCode(() -> Closures.requireSerializable(job)).doesNotThrowAnyException();
    }

    @Test
    void aCapturedNonSerializableValueIsNamed() {
        Thread t = Thread.currentThread();
        IgniteCallable<String> job = t::getName;
        assertThatThrownBy(() -> Closures.requireSerializable(job))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cannot be sent to the servers")
            .hasMessageContaining("java.lang.Thread");
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> Closures.requireSerializable(null)).hasMessage("closure must not be null");
    }
}
