package io.gridkeep.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule of {@link ArchitectureTest}, run over classes that break it on purpose
 * ({@code io.gridkeep.architecture.fixture}): it must fail, and its message must name the class.
 * Without this, a rule that matches nothing would pass forever.
 */
class ArchitectureRulesTest {
    private static final String FIXTURE = "io.gridkeep.architecture.fixture";
    private static final String LIB = FIXTURE + ".lib";
    private static final String OTHER = FIXTURE + ".other";

    private static JavaClasses broken;

    @BeforeAll
    static void importTheBrokenClasses() {
        broken = new ClassFileImporter().importPackages(FIXTURE);
    }

    private static String violations(ArchRule rule) {
        EvaluationResult r = rule.evaluate(broken);
        assertThat(r.hasViolation()).as("rule '" + rule.getDescription() + "' fails on the fixture").isTrue();
        return String.join("\n", r.getFailureReport().getDetails());
    }

    @Test
    void aLibraryUsingAnotherLibraryFailsNamingTheClass() {
        List<ArchRule> rules = GridKeepRules.librariesAreIndependent(Map.of("lib", LIB, "other", OTHER), "io.gridkeep.none", List.of());
        String all = violations(rules.get(0)) + "\n" + violations(rules.get(1));
        assertThat(all).contains("Method <" + OTHER + ".Intruder.reachIn").contains(LIB + ".LeakyApi");
    }

    @Test
    void usingAnotherTreesInternalPackageFailsNamingTheClass() {
        assertThat(violations(GridKeepRules.internalPackagesStayInTheirTree(FIXTURE)))
            .contains(OTHER + ".Intruder uses " + LIB + ".internal.Hidden, which is internal to " + LIB)
            .doesNotContain(LIB + ".LeakyApi uses");
    }

    @Test
    void aPublicMethodReturningAnInternalTypeFailsNamingTheClassAndMethod() {
        assertThat(violations(GridKeepRules.publicApiExposesNoInternalType(FIXTURE)))
            .contains(LIB + ".LeakyApi: " + LIB + ".LeakyApi.hidden() names internal type " + LIB + ".internal.Hidden")
            .doesNotContain("notApi");
    }

    @Test
    void igniteInternalsOutsideTheAllowListFailNamingTheClass() {
        assertThat(violations(GridKeepRules.igniteInternalsOnlyFrom(FIXTURE, Map.of())))
            .contains("Method <" + OTHER + ".Intruder.reachIn").contains("org.apache.ignite.internal.IgniteEx");
        assertThat(GridKeepRules.igniteInternalsOnlyFrom(FIXTURE, Map.of(OTHER + ".Intruder", "a reason")).evaluate(broken).hasViolation())
            .as("the allow-list lets a named class through").isFalse();
    }

    @Test
    void anAllowListEntryThatNoLongerNeedsIgniteInternalsFails() {
        assertThat(violations(GridKeepRules.allowListedClassesStillNeedIgniteInternals(Map.of(LIB + ".LeakyApi", "a stale reason"))))
            .contains(LIB + ".LeakyApi no longer uses org.apache.ignite.internal");
    }

    @Test
    void aCycleBetweenAreasFailsNamingBothEnds() {
        assertThat(violations(GridKeepRules.areasAreFreeOfCycles(FIXTURE))).contains(LIB + ".UsesOther").contains(OTHER + ".Cycle");
    }
}
