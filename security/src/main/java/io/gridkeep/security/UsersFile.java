package io.gridkeep.security;

import io.gridkeep.security.internal.PasswordHash;
import io.gridkeep.security.internal.UserRecord;
import io.gridkeep.security.internal.UserRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The users file a node authenticates against: one user per line, {@code NAME ROLE PASSWORD-HASH},
 * passwords as salted PBKDF2 hashes, the file readable by its owner only (0600). Every change is
 * written to a new file that replaces the old one atomically, under a lock, so a node that reads
 * it meanwhile sees the old users or the new ones, never half a file. Nodes re-read the file
 * within a second of a change: adding a user or changing a password needs no restart. Each node
 * has its own copy; a fleet keeps them equal (the Ansible role writes the same users on every host).
 *
 * <pre>{@code
 * UsersFile users = UsersFile.at(Path.of("/etc/gridkeep/users"));
 * users.add("app", Role.ADMIN, password);
 * users.passwd("app", newPassword);
 * users.remove("app");
 * }</pre>
 */
public final class UsersFile {
    /** The shortest password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    private UsersFile(Path file) {
        this.file = file;
    }

    /** The users file at {@code file}; it need not exist yet. */
    public static UsersFile at(Path file) {
        return new UsersFile(file.toAbsolutePath().normalize());
    }

    /** Where the file is. */
    public Path path() {
        return file;
    }

    /** Its users, in file order. */
    public List<User> users() {
        return read().values().stream().map(r -> new User(r.name(), r.role())).toList();
    }

    /**
     * Adds a user.
     *
     * @throws IllegalArgumentException if the name is invalid or taken, or the password too short
     */
    public void add(String name, Role role, char[] password) {
        checkName(name);
        checkPassword(password);
        update(users -> {
            if (users.containsKey(name))
                throw new IllegalArgumentException("user '" + name + "' already exists in " + file + " (change the password with passwd)");
            users.put(name, new UserRecord(name, role, PasswordHash.hash(password)));
        });
    }

    /**
     * Sets a user's password.
     *
     * @throws IllegalArgumentException if there is no such user or the password is too short
     */
    public void passwd(String name, char[] password) {
        checkPassword(password);
        update(users -> {
            UserRecord old = existing(users, name);
            users.put(name, new UserRecord(name, old.role(), PasswordHash.hash(password)));
        });
    }

    /**
     * Sets a user's role.
     *
     * @throws IllegalArgumentException if there is no such user
     */
    public void role(String name, Role role) {
        update(users -> {
            UserRecord old = existing(users, name);
            users.put(name, new UserRecord(name, role, old.hash()));
        });
    }

    /**
     * Removes a user.
     *
     * @throws IllegalArgumentException if there is no such user
     */
    public void remove(String name) {
        update(users -> {
            existing(users, name);
            users.remove(name);
        });
    }

    private UserRecord existing(Map<String, UserRecord> users, String name) {
        UserRecord r = users.get(name);
        if (r == null)
            throw new IllegalArgumentException("no user '" + name + "' in " + file);
        return r;
    }

    private Map<String, UserRecord> read() {
        try {
            return UserRecords.read(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the users file " + file + ": " + e.getMessage(), e);
        }
    }

    private void update(Consumer<Map<String, UserRecord>> change) {
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            Path lockFile = dir.resolve(file.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                // Two 'gridkeep user' commands at once would otherwise each write the file without the other's change.
                FileLock lock = ch.lock();
                Map<String, UserRecord> users = UserRecords.read(file);
                change.accept(users);
                Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                try {
                    Files.writeString(tmp, UserRecords.format(users.values()), StandardCharsets.UTF_8);
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                finally {
                    Files.deleteIfExists(tmp);
                    lock.release();
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the users file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkName(String name) {
        if (name == null || !UserRecord.NAME.matcher(name).matches())
            throw new IllegalArgumentException("invalid user name '" + name + "': 1 to 64 letters, digits and _.@- , starting with a "
                + "letter or digit");
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH)
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD_LENGTH + " characters");
    }
}
