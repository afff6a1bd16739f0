package io.gridkeep.node.internal;

import io.gridkeep.node.GridKeepException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Keeps a node's consistent id in its persistence directory, so that a restart finds its data
 * without the operator having to choose and remember an id.
 */
public final class ConsistentIds {
    static final String FILE = "consistent-id";

    private ConsistentIds() {
    }

    /** Returns the id stored in {@code dir}, creating and storing a new one on first use. */
    public static String stableIn(Path dir) {
        Path f = dir.resolve(FILE);
        try {
            if (Files.exists(f)) {
                String id = Files.readString(f, StandardCharsets.UTF_8).trim();
                if (!id.isEmpty())
                    return id;
            }
            Files.createDirectories(dir);
            String id = "gridkeep-" + UUID.randomUUID().toString().substring(0, 8);
            Files.writeString(f, id + "\n", StandardCharsets.UTF_8);
            return id;
        }
        catch (IOException e) {
            throw new GridKeepException("cannot start node", "cannot use persistence directory: " + e.getMessage(), dir.toString(), e);
        }
    }
}
