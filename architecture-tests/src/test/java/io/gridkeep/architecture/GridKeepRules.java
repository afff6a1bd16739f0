package io.gridkeep.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of docs/architecture.md as ArchUnit rules, over any set of root packages, so that
 * {@code ArchitectureRulesTest} can show each one failing on classes that break it on purpose.
 * Every violation message starts with the name of the class that breaks the rule.
 */
final class GridKeepRules {
    /** Ignite's own internals: not API, they change between releases. */
    static final String IGNITE_INTERNAL = "org.apache.ignite.internal..";

    private GridKeepRules() {
    }

    /** A library's classes depend on no other library and not on the assembler nor the tooling. */
    static ArchRule libraryIsIndependent(String library, Collection<String> others) {
        return noClasses().that().resideInAPackage(library + "..")
            .should().dependOnClassesThat().resideInAnyPackage(others.stream().map(p -> p + "..").toArray(String[]::new))
            .as("classes of " + library + " depend on none of " + others)
            .because("each library drops into an existing Ignite cluster as a jar of its own");
    }

    /** Every library root with every other root it must not know (other libraries, the assembler, the tooling). */
    static List<ArchRule> librariesAreIndependent(Map<String, String> libraries, String assembler, Collection<String> tooling) {
        List<ArchRule> rules = new ArrayList<>();
        for (String lib : libraries.values()) {
            Set<String> others = new LinkedHashSet<>(libraries.values());
            others.remove(lib);
            others.add(assembler);
            others.addAll(tooling);
            rules.add(libraryIsIndependent(lib, others));
        }
        return rules;
    }

    /** The assembler never depends on the tooling (testkit, benchmarks): users run it. */
    static ArchRule assemblerDependsOnNoTooling(String assembler, Collection<String> tooling) {
        return noClasses().that().resideInAPackage(assembler + "..")
            .should().dependOnClassesThat().resideInAnyPackage(tooling.stream().map(p -> p + "..").toArray(String[]::new))
            .as("classes of " + assembler + " depend on none of " + tooling);
    }

    /** The package tree an internal package belongs to ({@code a.b} for {@code a.b.internal.c}), or empty. */
    static Optional<String> internalTree(String pkg) {
        int at = (pkg + ".").indexOf(".internal.");
        return at < 0 ? Optional.empty() : Optional.of(pkg.substring(0, at));
    }

    private static boolean inTree(String pkg, String tree) {
        return pkg.equals(tree) || pkg.startsWith(tree + ".");
    }

