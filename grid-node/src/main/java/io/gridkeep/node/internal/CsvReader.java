package io.gridkeep.node.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV records: quoted fields may hold the delimiter, doubled quotes and line
 * breaks. Tracks the line each record starts on, for error messages. A UTF-8 byte-order mark at the
 * start, which Excel writes, is not part of the first field.
 */
public final class CsvReader implements AutoCloseable {
    private final Reader in;
    private final char delimiter;
    private int line = 1;
    private int recordLine;
    private int peeked = -2;
    private boolean started;

    public CsvReader(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** The 1-based line on which the last record returned by {@link #next()} started. */
    public int recordLine() {
        return recordLine;
    }

    /** The next record's fields, or {@code null} at the end of input. Blank lines are skipped. */
    public List<String> next() throws IOException {
        while (true) {
            int c = read();
            if (c == -1)
                return null;
            if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n')
                    read();
                line++;
                continue;
            }
            unread(c);
            break;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        while (true) {
            int c = read();
            if (quoted) {
                if (c == -1)
                    throw new IOException("unterminated quoted field starting on line " + recordLine);
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        f.append('"');
                    }
                    else
                        quoted = false;
                }
                else {
                    if (c == '\n')
                        line++;
                    f.append((char)c);
                }
                continue;
            }
            if (c == -1 || c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n')
                    read();
                if (c != -1)
                    line++;
                fields.add(f.toString());
                return fields;
            }
            if (c == delimiter) {
                fields.add(f.toString());
                f.setLength(0);
                fieldStart = true;
                continue;
            }
            if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
                continue;
            }
            fieldStart = false;
            f.append((char)c);
        }
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        int c = in.read();
        if (!started) {
            started = true;
            if (c == '\uFEFF')
                c = in.read();
        }
        return c;
    }

    private int peek() throws IOException {
        if (peeked == -2)
            peeked = read();
        return peeked;
    }

    private void unread(int c) {
        peeked = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
