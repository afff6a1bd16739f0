package io.gridkeep.architecture.style;

import io.gridkeep.architecture.Sources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Style rules Checkstyle 12 has no check for, over the main and test sources of every module. */
class SourceStyleTest {
    @Test
    void noFullyQualifiedNameWhereAnImportWouldDo() throws Exception {
        List<Path> files = Sources.javaFiles("src/main/java", "src/test/java");
        assertThat(files).as("Java sources under " + Sources.root()).hasSizeGreaterThan(100);
        assertThat(SourceCheck.violations(UnnecessaryFullyQualifiedNameCheck.class, Sources.root(), files)).isEmpty();
    }
}
