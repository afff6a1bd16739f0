package io.gridkeep.node.cli;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.apache.ignite.client.ClientAuthorizationException;

/** Reduces an exception chain to the one line a user needs. */
final class Errors {
    private Errors() {
    }

    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException)
                return "no answer in time (--timeout-ms): the node may be frozen, overloaded or cut off";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException)
                return "connection refused";
            if (t instanceof ClientAuthorizationException)
                return "not allowed: the user's role does not permit this operation (roles: 'gridkeep user list')";
            if (t instanceof SQLException sql && sql.getMessage() != null)
                return firstLine(sql.getMessage());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root)
            root = root.getCause();
        String msg = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return msg == null ? root.getClass().getSimpleName() : firstLine(msg);
    }

    /** Longest message shown; Ignite's can list thousands of keys. */
    static final int MAX_LENGTH = 400;

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s.trim() : s.substring(0, nl).trim();
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 3) + "...";
    }
}
