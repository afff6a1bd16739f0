package io.gridkeep.node;

import java.nio.file.Path;

/**
 * A node configuration that cannot be used: a missing or malformed file, an unknown property,
 * a value of the wrong type or an unresolvable placeholder. Names the file, and where known the
 * line and the key.
 */
public class ConfigException extends GridKeepException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String key;

    public ConfigException(String why, String file, int line, String key, Throwable cause) {
        super("cannot load config", why, where(file, line, key), cause);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    /** The configuration file or resource. */
    public String file() {
        return file;
    }

    /** The line in {@link #file()}, or {@code -1} when unknown. */
    public int line() {
        return line;
    }

    /** The property or placeholder at fault, or {@code null}. */
    public String key() {
        return key;
    }

    static String where(String file, int line, String key) {
        StringBuilder sb = new StringBuilder(file == null ? "" : file);
        if (line > 0)
            sb.append(':').append(line);
        if (key != null)
            sb.append(sb.length() > 0 ? ", " : "").append("key '").append(key).append('\'');
        return sb.toString();
    }

    static String display(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }
}
