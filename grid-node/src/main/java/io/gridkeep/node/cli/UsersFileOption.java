package io.gridkeep.node.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --users-file}: the users file of {@code node start --auth} and {@code gridkeep user}, resolved the same way by both. */
final class UsersFileOption {
    @Option(names = "--users-file", paramLabel = "FILE", defaultValue = "${env:GRIDKEEP_USERS_FILE}",
        description = "The users file (default: env GRIDKEEP_USERS_FILE, else config/users in the distribution).")
    Path file;

    /** The file given, or the distribution's {@code config/users}, or {@code ~/.gridkeep/users} outside a distribution. */
    Path resolve() {
        if (file != null)
            return file.toAbsolutePath().normalize();
        String home = System.getProperty("gridkeep.home");
        if (home != null)
            return Path.of(home, "config", "users");
        return Path.of(System.getProperty("user.home"), ".gridkeep", "users");
    }
}
