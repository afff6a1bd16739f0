package io.gridkeep.node.cli;

import io.gridkeep.node.GridKeepException;

/** Bad usage found after parsing (a value that does not parse as its type): exit code 2. */
final class UsageException extends GridKeepException {
    private static final long serialVersionUID = 1L;

    UsageException(String what, String why, String where) {
        super(what, why, where);
    }
}
