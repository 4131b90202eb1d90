package city.gridcity.shared;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps each feature's model and services free of web and template code: those live in its {@code web} package. */
class ArchitectureTest {

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
                .should().dependOnClassesThat().resideInAnyPackage("city.gridcity.tenancy..", "city.gridcity.identity..",
                        "city.gridcity.platform..", "city.gridcity.citizen..")
                .check(classes);
    }
}
