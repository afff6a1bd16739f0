package io.gridkeep.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * Java deserialization of stored bytes: classes resolved with a given loader (a node's, which sees
 * peer-loaded classes), falling back to the default resolution, and only those that a
 * {@link StoredClassFilter} allows: a class name it refuses is rejected before the class is loaded,
 * proxies always, and the stream carries the filter's {@link ObjectInputFilter} for its limits and
 * as a second check. Made by {@link StoredClassFilter#read}.
 */
final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader cl;
    private final StoredClassFilter filter;

    /** @param cl the loader to try first; null for the thread's context loader */
    LoaderObjectInputStream(InputStream in, ClassLoader cl, StoredClassFilter filter, ObjectInputFilter check) throws IOException {
        super(in);
        this.cl = cl != null ? cl : Thread.currentThread().getContextClassLoader();
        this.filter = filter;
        setObjectInputFilter(check);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        if (!filter.allows(desc.getName()))
            throw filter.rejection(desc.getName());
        if (cl == null)
            return super.resolveClass(desc);
        try {
            return Class.forName(desc.getName(), false, cl);
        }
        catch (ClassNotFoundException e) {
            return super.resolveClass(desc);
        }
    }

    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) {
        throw filter.rejection("a proxy of " + String.join(", ", interfaces));
    }
}
