package io.gridkeep.node.cli;

import io.gridkeep.node.GridKeepException;
import io.gridkeep.security.Role;
import io.gridkeep.security.User;
import io.gridkeep.security.UsersFile;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gridkeep user add|passwd|remove|list}: the users file a node with {@code --auth} logs
 * clients in against. Nodes re-read it within a second; no restart.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
    description = {"Manage the users file that nodes started with --auth log clients in against.",
        "Nodes re-read the file within a second of a change: no restart. Each node has its own file;",
        "in a fleet, write the same users on every host (the Ansible role does)."},
    footer = {"", "Passwords never go on the command line: --password-stdin, --password-file FILE, env GRIDKEEP_NEW_PASSWORD,",
        "or the terminal's prompt.", "", "Examples:", "  gridkeep user add alice --role admin",
        "  printf '%s\\n' \"$PW\" | gridkeep user add app --role readonly --password-stdin --users-file /etc/gridkeep/users",
        "  gridkeep user passwd alice", "  gridkeep user remove app", "  gridkeep user list"})
final class UserCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where a new password comes from. */
    static final class NewPassword {
        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean stdin;

        @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE.")
        Path file;

        char[] read(String what) {
            if (stdin)
                return PasswordSource.fromStdin(what);
            if (file != null)
                return PasswordSource.fromFile(what, file);
            String env = System.getenv("GRIDKEEP_NEW_PASSWORD");
            if (env != null && !env.isEmpty())
                return env.toCharArray();
            return PasswordSource.prompt(what, "Password: ", true, "use --password-stdin or --password-file");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user with a role and a password.")
    int add(@Mixin UsersFileOption users, @Mixin NewPassword pw,
            @Option(names = "--role", defaultValue = "admin", paramLabel = "ROLE",
                description = "admin (everything) or readonly (reads, SELECT, read-only tasks) (default: ${DEFAULT-VALUE}).") String role,
            @Parameters(index = "0", paramLabel = "NAME") String name) {
        Role r = parseRole("user add", role);
        char[] password = pw.read("user add");
        try {
            change("user add", users, f -> f.add(name, r, password));
        }
        finally {
            Arrays.fill(password, '\0');
        }
        out().println("added user " + name + " (" + r.id() + ") to " + users.resolve());
        return 0;
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a user's password.")
    int passwd(@Mixin UsersFileOption users, @Mixin NewPassword pw, @Parameters(index = "0", paramLabel = "NAME") String name) {
        char[] password = pw.read("user passwd");
        try {
            change("user passwd", users, f -> f.passwd(name, password));
        }
        finally {
            Arrays.fill(password, '\0');
        }
        out().println("changed the password of " + name + " in " + users.resolve());
        return 0;
    }

    @Command(name = "role", mixinStandardHelpOptions = true, description = "Set a user's role.")
    int role(@Mixin UsersFileOption users, @Parameters(index = "0", paramLabel = "NAME") String name,
             @Parameters(index = "1", paramLabel = "ROLE") String role) {
        Role r = parseRole("user role", role);
        change("user role", users, f -> f.role(name, r));
        out().println("user " + name + " is now " + r.id() + " in " + users.resolve());
        return 0;
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user. Open connections stay until they close.")
    int remove(@Mixin UsersFileOption users, @Parameters(index = "0", paramLabel = "NAME") String name) {
        change("user remove", users, f -> f.remove(name));
        out().println("removed user " + name + " from " + users.resolve());
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users and their roles.")
    int list(@Mixin UsersFileOption users) {
        UsersFile f = UsersFile.at(users.resolve());
        try {
            for (User u : f.users())
                out().println(u.name() + "\t" + u.role().id());
        }
        catch (UncheckedIOException e) {
            throw new GridKeepException("user list", e.getMessage(), null, e);
        }
        return 0;
    }

    private static Role parseRole(String what, String role) {
        try {
            return Role.parse(role);
        }
        catch (IllegalArgumentException e) {
            throw new UsageException(what, e.getMessage(), "--role");
        }
    }

    private interface Change {
        void apply(UsersFile f);
    }

    private static void change(String what, UsersFileOption users, Change c) {
        UsersFile f = UsersFile.at(users.resolve());
        try {
            c.apply(f);
        }
        catch (IllegalArgumentException e) {
            throw new GridKeepException(what, e.getMessage(), null, e);
        }
        catch (UncheckedIOException e) {
            throw new GridKeepException(what, e.getMessage(), null, e);
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
