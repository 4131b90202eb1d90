package city.gridcity.cases;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's page of where problems were solved: shares per district and street, the goal, bad periods, refusals. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class SolvedLevelPagesTest {

    @jakarta.inject.Inject
    city.gridcity.support.TestClock clock;

    @org.junit.jupiter.api.AfterEach
    void realTime() {
        clock.reset();
    }

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

    @Test
    void local_loop_cases_are_counted_per_area_with_the_mean_and_median_hours_of_their_level() {
        // given three reports of exposed rubbish in a community whose committee closes them, 1, 2 and 6 hours later,
        // and one that its committee sent up to the centre
        StreetAndCommunityLoopTest.LocalCity city = new StreetAndCommunityLoopTest.LocalCity();
        Loop loop = city.loop;
        java.time.Instant t0 = java.time.Instant.now().plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        clock.set(t0);
        List<String> numbers = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String n = city.reported(StreetAndCommunityLoopTest.RUBBISH, 0);
            loop.did(city.committee, n, "file", Map.of("conditionCode", "A"));
            loop.did(city.committee, n, "dispatch");
            loop.did(city.committee, n, "accept");
            loop.did(city.committee, n, "report-back");
            numbers.add(n);
        }
        String sentUp = city.reported(StreetAndCommunityLoopTest.RUBBISH, 0);
        loop.did(city.committee, sentUp, "escalate", Map.of("reason", "需区环卫清运"));
        int[] hours = {1, 2, 6};
        for (int i = 0; i < 3; i++) {
            clock.set(t0.plusSeconds(3600L * hours[i]));
            loop.did(city.committee, numbers.get(i), "verify-pass");
        }
        // and the sent-up one solved by the centre's department, at district level at least
        loop.did(loop.acceptor, sentUp, "file", Map.of("conditionCode", "A"));
        loop.did(loop.dispatcher, sentUp, "dispatch", Map.of("departmentCode", "sanitation", "reason", "区环卫"));
        loop.did(loop.handler, sentUp, "accept");
        loop.did(loop.handler, sentUp, "report-back");
        loop.did(loop.districtSupervisor, sentUp, "verify-pass");

        // then the street's community level holds three local cases, mean (1 + 2 + 6) / 3 = 3 h, median 2 h; and the
        // street has four local cases, one escalated
        java.time.LocalDate day = java.time.LocalDate.ofInstant(t0, java.time.ZoneOffset.UTC);
        String page = page(loop.assessor).get("/console/solved-levels?from=" + day.minusDays(1) + "&to=" + day.plusDays(2))
                .then().statusCode(200).extract().asString();
        String street = page.substring(page.indexOf("id=\"by-street\""));
        assertTrue(street.contains("平均 3.0 小时 · 中位 2.0 小时 · 本地闭环案件 3"), street);
        assertTrue(street.contains("本地闭环案件 4 · 已升级 1"), street);
        assertTrue(page.contains("本地闭环"), "the local loops' explanation");
    }
}
