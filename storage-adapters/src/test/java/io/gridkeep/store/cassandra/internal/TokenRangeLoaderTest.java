package io.gridkeep.store.cassandra.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.metadata.token.TokenRange;
import com.datastax.oss.driver.internal.core.metadata.token.Murmur3Token;
import com.datastax.oss.driver.internal.core.metadata.token.Murmur3TokenFactory;
import com.datastax.oss.driver.internal.core.metadata.token.Murmur3TokenRange;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How loadCache divides the ring, on the driver's own Murmur3 ranges (what a cluster with the default
 * partitioner has); scanning the ranges needs a live Cassandra and is {@code CassandraStoreIT}'s.
 */
class TokenRangeLoaderTest {
    private static final BigInteger RING = BigInteger.TWO.pow(64);

    private static TokenRange range(long start, long end) {
        return new Murmur3TokenRange(new Murmur3Token(start), new Murmur3Token(end));
    }

    /** Three nodes' ranges; the last wraps around the end of the ring. */
    private static Set<TokenRange> threeNodeRing() {
        return new LinkedHashSet<>(List.of(range(-3_000_000_000_000_000_000L, 0), range(0, 3_000_000_000_000_000_000L),
            range(3_000_000_000_000_000_000L, -3_000_000_000_000_000_000L)));
    }

    private static BigInteger width(TokenRange r) {
        long start = ((Murmur3Token)r.getStart()).getValue();
        long end = ((Murmur3Token)r.getEnd()).getValue();
        // A range that ends at the minimum token runs to the end of the ring.
        BigInteger e = end == Long.MIN_VALUE ? BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE) : BigInteger.valueOf(end);
        return e.subtract(BigInteger.valueOf(start));
    }

    @Test
    void theRingIsSplitIntoAboutFourRangesPerLoadThreadWithoutGapsOrOverlaps() {
        List<TokenRange> ranges = TokenRangeLoader.split(threeNodeRing(), 6);

        // 6 threads * 4 / 3 ranges = 8 per range; the wrapping one is two once unwrapped, each split in 8 as well.
        assertThat(ranges).hasSize(32).noneMatch(TokenRange::isWrappedAround);
        assertThat(ranges.stream().map(TokenRangeLoaderTest::width).reduce(BigInteger.ZERO, BigInteger::add)).isEqualTo(RING);
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++)
                assertThat(ranges.get(i).intersects(ranges.get(j))).as(ranges.get(i) + " and " + ranges.get(j)).isFalse();
        }
    }

    @Test
    void rangesAreNotSplitWhenTheRingHasMoreThanTwoPerLoadThread() {
        List<TokenRange> ranges = TokenRangeLoader.split(threeNodeRing(), 1);

        assertThat(ranges).hasSize(4).noneMatch(TokenRange::isWrappedAround);
    }

    @Test
    void onlyTheRangeEndingAtTheMinimumTokenIsScannedToTheEndOfTheRing() {
        List<TokenRange> ranges = TokenRangeLoader.split(threeNodeRing(), 1);

        assertThat(ranges.stream().filter(r -> TokenRangeLoader.runsToEndOfRing(r, Murmur3TokenFactory.MIN_TOKEN)))
            .singleElement().satisfies(r -> assertThat(((Murmur3Token)r.getStart()).getValue()).isEqualTo(3_000_000_000_000_000_000L));
    }
}
