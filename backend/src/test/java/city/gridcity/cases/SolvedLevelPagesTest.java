package city.gridcity.cases;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's page of where problems were solved: shares per district and street, the goal, bad periods, refusals. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class SolvedLevelPagesTest {

    private static RequestSpecification page(String token) {
        return RestAssured.given().redirects().follow(false).cookie("gc_access", token);
    }

    @Test
    void a_case_fixed_in_the_grid_and_one_worked_by_a_department_make_half_of_the_period_solved_in_the_grid() {
        Loop loop = Loop.aCity();
        String selfHandled = loop.report(loop.districtSupervisor, 0, Map.of("classCode", CasePhotosTest.LITTER_BIN,
                "selfHandling", true)).statusCode(201).extract().path("number");
        CasePhotosTest.upload(loop.districtSupervisor, selfHandled, "BEFORE", CasePhotosTest.jpeg()).statusCode(201);
        CasePhotosTest.upload(loop.districtSupervisor, selfHandled, "AFTER", CasePhotosTest.jpeg()).statusCode(201);
        loop.did(loop.districtSupervisor, selfHandled, "self-close");
        String worked = loop.caseInDisposal(1);
        loop.did(loop.handler, worked, "report-back");
        loop.did(loop.districtSupervisor, worked, "verify-pass");
        String district = loop.get(loop.admin(), worked).extract().path("grid.district");

        page(loop.assessor).get("/console/solved-levels").then().statusCode(200)
                .body(containsString("id=\"by-district\"")).body(containsString(district))
                .body(containsString("class=\"level-GRID\"><span><strong>50%</strong>"))
                .body(containsString("✗ 网格")).body(containsString("name=\"viewport\""));
        page(loop.assessor).get("/console/solved-levels?lang=en").then().statusCode(200)
                .body(containsString("Where problems were solved"));
        // a period before the cases closed has none
        page(loop.assessor).get("/console/solved-levels?from=2026-01-01&to=2026-01-31").then().statusCode(200)
                .body(containsString("所选期间内没有已结案件"));
    }

    @Test
    void a_bad_period_is_said_next_to_its_field_and_only_the_facts_readers_of_the_city_see_the_page() {
        Loop loop = Loop.aCity();
        page(loop.assessor).get("/console/solved-levels?from=2026-13-01").then().statusCode(400)
                .body(containsString("id=\"from-error\""));
        page(loop.assessor).get("/console/solved-levels?from=2026-12-10&to=2026-12-01").then().statusCode(400)
                .body(containsString("id=\"to-error\""));
        page(loop.resident).get("/console/solved-levels").then().statusCode(403);
        page(loop.handler).get("/console/solved-levels").then().statusCode(403);

        String worked = loop.caseInDisposal(2);
        loop.did(loop.handler, worked, "report-back");
        loop.did(loop.districtSupervisor, worked, "verify-pass");
        String district = loop.get(loop.admin(), worked).extract().path("grid.district");
        // another city with the same generated grid codes sees none of this city's closed cases
        Loop other = Loop.aCity();
        page(loop.assessor).get("/console/solved-levels").then().statusCode(200).body(containsString(district));
        page(other.assessor).get("/console/solved-levels").then().statusCode(200)
                .body(containsString("所选期间内没有已结案件")).body(not(containsString("id=\"by-district\"><h2>按区</h2>\n  <table")));
    }
}
