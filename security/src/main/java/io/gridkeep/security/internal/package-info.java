/**
 * Internal: the security processor GridKeep's plugin gives Ignite, its security contexts, the
 * users file's format and password hashing. Not API: it changes without notice.
 */
package io.gridkeep.security.internal;
