package io.gridkeep.node.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at semicolons that are outside quotes and comments.
 *
 * <pre>{@code
 * SqlScript.Split s = SqlScript.split("INSERT INTO t VALUES ('a;b'); SELECT 1");
 * s.statements();  // ["INSERT INTO t VALUES ('a;b')"]
 * s.rest();        // "SELECT 1" (not yet terminated)
 * }</pre>
 */
public final class SqlScript {
    private SqlScript() {
    }

    /**
     * The terminated statements, each with the line it starts on, and the unterminated rest.
     *
     * @param statements complete statements, trimmed, without the semicolon
     * @param lines 1-based line on which each statement starts
     * @param rest text after the last semicolon, untrimmed
     */
    public record Split(List<String> statements, List<Integer> lines, String rest) {
        /** True when the rest holds something other than white space and comments. */
        public boolean restHasSql() {
            return !stripComments(rest).isBlank();
        }
    }

    public static Split split(String text) {
        List<String> out = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int start = 0;
        int line = 1;
        int stmtLine = -1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n')
                line++;
            if (c == '\'' || c == '"') {
                if (stmtLine < 0)
                    stmtLine = line;
                int j = i + 1;
                while (j < n) {
                    char d = text.charAt(j);
                    if (d == '\n')
                        line++;
                    if (d == c) {
                        if (j + 1 < n && text.charAt(j + 1) == c) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                i = j + 1;
                continue;
            }
            if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? n : nl;
                continue;
            }
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                for (int k = i; k < stop; k++) {
                    if (text.charAt(k) == '\n')
                        line++;
                }
                i = stop;
                continue;
            }
            if (c == ';') {
                String stmt = text.substring(start, i).trim();
                if (!stripComments(stmt).isBlank()) {
                    out.add(stmt);
                    lines.add(stmtLine < 0 ? line : stmtLine);
                }
                start = i + 1;
                stmtLine = -1;
                i++;
                continue;
            }
            if (!Character.isWhitespace(c) && stmtLine < 0)
                stmtLine = line;
            i++;
        }
        return new Split(out, lines, text.substring(start));
    }

    /** Removes comments outside quotes, to tell an empty statement from a real one. */
    static String stripComments(String s) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int j = s.indexOf(c, i + 1);
                int stop = j < 0 ? s.length() : j + 1;
                sb.append(s, i, stop);
                i = stop;
            }
            else if (s.startsWith("--", i)) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl;
            }
            else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
            }
            else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }
}
