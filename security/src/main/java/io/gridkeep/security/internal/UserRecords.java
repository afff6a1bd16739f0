package io.gridkeep.security.internal;

import io.gridkeep.security.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the users file: one user per line, {@code NAME ROLE HASH}; blank lines and lines that
 * start with {@code #} are ignored. A malformed line fails the whole read with its line number,
 * so that a typo never silently drops a user or lets one in.
 */
public final class UserRecords {
    /** The first line of a file this module writes. */
    public static final String HEADER = "# GridKeep users: NAME ROLE PASSWORD-HASH. Managed with 'gridkeep user add|passwd|remove'.";

    private UserRecords() {
    }

    /** The users in {@code file} by name; an absent file holds none. */
    public static Map<String, UserRecord> read(Path file) throws IOException {
        Map<String, UserRecord> users = new LinkedHashMap<>();
        if (!Files.exists(file))
            return users;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#"))
                continue;
            UserRecord r = parse(line, file, i + 1);
            if (users.putIfAbsent(r.name(), r) != null)
                throw new IOException(file + ":" + (i + 1) + ": user '" + r.name() + "' appears twice");
        }
        return users;
    }

    /** The text of a users file that holds {@code users}. */
    public static String format(Iterable<UserRecord> users) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (UserRecord u : users)
            sb.append(u.line()).append('\n');
        return sb.toString();
    }

    private static UserRecord parse(String line, Path file, int no) throws IOException {
        List<String> f = new ArrayList<>(List.of(line.split("\\s+")));
        if (f.size() != 3)
            throw new IOException(file + ":" + no + ": expected 'NAME ROLE PASSWORD-HASH', found " + f.size() + " fields");
        if (!UserRecord.NAME.matcher(f.get(0)).matches())
            throw new IOException(file + ":" + no + ": invalid user name '" + f.get(0) + "'");
        Role role;
        try {
            role = Role.parse(f.get(1));
        }
        catch (IllegalArgumentException e) {
            throw new IOException(file + ":" + no + ": " + e.getMessage(), e);
        }
        if (!PasswordHash.wellFormed(f.get(2)))
            throw new IOException(file + ":" + no + ": the password hash of '" + f.get(0) + "' is malformed (set it again with "
                + "'gridkeep user passwd " + f.get(0) + "')");
        return new UserRecord(f.get(0), role, f.get(2));
    }
}
