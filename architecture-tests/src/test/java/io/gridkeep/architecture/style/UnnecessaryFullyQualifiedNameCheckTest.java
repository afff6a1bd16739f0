package io.gridkeep.architecture.style;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class UnnecessaryFullyQualifiedNameCheckTest {
    @TempDir
    Path dir;

    private List<String> violations(String source) throws Exception {
        Path file = dir.resolve("Sample.java");
        Files.writeString(file, source);
        return SourceCheck.violations(UnnecessaryFullyQualifiedNameCheck.class, dir, List.of(file)).stream()
            .map(v -> v.substring("Sample.java:".length())).toList();
    }

    @Test
    void aTypeWrittenInFullAlthoughImportedIsReported() throws Exception {
        assertThat(violations("""
            package a;
            import java.util.List;
            class Sample {
                java.util.List<String> names = List.of();
            }
            """)).containsExactly("4: 'java.util.List' is imported: write 'List'.");
    }

    @Test
    void aTypeThatCouldBeImportedIsReportedWhereverItIsUsed() throws Exception {
        assertThat(violations("""
            package a;
            class Sample {
                private final java.util.concurrent.atomic.LongAdder n = new java.util.concurrent.atomic.LongAdder();
                long now() {
                    return java.time.Instant.now().toEpochMilli() + java.util.Map.Entry.class.hashCode();
                }
            }
            """)).containsExactly(
                "3: Fully qualified 'java.util.concurrent.atomic.LongAdder': import it and write 'LongAdder'.",
                "3: Fully qualified 'java.util.concurrent.atomic.LongAdder': import it and write 'LongAdder'.",
                "5: Fully qualified 'java.time.Instant': import it and write 'Instant'.",
                "5: Fully qualified 'java.util.Map': import it and write 'Map'.");
    }

    @Test
    void twoTypesOfTheSameSimpleNameMayBeQualified() throws Exception {
        assertThat(violations("""
            package a;
            import java.nio.file.Path;
            class Sample {
                Path local;
                org.apache.hadoop.fs.Path remote;
                java.util.List<String> a;
                java.awt.List b;
            }
            """)).isEmpty();
    }

    @Test
    void aTypeNamedLikeAnEnumConstantOfTheFileMayBeQualified() throws Exception {
        assertThat(violations("""
            package a;
            enum Sample {
                UUID(java.util.UUID::fromString);
                Sample(java.util.function.Function<String, Object> parse) {
                }
            }
            """)).containsExactly("4: Fully qualified 'java.util.function.Function': import it and write 'Function'.");
    }

    @Test
    void aQualifiedAnnotationIsReported() throws Exception {
        assertThat(violations("""
            package a;
            class Sample {
                void run(@picocli.CommandLine.Option(names = "--x") boolean x) {
                }
            }
            """)).containsExactly("3: Fully qualified 'picocli.CommandLine': import it and write 'CommandLine'.");
    }

    @Test
    void importsCommentsStringsAndFieldAccessAreNotReported() throws Exception {
        assertThat(violations("""
            package a.b;
            import java.util.Map;
            /** See {@link java.util.List}. */
            class Sample {
                String s = "java.util.List";
                Map<String, String> m;
                int v = m.size() + this.m.size() + config.limits.MAX;
            }
            """)).isEmpty();
    }
}
