package io.gridkeep.store.cassandra;

import java.util.Date;
import java.util.Objects;

/** A value with fields of several types, as an application would cache it. */
public class Order {
    String customer;
    double total;
    Date created;
    int items;

    public Order() {
    }

    Order(String customer, double total, Date created, int items) {
        this.customer = customer;
        this.total = total;
        this.created = created;
        this.items = items;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Order x && Objects.equals(customer, x.customer) && total == x.total
            && Objects.equals(created, x.created) && items == x.items;
    }

    @Override
    public int hashCode() {
        return Objects.hash(customer, total, created, items);
    }

    @Override
    public String toString() {
        return "Order[" + customer + ", " + total + ", " + created + ", " + items + "]";
    }
}
