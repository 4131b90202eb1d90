package city.gridcity.shared;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Keeps the packages by feature honest: each feature's model and services free of web and template
 * code (those live in its {@code web} package), no cycles between features, {@code shared} free of
 * every feature, and each feature's tables reached only through its own services.
 */
class ArchitectureTest {

    private static final String ROOT = "city.gridcity.";

    private static final DescribedPredicate<JavaClass> ENTITY_OR_REPOSITORY = DescribedPredicate.describe(
            "an entity or a Panache repository", c -> c.isAnnotatedWith("jakarta.persistence.Entity")
                    || c.isAssignableTo("io.quarkus.hibernate.orm.panache.PanacheRepositoryBase"));

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("city.gridcity");

    @Test
    void feature_models_and_services_do_not_depend_on_web_or_template_code() {
        // The outbound webhook client (io.vertx.ext.web.client) is integration, not serving the web.
        noClasses().that().resideInAPackage("city.gridcity..")
                .and().resideOutsideOfPackage("..web..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("jakarta.ws.rs..", "io.quarkus.qute..",
                                "org.jboss.resteasy.reactive..", "io.vertx.ext.web..", "io.vertx.core.http..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("io.vertx.ext.web.client.."))))
                .check(classes);
    }

    @Test
    void nothing_outside_web_depends_on_a_web_package() {
        noClasses().that().resideOutsideOfPackage("..web..")
                .should().dependOnClassesThat().resideInAPackage("city.gridcity..web..")
                .check(classes);
    }

    @Test
    void shared_depends_on_no_feature() {
        noClasses().that().resideInAPackage("city.gridcity.shared..")
                .should().dependOnClassesThat(resideInAPackage("city.gridcity..")
                        .and(DescribedPredicate.not(resideInAPackage("city.gridcity.shared.."))))
                .check(classes);
    }

    @Test
    void no_two_features_depend_on_each_other_even_through_others() {
        slices().matching("city.gridcity.(*)..").should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void no_feature_queries_creates_or_changes_the_entities_or_repositories_of_another() {
        touchNoEntityOfAnotherFeature("query, create or change",
                a -> !(a instanceof JavaFieldAccess f) || f.getAccessType() == JavaFieldAccess.AccessType.SET)
                .check(classes);
    }

    @Test
    void no_feature_reads_the_fields_of_another_features_entities() {
        touchNoEntityOfAnotherFeature("read the fields of",
                a -> a instanceof JavaFieldAccess f && f.getAccessType() == JavaFieldAccess.AccessType.GET)
                .check(classes);
    }

    /** Fails every access of the given kind from a feature to an entity or repository of another feature. */
    private static ArchRule touchNoEntityOfAnotherFeature(String verb, Predicate<JavaAccess<?>> kind) {
        ArchCondition<JavaClass> condition = new ArchCondition<>(verb
                + " no entity or repository of another feature (use that feature's service)") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<String> feature = feature(origin);
                for (JavaAccess<?> access : origin.getAccessesFromSelf()) {
                    JavaClass target = access.getTargetOwner();
                    Optional<String> owner = feature(target);
                    if (feature.isPresent() && owner.isPresent() && !owner.equals(feature)
                            && ENTITY_OR_REPOSITORY.test(target) && kind.test(access)) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                }
            }
        };
        return classes().that().resideInAPackage("city.gridcity..").should(condition);
    }

    /** The feature a class belongs to: the package below {@code city.gridcity}, web and other sub-packages included. */
    private static Optional<String> feature(JavaClass c) {
        String name = c.getPackageName();
        if (!name.startsWith(ROOT)) {
            return Optional.empty();
        }
        String rest = name.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }
}
