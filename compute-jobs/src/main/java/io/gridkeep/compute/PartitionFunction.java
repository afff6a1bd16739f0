package io.gridkeep.compute;

import java.io.Serializable;
import java.util.Iterator;
import javax.cache.Cache;

/**
 * The map step of {@link GridCompute#mapReduce}: runs on the primary node of one partition, over
 * that partition's entries only, and returns a partial result, which is all that crosses the
 * network. It must be serializable; its class reaches the servers by peer class loading.
 *
 * <pre>{@code
 * PartitionFunction<Integer, Order, Long> total = (partition, entries) -> {
 *     long sum = 0;
 *     while (entries.hasNext())
 *         sum += entries.next().getValue().amount();
 *     return sum;
 * };
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type (a {@code BinaryObject} when the facade keeps values binary)
 * @param <P> partial result type; serializable
 */
@FunctionalInterface
public interface PartitionFunction<K, V, P> extends Serializable {
    /**
     * @param partition the partition being processed
     * @param entries its entries, read locally; valid only during this call
     */
    P apply(int partition, Iterator<Cache.Entry<K, V>> entries) throws Exception;
}
