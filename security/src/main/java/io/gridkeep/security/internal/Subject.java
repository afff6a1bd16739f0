package io.gridkeep.security.internal;

import java.net.InetSocketAddress;
import java.util.UUID;
import org.apache.ignite.plugin.security.SecuritySubject;
import org.apache.ignite.plugin.security.SecuritySubjectType;

/**
 * Who runs an operation: a node, a user of the users file, or the anonymous client of an open node.
 *
 * @param id a node's id; for users a name-based UUID, the same on every node (see {@link Grants#userId})
 * @param type node or client
 * @param login the user name, or the node's consistent id
 * @param address where it connected from, when known on this node
 */
record Subject(UUID id, SecuritySubjectType type, Object login, InetSocketAddress address) implements SecuritySubject {
    private static final long serialVersionUID = 1L;
}
