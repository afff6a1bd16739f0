package io.gridkeep.node;

/**
 * A failure a user can act on, in three parts: what failed, why, and where (file:line, key,
 * statement, address). The CLI prints it as one line:
 * {@code gridkeep: <what>: <why> (<where>)}.
 *
 * <pre>{@code
 * throw new GridKeepException("kv get", "unknown cache 'users'", "caches: kv, orders");
 * }</pre>
 */
public class GridKeepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String what;
    private final String why;
    private final String where;

    public GridKeepException(String what, String why, String where) {
        this(what, why, where, null);
    }

    public GridKeepException(String what, String why, String where, Throwable cause) {
        super(format(what, why, where), cause);
        this.what = what;
        this.why = why;
        this.where = where;
    }

    /** The operation that failed, for example {@code cannot load config}. */
    public String what() {
        return what;
    }

    /** Why it failed, in the user's terms. */
    public String why() {
        return why;
    }

    /** Where: a file and line, a key, a statement or an address; may be {@code null}. */
    public String where() {
        return where;
    }

    private static String format(String what, String why, String where) {
        StringBuilder sb = new StringBuilder();
        if (what != null && !what.isEmpty())
            sb.append(what).append(": ");
        sb.append(why);
        if (where != null && !where.isEmpty())
            sb.append(" (").append(where).append(')');
        return sb.toString();
    }
}
