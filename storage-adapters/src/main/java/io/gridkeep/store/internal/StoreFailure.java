package io.gridkeep.store.internal;

/**
 * How a store's parts word a failure: the one line a user sees, which the store also keeps as the
 * cache's last error for {@code gridkeep store status}. The store implements it, since only it knows
 * the cache, the backend's address and the metrics the error goes to.
 */
@FunctionalInterface
public interface StoreFailure {
    /** The message for "cannot {@code what}" because of {@code why}, recorded as the last error. */
    String message(String what, Throwable why);
}
