package io.gridkeep.security.internal;

import java.io.Serializable;
import org.apache.ignite.internal.processors.security.SecurityContext;

/**
 * A security context: a subject and what it is granted. Serializable because Ignite carries a
 * node's context to the other nodes in its discovery attributes.
 *
 * @param subject who
 * @param grant what it may do
 */
record Access(Subject subject, Grant grant) implements SecurityContext, Serializable {
    private static final long serialVersionUID = 1L;
}
