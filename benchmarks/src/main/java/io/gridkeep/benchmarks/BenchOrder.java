package io.gridkeep.benchmarks;

import java.io.Serializable;
import java.util.Date;

/** The value the store benchmarks write: a few fields of the common types, one column each. */
public class BenchOrder implements Serializable {
    private static final long serialVersionUID = 1L;

    String customer;
    double total;
    Date created;
    int items;

    public BenchOrder() {
    }

    BenchOrder(long i) {
        this.customer = "customer-" + (i % 10_000);
        this.total = i * 0.25;
        this.created = new Date(1_700_000_000_000L + i);
        this.items = (int)(i % 17);
    }
}
