package io.gridkeep.store.export.internal;

import java.io.Serializable;

/**
 * One column of an export: its name, the Java type of its values, and where a row's value comes
 * from (the key itself, a field of the key, the value itself, or a field of the value). A class with
 * plain fields, not a record: it travels inside compute jobs in Ignite's binary format.
 */
public final class Column implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where a column's value comes from. */
    public enum Source {
        KEY, KEY_FIELD, VALUE, VALUE_FIELD
    }

    private String name;
    private String javaType;
    private Source source;
    private String field;

    public Column(String name, String javaType, Source source, String field) {
        this.name = name;
        this.javaType = javaType;
        this.source = source;
        this.field = field;
    }

    public String name() {
        return name;
    }

    public String javaType() {
        return javaType;
    }

    public Source source() {
        return source;
    }

    public String field() {
        return field;
    }
}
