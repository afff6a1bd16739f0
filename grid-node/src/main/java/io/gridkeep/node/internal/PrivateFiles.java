package io.gridkeep.node.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

/**
 * Writes files whole or not at all, with their mode set before the first byte lands: a private key is never
 * readable by others, not even for a moment, and a crash leaves the old file or the new one, never half of one.
 */
public final class PrivateFiles {
    /** Owner read and write only: keys, keystores, passwords. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Readable by everyone: certificates and trust stores. */
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private PrivateFiles() {
    }

    /**
     * Replaces {@code file} with {@code bytes}: written to a temporary file of mode {@code mode} in the same
     * directory, forced to disk, then moved over {@code file}. On a file system without POSIX modes, the mode is
     * left to it.
     */
    public static void write(Path file, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
        Path tmp = posix
            ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining())
                    ch.write(buf);
                ch.force(true);
            }
            // The umask applies at creation; set the mode exactly (0644 for a certificate even under umask 077).
            if (posix)
                Files.setPosixFilePermissions(tmp, mode);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Why an I/O operation failed, in a user's words ({@code permission denied}, not the exception's class). */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException)
            return "permission denied";
        if (e instanceof NoSuchFileException)
            return "no such file or directory";
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException)
            return "a file is in the way of a directory";
        if (e instanceof FileSystemException fse && fse.getReason() != null)
            return fse.getReason().toLowerCase(Locale.ROOT);
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
