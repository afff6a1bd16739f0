package io.gridkeep.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
    @Test
    void aHashMatchesItsPasswordOnly() {
        String h = PasswordHash.hash("correct horse".toCharArray());
        assertThat(PasswordHash.matches("correct horse".toCharArray(), h)).isTrue();
        assertThat(PasswordHash.matches("correct horsf".toCharArray(), h)).isFalse();
        assertThat(PasswordHash.wellFormed(h)).isTrue();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(PasswordHash.hash("same".toCharArray())).isNotEqualTo(PasswordHash.hash("same".toCharArray()));
    }

    @Test
    void aMalformedHashMatchesNothing() {
        assertThat(PasswordHash.matches("x".toCharArray(), "plain-text")).isFalse();
        assertThat(PasswordHash.matches("x".toCharArray(), "pbkdf2-sha256:notanumber:AA:AA")).isFalse();
        assertThat(PasswordHash.wellFormed("pbkdf2-sha256:1:AA:AA")).isFalse();
    }
}
