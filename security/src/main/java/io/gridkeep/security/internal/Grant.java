package io.gridkeep.security.internal;

/** What a security context allows, before the task allow-list. */
enum Grant {
    /** A node of the cluster: everything (it passed the cluster's TLS, or is on this host). */
    NODE,
    /** A user with the admin role, or the anonymous client of a node without authentication. */
    ADMIN,
    /** A user with the readonly role. */
    READONLY,
    /** A subject this node does not know (a user removed, or missing from this node's file). */
    NONE
}
