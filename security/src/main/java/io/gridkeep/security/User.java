package io.gridkeep.security;

/**
 * A user of the users file: a name and a role (the password hash stays in the file).
 *
 * <pre>{@code
 * for (User u : UsersFile.at(Path.of("config/users")).users())
 *     System.out.println(u.name() + " " + u.role().id());
 * }</pre>
 *
 * @param name the login
 * @param role what the user may do
 */
public record User(String name, Role role) {
}
