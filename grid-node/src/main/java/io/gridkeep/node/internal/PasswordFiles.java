package io.gridkeep.node.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one reading of a password file, for every place that takes one (the CLI's {@code --password-file},
 * {@code gridkeep certs}, a node's TLS stores): the first line, without its line end. Editors and
 * {@code echo} add a newline; a password never ends in one. Spaces are kept: they may be part of it.
 */
public final class PasswordFiles {
    private PasswordFiles() {
    }

    /** Where {@code gridkeep certs} keeps the password of {@code store}: {@code node1.p12.password} beside {@code node1.p12}. */
    public static Path besideStore(Path store) {
        return store.resolveSibling(store.getFileName() + ".password");
    }

    /**
     * The first line of {@code file}, without {@code \n} or {@code \r\n}.
     *
     * @throws IOException when the file cannot be read, or its first line is empty
     */
    public static char[] firstLine(Path file) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        if (line.endsWith("\r"))
            line = line.substring(0, line.length() - 1);
        if (line.isEmpty())
            throw new IOException("its first line is empty");
        return line.toCharArray();
    }
}
