package io.gridkeep.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of docs/architecture.md over every GridKeep module's main classes. A failure names the
 * class that breaks the rule, and the dependency, with its source line.
 */
class ArchitectureTest {
    private static JavaClasses gridkeep;

    @BeforeAll
    static void importGridKeep() {
        gridkeep = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(GridKeepModules.BASE);
        // Guards against a class path that lost a module: every rule below would pass on nothing.
        for (String root : GridKeepModules.LIBRARIES.values())
            assertThat(gridkeep.containPackage(root)).as("classes of " + root + " on the class path").isTrue();
        assertThat(gridkeep.containPackage(GridKeepModules.ASSEMBLER)).isTrue();
    }

    @Test
    void librariesDependOnNoOtherLibraryNorOnTheAssembler() {
        List<ArchRule> rules = GridKeepRules.librariesAreIndependent(GridKeepModules.LIBRARIES, GridKeepModules.ASSEMBLER,
            GridKeepModules.TOOLING);
        for (ArchRule rule : rules)
            rule.check(gridkeep);
    }

    @Test
    void theAssemblerDependsOnNoTestOrBenchmarkCode() {
        GridKeepRules.assemblerDependsOnNoTooling(GridKeepModules.ASSEMBLER, GridKeepModules.TOOLING).check(gridkeep);
    }

    @Test
    void nothingOutsideAPackageTreeUsesItsInternalPackages() {
        GridKeepRules.internalPackagesStayInTheirTree(GridKeepModules.BASE).check(gridkeep);
    }

    @Test
    void noPublicMethodOfAPublicTypeExposesAnInternalType() {
        GridKeepRules.publicApiExposesNoInternalType(GridKeepModules.BASE).check(gridkeep);
    }

    @Test
    void igniteInternalsAreUsedOnlyByTheClassesOfTheAllowList() {
        GridKeepRules.igniteInternalsOnlyFrom(GridKeepModules.BASE, IgniteInternalsAllowList.CLASSES).check(gridkeep);
    }

    @Test
    void everyClassOfTheAllowListExistsAndStillUsesIgniteInternals() {
        for (String name : IgniteInternalsAllowList.CLASSES.keySet())
            assertThat(gridkeep.contain(name)).as(name + " (in IgniteInternalsAllowList) exists").isTrue();
        GridKeepRules.allowListedClassesStillNeedIgniteInternals(IgniteInternalsAllowList.CLASSES).check(gridkeep);
    }

    @Test
    void areasAreFreeOfCycles() {
        GridKeepRules.areasAreFreeOfCycles(GridKeepModules.BASE).check(gridkeep);
    }
}
