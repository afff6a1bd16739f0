package io.gridkeep.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What someone who can write a store's table or directory would put there: values of classes no
 * store allows, whose deserialization leaves a trace in {@link #RAN} (as a gadget would run its code).
 *
 * <pre>{@code
 * Intruders.RAN.set(0);
 * cql.execute(insert.bind(7L, ByteBuffer.wrap(Intruders.javaSerialized(new Intruders.WithReadObject("x")))));
 * cache.loadCache(null);
 * assertThat(Intruders.RAN.get()).isZero();
 * }</pre>
 */
public final class Intruders {
    /** How many times code of an intruder ran while being read. */
    public static final AtomicInteger RAN = new AtomicInteger();

    private Intruders() {
    }

    /** Runs code in {@code readObject}; Ignite's marshaller writes such a class with its Optimized marshaller. */
    public static final class WithReadObject implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String payload;

        public WithReadObject(String payload) {
            this.payload = payload;
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            RAN.incrementAndGet();
            in.defaultReadObject();
        }

        @Override
        public String toString() {
            return "WithReadObject " + payload;
        }
    }

    /** Runs code in its no-argument constructor and {@code readResolve}; Ignite's binary format writes it field by field. */
    public static final class Plain implements Serializable {
        private static final long serialVersionUID = 1L;

        private String payload;

        public Plain() {
            RAN.incrementAndGet();
        }

        public Plain(String payload) {
            this.payload = payload;
        }

        private Object readResolve() {
            RAN.incrementAndGet();
            return this;
        }

        @Override
        public String toString() {
            return "Plain " + payload;
        }
    }

    /** {@code o} in Java serialization, as the Cassandra store writes a blob value. */
    public static byte[] javaSerialized(Object o) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }
}
