package io.gridkeep.store.hdfs.internal;

import java.util.UUID;
import java.util.function.Predicate;

/**
 * Which {@code .open} segments compaction may take as abandoned: those whose writer is gone. A
 * segment's name carries its writer, the id of the node that writes it; that node is alive while it
 * is in the cluster's topology, whatever the clocks say. Comparing the creation time in the name (the
 * writer's clock) with the compacting node's clock would delete a live segment when the two disagree.
 *
 * <p>Segments named by earlier versions carry a random writer id, not a node id: for them the old
 * rule stays, older than any live writer keeps a segment open.
 *
 * <pre>{@code
 * Predicate<String> abandoned = AbandonedSegments.whoseWriterLeft(id -> ignite.cluster().node(id) != null, legacyBefore);
 * Compactor.compact(fs, dir, minSegments, abandoned, dropTombstonesBelow);
 * }</pre>
 */
final class AbandonedSegments {
    private AbandonedSegments() {
    }

    /**
     * @param alive whether the node with that id is in the cluster now
     * @param legacyCreatedBeforeMillis segments of earlier versions created before this are abandoned
     */
    static Predicate<String> whoseWriterLeft(Predicate<UUID> alive, long legacyCreatedBeforeMillis) {
        return name -> {
            if (!name.endsWith(LogFiles.OPEN))
                return false;
            UUID writer = nodeId(LogFiles.writer(name));
            if (writer != null)
                return !alive.test(writer);
            long created = LogFiles.createdMillis(name);
            return created >= 0 && created < legacyCreatedBeforeMillis;
        };
    }

    /** None: every {@code .open} segment is live. */
    static Predicate<String> none() {
        return name -> false;
    }

    private static UUID nodeId(String writer) {
        if (writer == null || writer.length() != 36)
            return null;
        try {
            return UUID.fromString(writer);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }
}
