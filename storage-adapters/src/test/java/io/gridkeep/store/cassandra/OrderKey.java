package io.gridkeep.store.cassandra;

import java.util.Objects;
import org.apache.ignite.cache.affinity.AffinityKeyMapped;

/** A key of two fields, as an application partitioned by region would use. */
public class OrderKey {
    @AffinityKeyMapped
    String region;
    long id;

    public OrderKey() {
    }

    OrderKey(String region, long id) {
        this.region = region;
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrderKey k && Objects.equals(region, k.region) && id == k.id;
    }

    @Override
    public int hashCode() {
        return Objects.hash(region, id);
    }

    @Override
    public String toString() {
        return "OrderKey[" + region + ", " + id + "]";
    }
}
