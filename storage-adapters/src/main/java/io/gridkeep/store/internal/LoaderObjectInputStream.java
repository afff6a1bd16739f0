package io.gridkeep.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * Java deserialization that resolves classes with a given loader (a node's, which sees peer-loaded
 * classes), falling back to the default resolution.
 */
public final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader cl;

    /** @param cl the loader to try first; null for the thread's context loader */
    public LoaderObjectInputStream(InputStream in, ClassLoader cl) throws IOException {
        super(in);
        this.cl = cl != null ? cl : Thread.currentThread().getContextClassLoader();
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        if (cl == null)
            return super.resolveClass(desc);
        try {
            return Class.forName(desc.getName(), false, cl);
        }
        catch (ClassNotFoundException e) {
            return super.resolveClass(desc);
        }
    }
}
