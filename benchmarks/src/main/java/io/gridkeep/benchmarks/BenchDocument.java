package io.gridkeep.benchmarks;

import java.io.Serializable;

/** The value the HDFS benchmark writes: an id, a name and an opaque payload of a chosen size. */
public class BenchDocument implements Serializable {
    private static final long serialVersionUID = 1L;

    long id;
    String name;
    byte[] payload;

    public BenchDocument() {
    }

    BenchDocument(long id, byte[] payload) {
        this.id = id;
        this.name = "doc-" + id;
        this.payload = payload;
    }
}
