package io.gridkeep.security.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The users of the users file as this node last read them. The file is looked at again at most
 * every {@link #RECHECK_NANOS} on use, and re-read when its size or modification time changed: a
 * user added or a password changed with {@code gridkeep user} applies within a second, with no
 * thread of its own. A file that became malformed keeps the users last read, and says why once.
 */
final class UserDirectory {
    static final long RECHECK_NANOS = 500_000_000L;

    private final Path file;
    private final Consumer<String> warn;
    /** Successful logins by user, as a digest of hash and password: PBKDF2 is paid once per password, not per connection. */
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    private volatile Snapshot snapshot;
    private volatile long checkedAt;

    UserDirectory(Path file, Consumer<String> warn) throws IOException {
        this.file = file;
        this.warn = warn;
        this.snapshot = load(stamp());
        this.checkedAt = System.nanoTime();
    }

    /** How many users the file holds. */
    int size() {
        return current().byName.size();
    }

    /** The user {@code name} if {@code password} is theirs, else null. */
    UserRecord authenticate(String name, char[] password) {
        UserRecord u = current().byName.get(name);
        if (u == null)
            return null;
        String key = digest(u.hash(), password);
        if (key.equals(verified.get(name)))
            return u;
        if (!PasswordHash.matches(password, u.hash()))
            return null;
        verified.put(name, key);
        return u;
    }

    /** The user whose subject id is {@code id}, or null. */
    UserRecord byId(UUID id) {
        return current().byId.get(id);
    }

    private Snapshot current() {
        long now = System.nanoTime();
        if (now - checkedAt < RECHECK_NANOS)
            return snapshot;
        synchronized (this) {
            if (now - checkedAt < RECHECK_NANOS)
                return snapshot;
            checkedAt = now;
            try {
                String stamp = stamp();
                if (!stamp.equals(snapshot.stamp)) {
                    snapshot = load(stamp);
                    verified.clear();
                }
            }
            catch (IOException e) {
                warn.accept("gridkeep: security: cannot re-read the users file, keeping the " + snapshot.byName.size()
                    + " users read before: " + e.getMessage());
                snapshot = new Snapshot(snapshot.byName, snapshot.byId, "failed:" + e.getMessage());
            }
            return snapshot;
        }
    }

    private Snapshot load(String stamp) throws IOException {
        Map<String, UserRecord> byName = UserRecords.read(file);
        Map<UUID, UserRecord> byId = byName.values().stream().collect(Collectors.toMap(u -> Grants.userId(u.name()), u -> u));
        return new Snapshot(Map.copyOf(byName), Map.copyOf(byId), stamp);
    }

    private String stamp() throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.size() + "@" + a.lastModifiedTime().toMillis() + "#" + Objects.toString(a.fileKey());
        }
        catch (NoSuchFileException e) {
            return "absent";
        }
    }

    private static String digest(String hash, char[] password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(hash.getBytes(StandardCharsets.UTF_8));
            md.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Snapshot(Map<String, UserRecord> byName, Map<UUID, UserRecord> byId, String stamp) {
    }
}
