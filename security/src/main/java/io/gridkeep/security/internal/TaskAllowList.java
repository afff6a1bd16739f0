package io.gridkeep.security.internal;

import io.gridkeep.security.GridKeepSecurity;
import java.util.ArrayList;
import java.util.List;

/**
 * The tasks a thin client may run by name, for each grant. An entry is a class name, or a package
 * followed by {@code .*} for every class in it (not in its sub-packages).
 */
public final class TaskAllowList {
    private final List<String> full;
    private final List<String> readOnly;

    private TaskAllowList(List<String> full, List<String> readOnly) {
        this.full = List.copyOf(full);
        this.readOnly = List.copyOf(readOnly);
    }

    /** GridKeep's built-in tasks and {@code extra} for admins; the read-only built-ins and {@code extraReadOnly} for readonly users. */
    static TaskAllowList withBuiltIns(List<String> extra, List<String> extraReadOnly) {
        List<String> readOnly = new ArrayList<>(GridKeepSecurity.READ_ONLY_BUILT_IN_TASKS);
        readOnly.addAll(clean(extraReadOnly));
        List<String> full = new ArrayList<>(GridKeepSecurity.BUILT_IN_TASKS);
        full.addAll(clean(extra));
        full.addAll(readOnly);
        return new TaskAllowList(full, readOnly);
    }

    /** Whether a subject with {@code grant} may run the task named {@code task}. */
    boolean allows(Grant grant, String task) {
        return switch (grant) {
            case NODE -> true;
            case ADMIN -> matches(full, task);
            case READONLY -> matches(readOnly, task);
            case NONE -> false;
        };
    }

    /** Every entry admins may run, for error messages. */
    List<String> entries() {
        return full;
    }

    private static boolean matches(List<String> entries, String task) {
        if (task == null)
            return false;
        for (String e : entries) {
            if (e.equals(task))
                return true;
            if (e.endsWith(".*") && task.startsWith(e.substring(0, e.length() - 1))
                && task.indexOf('.', e.length() - 1) < 0)
                return true;
        }
        return false;
    }

    private static List<String> clean(List<String> names) {
        List<String> out = new ArrayList<>();
        if (names == null)
            return out;
        for (String n : names) {
            if (n != null && !n.isBlank())
                out.add(n.strip());
        }
        return out;
    }
}
