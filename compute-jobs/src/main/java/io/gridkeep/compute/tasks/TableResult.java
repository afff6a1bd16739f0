package io.gridkeep.compute.tasks;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The result of a built-in task: named columns and rows, small enough to send to any client
 * (thin clients included) and to print as a table.
 */
public final class TableResult implements Serializable {
    private static final long serialVersionUID = 1L;

    private String[] columns;
    private ArrayList<Object[]> rows;

    public TableResult() {
        this(new String[0], new ArrayList<>());
    }

    public TableResult(String[] columns, List<Object[]> rows) {
        this.columns = columns.clone();
        this.rows = new ArrayList<>(rows);
    }

    public List<String> columns() {
        return List.of(columns);
    }

    public List<Object[]> rows() {
        return rows;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(Arrays.toString(columns));
        for (Object[] r : rows)
            sb.append('\n').append(Arrays.toString(r));
        return sb.toString();
    }
}
