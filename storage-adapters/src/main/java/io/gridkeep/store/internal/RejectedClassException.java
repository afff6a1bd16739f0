package io.gridkeep.store.internal;

/**
 * Stored bytes named a class that the store's allow-list does not allow, or broke one of its limits;
 * nothing of that class was loaded or run. Unchecked, so that it passes unchanged through Ignite's
 * marshaller, which would otherwise retry a refused class with another class loader.
 */
public final class RejectedClassException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String className;

    /**
     * @param className the class refused, or what broke a limit ({@code "an array of 9000000 elements"})
     * @param message the whole sentence, which names it (made printable by the caller)
     */
    public RejectedClassException(String className, String message) {
        super(message, null, false, false);
        this.className = Rejections.printable(className);
    }

    /** The class refused (printable, shortened), or what broke a limit. */
    public String className() {
        return className;
    }

    /** The first {@code RejectedClassException} in {@code e}'s causes (itself included), or null. */
    public static RejectedClassException in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RejectedClassException r)
                return r;
            if (t.getCause() == t)
                break;
        }
        return null;
    }
}
