package city.gridcity.cases;

import static city.gridcity.cases.RatingTest.closedResidentCase;
import static city.gridcity.cases.RatingTest.rate;
import static city.gridcity.cases.RatingTest.url;
import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.cases.CasePagesTest.Browser;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console's satisfaction page (names, not codes; a period; the roles that read case facts) and the acceptor's
 * queue of residents' reopen requests, with accept and decline from the case page.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class SatisfactionAndReopenPagesTest {

    @Test
    void the_satisfaction_page_names_each_department_district_and_street_with_its_rate_and_the_api_rows_carry_the_names() {
        // given two closed cases of one department, rated satisfied and dissatisfied: 1 of 2 ratings, 50 %
        Loop loop = Loop.aCity();
        String a = closedResidentCase(loop, 0);
        String b = closedResidentCase(loop, 1);
        rate(loop.resident, a).multiPart("solved", "true").multiPart("rating", "satisfied").post(url(a)).then().statusCode(201);
        rate(loop.resident, b).multiPart("solved", "true").multiPart("rating", "dissatisfied").post(url(b)).then()
                .statusCode(201);
        String department = as(loop.admin()).get("/api/v1/departments/sanitation").then().statusCode(200).extract()
                .path("name");
        String district = loop.get(loop.admin(), a).extract().path("grid.district");
        String districtName = as(loop.admin()).get("/api/v1/grid/units/" + district).then().statusCode(200).extract()
                .path("name");
        LocalDate today = CaseWorkflowTest.today();
        String period = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);

        // then the API's rows name the department and the district beside their codes
        as(loop.assessor).get("/api/v1/case-facts/satisfaction?by=department&" + period).then().statusCode(200)
                .body("code", equalTo(List.of("sanitation"))).body("name", equalTo(List.of(department)))
                .body("satisfiedPercent", equalTo(List.of(50.0f)));
        as(loop.assessor).get("/api/v1/case-facts/satisfaction?by=district&" + period).then().statusCode(200)
                .body("name", equalTo(List.of(districtName)));
        as(loop.assessor).get("/api/v1/case-facts/satisfaction?by=street&" + period).then().statusCode(200)
                .body("name[0]", org.hamcrest.Matchers.notNullValue());

        // and the page shows them, Chinese first, for the period asked (the last day inclusive)
        Browser assessor = Browser.signIn(loop.city.code(), "assessor");
        String page = "/console/satisfaction?from=" + today.minusDays(1) + "&to=" + today;
        assessor.get(page).then().statusCode(200).body(containsString("市民满意度")).body(containsString("按责任部门"))
                .body(containsString("<strong>" + department + "</strong> <code class=\"secondary\">sanitation</code>"))
                .body(containsString("<strong>" + districtName + "</strong>")).body(containsString("50%"))
                .body(containsString("2 条（2 件案件）"));
        assessor.get(page + "&lang=en").then().statusCode(200).body(containsString("Residents&#39; satisfaction"))
                .body(containsString("By district")).body(containsString("2 (2 cases)"));
        // the default period is this month so far; a period with no rated case says so
        assessor.get("/console/satisfaction").then().statusCode(200).body(containsString("value=\"" + today + "\""));
        assessor.get("/console/satisfaction?from=2020-01-01&to=2020-01-31").then().statusCode(200)
                .body(containsString("所选期间内没有被评价的案件")).body(not(containsString(department)));
        // a bad period is named next to its field, and nothing is shown
        assessor.get("/console/satisfaction?from=2026-13-01").then().statusCode(400)
                .body(containsString("id=\"from-error\"")).body(containsString("请填写日期"));
        assessor.get("/console/satisfaction?from=" + today + "&to=" + today.minusDays(3)).then().statusCode(400)
                .body(containsString("id=\"to-error\"")).body(containsString("结束日期不能早于开始日期"));
        // the work page links it for those who may read it
        assessor.get("/console/work").then().statusCode(200).body(containsString("href=\"/console/satisfaction\""));
    }

    @Test
    void residents_staff_outside_the_readers_and_another_citys_readers_do_not_see_the_satisfaction_of_a_city() {
        Loop loop = Loop.aCity();
        String a = closedResidentCase(loop, 0);
        rate(loop.resident, a).multiPart("solved", "true").multiPart("rating", "satisfied").post(url(a)).then().statusCode(201);
        String department = as(loop.admin()).get("/api/v1/departments/sanitation").then().extract().path("name");

        Browser.signIn(loop.city.code(), "acceptor").get("/console/satisfaction").then().statusCode(403);
        Browser.signIn(loop.city.code(), "handler").get("/console/satisfaction").then().statusCode(403);
        Browser.signIn(loop.city.code(), "acceptor").get("/console/work").then()
                .body(not(containsString("href=\"/console/satisfaction\"")));
        as(loop.resident).get("/api/v1/case-facts/satisfaction?by=department&from=2026-01-01&to=2030-01-01").then()
                .statusCode(403);
        io.restassured.RestAssured.given().redirects().follow(false).get("/console/satisfaction").then().statusCode(303);
        for (String role : List.of("city-admin", "dispatcher", "district-supervisor", "city-supervisor")) {
            loop.city.createUser("reader-" + role, role);
            Browser.signIn(loop.city.code(), "reader-" + role).get("/console/satisfaction?from=2026-01-01&to=2030-01-01")
                    .then().statusCode(200).body(containsString(department));
        }

        // another city's assessor sees its own city's rates only: none
        Loop other = Loop.aCity();
        Browser.signIn(other.city.code(), "assessor").get("/console/satisfaction?from=2026-01-01&to=2030-01-01").then()
                .statusCode(200).body(not(containsString("sanitation</code>")));
        as(other.assessor).get("/api/v1/case-facts/satisfaction?by=department&from=2026-01-01&to=2030-01-01").then()
                .statusCode(200).body("size()", equalTo(0));
        as(other.assessor).get("/api/v1/case-facts/" + a).then().statusCode(404);
    }

    @Test
    void an_acceptor_finds_reopen_requests_in_their_own_queue_and_accepts_or_declines_them_on_the_case_page() {
        // given two closed cases the resident says are not solved
        Loop loop = Loop.aCity();
        String first = closedResidentCase(loop, 0);
        String second = closedResidentCase(loop, 1);
        String fresh = loop.reported(loop.districtSupervisor, 2);
        for (String n : List.of(first, second)) {
            rate(loop.resident, n).multiPart("solved", "false").multiPart("rating", "dissatisfied")
                    .multiPart("comment", "still broken").post(url(n)).then().statusCode(201);
        }
        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");

        // then "my work" shows the reopen queue apart from new reports, and the queue holds exactly the two
        String work = acceptor.get("/console/work").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(work.contains("id=\"queue-reopen\""), "a reopen queue card");
        acceptor.get("/console/queues/reopen").then().statusCode(200).body(containsString("重办审核"))
                .body(containsString(first)).body(containsString(second)).body(not(containsString(fresh)));
        acceptor.get("/console/queues/acceptance").then().statusCode(200).body(containsString(fresh))
                .body(not(containsString(first)));
        Browser.signIn(loop.city.code(), "dispatcher").get("/console/queues/reopen").then().statusCode(403);

        // when the acceptor declines without the reason the resident will read: refused on the page, nothing changed
        String page = acceptor.get("/console/cases/" + first).then().statusCode(200)
                .body(containsString("id=\"form-accept-reopen\"")).body(containsString("id=\"form-decline-reopen\""))
                .extract().asString();
        long version = CasePagesTest.version(page);
        acceptor.act(first, version, Map.of("action", "decline-reopen", "reason", " ")).then().statusCode(400);
        loop.get(loop.admin(), first).body("state", equalTo("REOPEN_PENDING"));

        // with a reason: closed again, and the resident reads why
        acceptor.act(first, version, Map.of("action", "decline-reopen", "reason", "门已按标准修好，另行上报新问题"))
                .then().statusCode(303);
        loop.get(loop.admin(), first).body("state", equalTo("CLOSED"));
        as(loop.resident).get(url(first)).then().body("reopen.status", equalTo("DECLINED"))
                .body("reopen.reason", equalTo("门已按标准修好，另行上报新问题"));

        // and accepting the other sends it back to its department as rework
        long v2 = CasePagesTest.version(acceptor.get("/console/cases/" + second).then().statusCode(200).extract().asString());
        acceptor.act(second, v2, Map.of("action", "accept-reopen", "reason", "请重新维修")).then().statusCode(303);
        loop.get(loop.admin(), second).body("state", equalTo("IN_DISPOSAL")).body("reworkCount", equalTo(1));
        acceptor.get("/console/queues/reopen").then().statusCode(200).body(not(containsString(first)))
                .body(not(containsString(second)));
        assertEquals("accept-reopen", loop.actions(second).get(loop.actions(second).size() - 1));
    }
}