    /** Nothing outside a package tree uses that tree's {@code internal} packages. */
    static ArchRule internalPackagesStayInTheirTree(String base) {
        return classes().that().resideInAPackage(base + "..")
            .should(new ArchCondition<JavaClass>("use internal packages of their own tree only") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                        JavaClass target = d.getTargetClass().getBaseComponentType();
                        if (!inTree(target.getPackageName(), base))
                            continue;
                        internalTree(target.getPackageName()).filter(tree -> !inTree(origin.getPackageName(), tree)).ifPresent(tree ->
                            events.add(SimpleConditionEvent.violated(d, origin.getName() + " uses " + target.getName()
                                + ", which is internal to " + tree + ": " + d.getDescription())));
                    }
                }
            }).because("an internal package is free to change; only its own tree may rely on it");
    }

    /** No public or protected member, superclass or interface of a public API type names a GridKeep internal type. */
    static ArchRule publicApiExposesNoInternalType(String base) {
        DescribedPredicate<JavaClass> publicApi = DescribedPredicate.describe("are public API (public, outside internal packages)",
            c -> inTree(c.getPackageName(), base) && internalTree(c.getPackageName()).isEmpty() && effectivelyPublic(c));
        return classes().that(publicApi).should(new ArchCondition<JavaClass>("expose no internal type") {
            @Override
            public void check(JavaClass api, ConditionEvents events) {
                List<String> exposed = new ArrayList<>();
                api.getRawSuperclass().ifPresent(s -> exposed.addAll(internalTypes(List.of(s), base, "extends")));
                exposed.addAll(internalTypes(new ArrayList<>(api.getRawInterfaces()), base, "implements"));
                for (JavaMember m : api.getMembers()) {
                    if (!visibleOutside(m))
                        continue;
                    List<JavaType> types = new ArrayList<>();
                    if (m instanceof JavaField f)
                        types.add(f.getType());
                    if (m instanceof JavaCodeUnit cu) {
                        types.add(cu.getReturnType());
                        types.addAll(cu.getParameterTypes());
                        types.addAll(cu.getThrowsClause().getTypes());
                    }
                    for (JavaType t : types)
                        exposed.addAll(internalTypes(new ArrayList<>(t.getAllInvolvedRawTypes()), base, m.getFullName() + " names"));
                }
                for (String e : exposed)
                    events.add(SimpleConditionEvent.violated(api, api.getName() + ": " + e));
            }
        }).because("users can only reach public API, and an internal type in it makes the internal package API");
    }

    private static List<String> internalTypes(List<JavaClass> types, String base, String how) {
        List<String> out = new ArrayList<>();
        for (JavaClass t : types) {
            JavaClass c = t.getBaseComponentType();
            if (inTree(c.getPackageName(), base) && internalTree(c.getPackageName()).isPresent())
                out.add(how + " internal type " + c.getName());
        }
        return out;
    }

    private static boolean effectivelyPublic(JavaClass c) {
        for (Optional<JavaClass> k = Optional.of(c); k.isPresent(); k = k.get().getEnclosingClass()) {
            if (!k.get().getModifiers().contains(JavaModifier.PUBLIC) || k.get().isAnonymousClass())
                return false;
        }
        return true;
    }

    private static boolean visibleOutside(JavaMember m) {
        Set<JavaModifier> mods = m.getModifiers();
        if (mods.contains(JavaModifier.SYNTHETIC) || mods.contains(JavaModifier.BRIDGE))
            return false;
        boolean inheritable = !m.getOwner().getModifiers().contains(JavaModifier.FINAL);
        return mods.contains(JavaModifier.PUBLIC) || (inheritable && mods.contains(JavaModifier.PROTECTED));
    }

    /** The class a nested class or lambda is part of, by name. */
    static String topLevelName(JavaClass c) {
        String n = c.getName();
        int dollar = n.indexOf('$');
        return dollar < 0 ? n : n.substring(0, dollar);
    }

    /** Only the classes of {@code allowed} (and their nested classes) use Ignite's internal packages. */
    static ArchRule igniteInternalsOnlyFrom(String base, Map<String, String> allowed) {
        return noClasses().that().resideInAPackage(base + "..")
            .and(DescribedPredicate.describe("are not in " + IgniteInternalsAllowList.class.getSimpleName(),
                c -> !allowed.containsKey(topLevelName(c))))
            .should().dependOnClassesThat().resideInAPackage(IGNITE_INTERNAL)
            .because("Ignite's internals change without notice; a class that needs them is named, with its reason, in "
                + IgniteInternalsAllowList.class.getSimpleName());
    }

    /** Every allow-listed class exists and still uses Ignite's internals, so that the list stays exact. */
    static ArchRule allowListedClassesStillNeedIgniteInternals(Map<String, String> allowed) {
        return classes().that(DescribedPredicate.describe("are in " + IgniteInternalsAllowList.class.getSimpleName(),
                (JavaClass c) -> allowed.containsKey(c.getName())))
            .should(new ArchCondition<JavaClass>("use Ignite's internals (else remove them from the list)") {
                @Override
                public void check(JavaClass c, ConditionEvents events) {
                    boolean uses = false;
                    for (JavaClass k : withNested(c)) {
                        for (Dependency d : k.getDirectDependenciesFromSelf())
                            uses |= d.getTargetClass().getPackageName().startsWith("org.apache.ignite.internal");
                    }
                    if (!uses)
                        events.add(SimpleConditionEvent.violated(c, c.getName() + " no longer uses org.apache.ignite.internal: "
                            + "remove it from " + IgniteInternalsAllowList.class.getSimpleName()));
                }
            });
    }

    private static List<JavaClass> withNested(JavaClass c) {
        List<JavaClass> all = new ArrayList<>(List.of(c));
        for (JavaClass k : c.getPackage().getClasses()) {
            if (k.getName().startsWith(c.getName() + "$"))
                all.add(k);
        }
        return all;
    }

    /**
     * No cycles between GridKeep's areas: a package together with its {@code internal} packages is one
     * area ({@code io.gridkeep.store.hdfs} and {@code io.gridkeep.store.hdfs.internal}), since public API
     * delegating to its own internals and internals using their API's types is the point of the split.
     */
    static ArchRule areasAreFreeOfCycles(String base) {
        SliceAssignment areas = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String pkg = c.getPackageName();
                if (!inTree(pkg, base))
                    return SliceIdentifier.ignore();
                return SliceIdentifier.of(internalTree(pkg).orElse(pkg));
            }

            @Override
            public String getDescription() {
                return "areas of " + base + " (a package with its internal packages)";
            }
        };
        return slices().assignedFrom(areas).should().beFreeOfCycles();
    }
}
