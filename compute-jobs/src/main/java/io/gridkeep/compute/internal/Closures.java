package io.gridkeep.compute.internal;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/** Checks that a closure can be sent before it is, so the user learns what is wrong and where. */
public final class Closures {
    private Closures() {
    }

    /**
     * @throws IllegalArgumentException naming the closure and the class that cannot be serialized
     *     (typically a captured variable or an enclosing instance)
     */
    public static void requireSerializable(Object closure) {
        if (closure == null)
            throw new IllegalArgumentException("closure must not be null");
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(closure);
        }
        catch (NotSerializableException e) {
            throw new IllegalArgumentException("closure " + closure.getClass().getName() + " cannot be sent to the servers: "
                + "it holds a " + e.getMessage() + ", which is not serializable (a captured variable or an enclosing instance?)", e);
        }
        catch (IOException e) {
            throw new IllegalArgumentException("closure " + closure.getClass().getName() + " cannot be serialized: " + e, e);
        }
    }
}
