package io.gridkeep.node.cli;

import java.util.Locale;
import java.util.function.Function;

/** The Java types a key or value typed on the command line can take. */
enum ValueType {
    STRING(s -> s),
    INT(Integer::valueOf),
    LONG(Long::valueOf),
    DOUBLE(Double::valueOf),
    BOOLEAN(ValueType::parseBoolean),
    UUID(java.util.UUID::fromString);

    private final Function<String, Object> parser;

    ValueType(Function<String, Object> parser) {
        this.parser = parser;
    }

    /** Parses {@code text}; a value that is not of this type is bad usage (exit 2). */
    Object parse(String what, String role, String text) {
        try {
            return parser.apply(text);
        }
        catch (IllegalArgumentException e) {
            throw new UsageException(what, role + " '" + text + "' is not a valid " + name().toLowerCase(Locale.ROOT),
                "--" + role + "-type " + name().toLowerCase(Locale.ROOT));
        }
    }

    private static Boolean parseBoolean(String s) {
        if (s.equalsIgnoreCase("true"))
            return Boolean.TRUE;
        if (s.equalsIgnoreCase("false"))
            return Boolean.FALSE;
        throw new IllegalArgumentException(s);
    }

}
