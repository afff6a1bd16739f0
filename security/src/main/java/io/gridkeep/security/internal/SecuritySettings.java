package io.gridkeep.security.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * The plugin's settings, checked.
 *
 * @param authentication whether thin clients and JDBC must log in
 * @param usersFile the users file
 * @param tasks the tasks thin clients may run
 */
public record SecuritySettings(boolean authentication, Path usersFile, TaskAllowList tasks) {
    /** Settings from the plugin's properties; {@code usersFile} may be null when authentication is off. */
    public static SecuritySettings of(boolean authentication, String usersFile, List<String> extraTasks, List<String> extraReadOnlyTasks) {
        if (authentication && (usersFile == null || usersFile.isBlank()))
            throw new IllegalArgumentException("gridkeep: security: authentication is on but usersFile is not set");
        Path file = usersFile == null || usersFile.isBlank() ? null : Path.of(usersFile).toAbsolutePath().normalize();
        return new SecuritySettings(authentication, file, TaskAllowList.withBuiltIns(extraTasks, extraReadOnlyTasks));
    }
}
