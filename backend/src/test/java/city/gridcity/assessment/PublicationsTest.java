package city.gridcity.assessment;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Published rankings: CSV and XLSX, the city's public portal page, and the walls: another city's users see nothing
 * and change nothing on every endpoint of appeals, versions and publication; roles; a target's user sees only their
 * own score card before publication.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PublicationsTest {

    @Inject
    TestClock clock;

    AssessmentWorld w;
    int run;
    int appeal;
    int second;
    String otherDistrict;

    @BeforeEach
    void aRunWithAnUpheldAppeal() {
        w = new AssessmentWorld(clock).withTwoCases();
        run = w.run();
        otherDistrict = as(w.assessor).get("/api/v1/assessment/runs/" + run).then().extract()
                .path("ranking.find { it.target != '" + w.district + "' }.target");
        appeal = as(w.districtHandler).body(Map.of("target", w.district, "caseNumber", w.cases[1], "item", "reports",
                "reason", "重复上报")).post("/api/v1/assessment/runs/" + run + "/appeals").then().statusCode(201)
                .extract().path("id");
        second = as(w.assessor).body(Map.of("decision", "UPHELD", "reason", "属实"))
                .post("/api/v1/assessment/appeals/" + appeal + "/decision").then().statusCode(200)
                .extract().path("version.id");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    int published() {
        w.on(12, 7);
        return as(w.assessor).post("/api/v1/assessment/runs/" + second + "/publication").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void a_published_ranking_downloads_as_csv_and_xlsx_and_shows_on_the_citys_public_page() {
        as(w.assessor).get("/api/v1/assessment/publications").then().statusCode(200).body("$", empty());
        RestAssured.given().get("/c/" + w.city.code() + "/assessment").then().statusCode(200)
                .body(containsString("暂无已公布的考评结果"));
        int pub = published();

        String csv = as(w.assessor).accept("text/csv").get("/api/v1/assessment/publications/" + pub + "/ranking.csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("\uFEFFgroup,rank,target,name,total,outcomes", lines.get(0));
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).matches("all,1," + otherDistrict + ",[^,]*,100\\.00,COMMEND"), lines.get(1));
        assertTrue(lines.get(2).matches("all,2," + w.district + ",[^,]*,65\\.00,ACCOUNT"), lines.get(2));
        byte[] xlsx = as(w.assessor).accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").get("/api/v1/assessment/publications/" + pub + "/ranking.xlsx").then().statusCode(200)
                .extract().asByteArray();
        assertEquals("PK", new String(xlsx, 0, 2, StandardCharsets.US_ASCII), "an XLSX file is a zip");
        // every member of the staff reads what is published, the target's user included
        as(w.districtHandler).get("/api/v1/assessment/publications/" + pub).then().statusCode(200)
                .body("groups[0].lines.target", equalTo(List.of(otherDistrict, w.district)));

        // the portal, to anyone: the published ranking with its outcomes, in Chinese first, English second
        RestAssured.given().get("/c/" + w.city.code() + "/assessment").then().statusCode(200)
                .body(containsString("城区考评")).body(containsString("65")).body(containsString("约谈问责"))
                .body(containsString("通报表扬")).body(containsString("name=\"viewport\""));
        RestAssured.given().get("/c/" + w.city.code() + "/assessment?lang=en").then().statusCode(200)
                .body(containsString("Called to account"));
    }

    @Test
    void a_user_of_another_city_sees_and_changes_nothing_of_this_citys_appeals_versions_and_publications() {
        int pub = published();
        clock.reset();
        Api.City other = Api.aCity();
        String otherAssessor = other.userWith("assessor", "assessor");
        String otherHandler = other.userWith("handler", "department-handler");
        String a = "/api/v1/assessment/";
        for (String token : List.of(other.adminToken(), otherAssessor)) {
            as(token).get(a + "runs/" + run + "/versions").then().statusCode(404);
            as(token).get(a + "runs/" + run + "/comparison?with=" + second).then().statusCode(404);
            as(token).get(a + "runs/" + run + "/audit").then().statusCode(404);
            as(token).get(a + "appeals").then().statusCode(200).body("id", not(hasItem(appeal)));
            as(token).get(a + "appeals/" + appeal).then().statusCode(404);
            as(token).get(a + "publications").then().statusCode(200).body("$", empty());
            as(token).get(a + "publications/" + pub).then().statusCode(404);
            as(token).accept("text/csv").get(a + "publications/" + pub + "/ranking.csv").then().statusCode(404);
            as(token).accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").get(a + "publications/" + pub + "/ranking.xlsx").then().statusCode(404);
        }
        as(otherAssessor).body(Map.of("decision", "REJECTED", "reason", "x")).post(a + "appeals/" + appeal + "/decision")
                .then().statusCode(404);
        as(otherAssessor).post(a + "runs/" + run + "/publication").then().statusCode(404);
        as(otherHandler).body(Map.of("target", "sanitation", "item", "reports", "reason", "x"))
                .post(a + "runs/" + run + "/appeals").then().statusCode(404);
        // nothing changed in this city
        as(w.assessor).get(a + "appeals/" + appeal).then().statusCode(200).body("status", equalTo("UPHELD"));
        // each city's portal shows its own publications only
        RestAssured.given().get("/c/" + other.code() + "/assessment").then().statusCode(200)
                .body(containsString("暂无已公布的考评结果")).body(not(containsString("城区考评")));
    }

    @Test
    void wrong_roles_are_refused_and_a_targets_user_sees_only_their_own_score_card_before_publication() {
        String a = "/api/v1/assessment/";
        // the district's user: their own card, nobody else's, no ranking, no versions, no queue
        as(w.districtHandler).get(a + "runs/" + second + "/cards/" + w.district).then().statusCode(200)
                .body("total", equalTo(65.0f));
        as(w.districtHandler).get(a + "runs/" + second + "/cards/" + otherDistrict).then().statusCode(403);
        as(w.districtHandler).get(a + "runs/" + second).then().statusCode(403);
        as(w.districtHandler).get(a + "runs/" + run + "/versions").then().statusCode(403);
        as(w.districtHandler).get(a + "runs/" + run + "/comparison?with=" + second).then().statusCode(403);
        as(w.districtHandler).get(a + "runs/" + run + "/audit").then().statusCode(403);
        as(w.districtHandler).get(a + "appeals?status=PENDING").then().statusCode(403);
        as(w.districtHandler).body(Map.of("decision", "REJECTED", "reason", "x")).post(a + "appeals/" + appeal
                + "/decision").then().statusCode(403);
        // another department's handler does not speak for the district; an assessor appeals nothing
        as(w.handler).body(Map.of("target", w.district, "item", "filing", "reason", "x")).post(a + "runs/" + second
                + "/appeals").then().statusCode(403);
        as(w.assessor).body(Map.of("target", w.district, "item", "filing", "reason", "x")).post(a + "runs/" + second
                + "/appeals").then().statusCode(403);
        as(w.supervisor).body(Map.of("target", w.district, "item", "filing", "reason", "x")).post(a + "runs/" + second
                + "/appeals").then().statusCode(403);
        as(w.assessor).get(a + "appeals").then().body("$", org.hamcrest.Matchers.hasSize(1));
        // only an assessor publishes; the administrator reads
        w.on(12, 7);
        as(w.city.adminToken()).post(a + "runs/" + second + "/publication").then().statusCode(403);
        as(w.districtHandler).post(a + "runs/" + second + "/publication").then().statusCode(403);
        as(w.dispatcher).body(Map.of("decision", "UPHELD", "reason", "x")).post(a + "appeals/" + appeal + "/decision")
                .then().statusCode(403);
        as(w.assessor).post(a + "runs/" + second + "/publication").then().statusCode(201);
        as(w.city.adminToken()).get(a + "publications").then().statusCode(200).body("run", equalTo(List.of(second)));
    }
}
