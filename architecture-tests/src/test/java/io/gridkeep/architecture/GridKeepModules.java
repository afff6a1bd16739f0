package io.gridkeep.architecture;

import java.util.List;
import java.util.Map;

/**
 * GridKeep's modules by their root packages: the one list the rules read. A new library module
 * (messaging, say) is added here and to docs/architecture.md, in the same change.
 */
final class GridKeepModules {
    /** Where every GridKeep class lives. */
    static final String BASE = "io.gridkeep";

    /**
     * The libraries, by Maven module: plain Ignite extension points that each drop into an existing
     * cluster as a jar, so none depends on another, nor on the assembler.
     */
    static final Map<String, String> LIBRARIES = Map.of(
        "compute-jobs", "io.gridkeep.compute",
        "storage-adapters", "io.gridkeep.store",
        "observability", "io.gridkeep.observability",
        "security", "io.gridkeep.security");

    /** grid-node: the only module that knows the libraries and assembles them. */
    static final String ASSEMBLER = "io.gridkeep.node";

    /** Test support and load harnesses: used by tests and benchmarks, never by what users run. */
    static final List<String> TOOLING = List.of("io.gridkeep.testkit", "io.gridkeep.benchmarks");

    private GridKeepModules() {
    }
}
