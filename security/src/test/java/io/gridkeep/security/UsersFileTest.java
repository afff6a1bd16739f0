package io.gridkeep.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {
    @TempDir
    Path dir;

    @Test
    void addedUsersAreListedWithTheirRolesAndTheFileIsOwnerOnly() throws Exception {
        UsersFile f = UsersFile.at(dir.resolve("users"));
        f.add("alice", Role.ADMIN, "password-1".toCharArray());
        f.add("bob", Role.READONLY, "password-2".toCharArray());
        assertThat(f.users()).containsExactly(new User("alice", Role.ADMIN), new User("bob", Role.READONLY));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path()))).isEqualTo("rw-------");
    }

    @Test
    void theFileHoldsHashesNeverPasswords() throws Exception {
        UsersFile f = UsersFile.at(dir.resolve("users"));
        f.add("alice", Role.ADMIN, "clear-text-secret".toCharArray());
        assertThat(Files.readString(f.path())).doesNotContain("clear-text-secret").contains("alice admin pbkdf2-sha256:");
    }

    @Test
    void aTakenNameIsRefused() {
        UsersFile f = UsersFile.at(dir.resolve("users"));
        f.add("alice", Role.ADMIN, "password-1".toCharArray());
        assertThatThrownBy(() -> f.add("alice", Role.READONLY, "password-2".toCharArray()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user 'alice' already exists");
    }

    @Test
    void aShortPasswordAndAnInvalidNameAreRefused() {
        UsersFile f = UsersFile.at(dir.resolve("users"));
        assertThatThrownBy(() -> f.add("alice", Role.ADMIN, "short".toCharArray())).hasMessageContaining("at least 8 characters");
        assertThatThrownBy(() -> f.add("al ice", Role.ADMIN, "password-1".toCharArray())).hasMessageContaining("invalid user name");
        assertThat(f.path()).doesNotExist();
    }

    @Test
    void passwdChangesTheHashAndKeepsTheRole() throws Exception {
        UsersFile f = UsersFile.at(dir.resolve("users"));
        f.add("bob", Role.READONLY, "password-1".toCharArray());
        String before = Files.readString(f.path());
        f.passwd("bob", "password-2".toCharArray());
        assertThat(Files.readString(f.path())).isNotEqualTo(before);
        assertThat(f.users()).containsExactly(new User("bob", Role.READONLY));
    }

    @Test
    void roleAndRemoveChangeOnlyTheirUser() {
        UsersFile f = UsersFile.at(dir.resolve("users"));
        f.add("alice", Role.ADMIN, "password-1".toCharArray());
        f.add("bob", Role.ADMIN, "password-2".toCharArray());
        f.role("bob", Role.READONLY);
        f.remove("alice");
        assertThat(f.users()).containsExactly(new User("bob", Role.READONLY));
        assertThatThrownBy(() -> f.remove("alice")).hasMessageContaining("no user 'alice'");
    }

    @Test
    void aMalformedLineIsReportedWithItsFileAndLine() throws Exception {
        Path p = dir.resolve("users");
        Files.writeString(p, "# comment\nalice admin\n");
        assertThatThrownBy(() -> UsersFile.at(p).users()).isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining(p + ":2: expected 'NAME ROLE PASSWORD-HASH'");
    }

    @Test
    void anUnknownRoleInTheFileIsReportedWithTheRolesThatExist() throws Exception {
        Path p = dir.resolve("users");
        UsersFile.at(p).add("alice", Role.ADMIN, "password-1".toCharArray());
        Files.writeString(p, Files.readString(p).replace(" admin ", " root "));
        assertThatThrownBy(() -> UsersFile.at(p).users()).hasMessageContaining("unknown role 'root' (roles: admin, readonly)");
    }
}
