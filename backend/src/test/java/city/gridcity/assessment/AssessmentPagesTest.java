package city.gridcity.assessment;

import static city.gridcity.support.Api.as;
import static city.gridcity.support.ConsoleForms.followed;
import static city.gridcity.support.ConsoleForms.form;
import static city.gridcity.support.ConsoleForms.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's assessment pages as a browser uses them: run, ranking with its chart, score card down to the
 * cases, appeal, decision, comparison, publication; each bad input shown next to its field; the walls.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class AssessmentPagesTest {

    @Inject
    TestClock clock;

    AssessmentWorld w;

    @BeforeEach
    void aCityWithTwoCasesInNovember() {
        w = new AssessmentWorld(clock).withTwoCases();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void an_assessor_runs_a_scheme_from_the_console_and_a_period_in_the_future_is_shown_next_to_its_field() {
        page(w.assessor).get("/console").then().statusCode(200).body(containsString("/console/assessment"));
        page(w.assessor).get("/console/assessment").then().statusCode(200).body(containsString("发起考评"))
                .body(containsString("<option value=\"districts\" selected>城区考评</option>"))
                .body(containsString("name=\"viewport\"")).body(not(containsString("onsubmit=")))
                .body(not(containsString("onclick=")));

        followed(w.assessor, form(w.assessor).formParam("scheme", "districts").formParam("from", "2027-01-01")
                .formParam("to", "2027-02-01").post("/console/assessment/runs")).then().statusCode(400)
                .body(containsString("id=\"from-error\"")).body(containsString("不能晚于今天"))
                .body(containsString("value=\"2027-01-01\""));
        followed(w.assessor, form(w.assessor).formParam("scheme", "districts").formParam("from", "yesterday")
                .formParam("to", "2026-12-01").post("/console/assessment/runs")).then().statusCode(400)
                .body(containsString("id=\"from-error\""));
        as(w.assessor).get("/api/v1/assessment/runs").then().body("$", org.hamcrest.Matchers.empty());

        String runPage = followed(w.assessor, form(w.assessor).formParam("scheme", "districts")
                .formParam("from", "2026-11-01").formParam("to", "2026-12-01").post("/console/assessment/runs")).then()
                .statusCode(200).body(containsString("已计算考评")).body(containsString("id=\"ranking-chart\""))
                .body(containsString("/_static/echarts/6.0.0/dist/echarts.min.js"))
                .body(containsString("/console/assessment-chart.js")).body(containsString("data-totals=\"[100.00,55.00]\""))
                .body(containsString("2026-12-04")).body(containsString("申诉期满且没有待裁决的申诉后方可公布"))
                .extract().asString();
        // ECharts is served from the application, never a CDN
        RestAssured.given().get("/_static/echarts/6.0.0/dist/echarts.min.js").then().statusCode(200);
        RestAssured.given().get("/console/assessment-chart.js").then().statusCode(200);
        org.junit.jupiter.api.Assertions.assertFalse(runPage.contains("cdn"), "no CDN");
        page(w.assessor).get("/console/assessment?lang=en").then().body(containsString("Run an assessment"));
        // the runs list names the scheme it ran, as the form does
        page(w.assessor).get("/console/assessment").then().body(containsString("data-label=\"方案\">城区考评</td>"))
                .body(not(containsString("data-label=\"方案\">districts</td>")));
    }

    @Test
    void a_targets_user_appeals_from_their_score_card_the_assessor_decides_and_publishes_and_bad_input_is_shown_by_its_field() {
        int run = w.run();
        String card = "/console/assessment/runs/" + run + "/cards/" + w.district;
        // the district's user: their card lists the cases behind the deduction, with the appeal form
        page(w.districtHandler).get("/console/assessment").then().statusCode(200).body(containsString(card));
        page(w.districtHandler).get(card).then().statusCode(200)
                .body(containsString("href=\"/console/cases/" + w.cases[1] + "\"")).body(containsString("id=\"appeal-form\""))
                // the items to appeal are those with a deduction: 立案率 25 of 50 and 上报扣分 30 of 50
                .body(containsString("<option value=\"reports\"")).body(containsString("<option value=\"filing\""))
                // items and indicators by name, not by code
                .body(containsString("<strong>立案率</strong></td>")).body(containsString("上报数"))
                .body(containsString(">上报扣分 (")).body(not(containsString("<strong>filing</strong>")));
        followed(w.districtHandler, form(w.districtHandler).formParam("item", "reports").formParam("caseNumber", "KC-0")
                .formParam("reason", "重复上报").post(card + "/appeals")).then().statusCode(400)
                .body(containsString("id=\"caseNumber-error\"")).body(containsString("value=\"KC-0\""))
                .body(containsString("<option value=\"reports\" selected>"))
                .body(containsString("重复上报"));
        followed(w.districtHandler, form(w.districtHandler).formParam("item", "reports").formParam("caseNumber", w.cases[1])
                .formParam("reason", "重复上报").post(card + "/appeals")).then().statusCode(200)
                .body(containsString("申诉已提交"));
        // not the ranking, not another card, not the queue
        page(w.districtHandler).get("/console/assessment/runs/" + run).then().statusCode(403);
        page(w.districtHandler).get("/console/assessment/appeals").then().statusCode(403);

        page(w.assessor).get("/console/assessment/appeals").then().statusCode(200).body(containsString("重复上报"))
                .body(containsString("/console/assessment/appeals/"));
        int appeal = as(w.assessor).get("/api/v1/assessment/appeals?status=PENDING").then().extract().path("[0].id");
        followed(w.assessor, form(w.assessor).formParam("decision", "UPHELD").formParam("reason", "")
                .post("/console/assessment/appeals/" + appeal + "/decision")).then().statusCode(400)
                .body(containsString("id=\"reason-error-" + appeal + "\""));
        followed(w.assessor, form(w.assessor).formParam("decision", "UPHELD").formParam("reason", "核实为重复")
                .post("/console/assessment/appeals/" + appeal + "/decision")).then().statusCode(200)
                .body(containsString("已裁决"));
        int second = as(w.assessor).get("/api/v1/assessment/runs/" + run + "/versions").then()
                .body("version", equalTo(List.of(1, 2))).extract().path("[1].id");
        page(w.assessor).get("/console/assessment/runs/" + run + "/comparison?with=" + second).then().statusCode(200)
                .body(containsString("reports")).body(containsString("10.00")).body(containsString("版本对比"));

        w.on(12, 7);
        followed(w.assessor, form(w.assessor).post("/console/assessment/runs/" + run + "/publication")).then()
                .statusCode(409).body(containsString("这不是最新版本"));
        page(w.assessor).get("/console/assessment/runs/" + second).then().body(containsString("id=\"publish-form\""));
        followed(w.assessor, form(w.assessor).post("/console/assessment/runs/" + second + "/publication")).then()
                .statusCode(200).body(containsString("已公布考评结果")).body(containsString("ranking.csv"))
                .body(containsString("约谈问责"));
    }

    @Test
    void another_citys_assessor_and_the_wrong_roles_are_refused_the_assessment_pages() {
        int run = w.run();
        page(w.dispatcher).get("/console/assessment/runs/" + run).then().statusCode(403);
        page(w.handler).get("/console/assessment/runs/" + run + "/cards/" + w.district).then().statusCode(403);
        page(w.dispatcher).get("/console/assessment/appeals").then().statusCode(403);
        clock.reset();
        Api.City other = Api.aCity();
        String otherAssessor = other.userWith("assessor", "assessor");
        page(otherAssessor).get("/console/assessment/runs/" + run).then().statusCode(404);
        page(otherAssessor).get("/console/assessment/runs/" + run + "/cards/" + w.district).then().statusCode(404);
        page(otherAssessor).get("/console/assessment").then().statusCode(200).body(not(containsString("#" + run + "<")));
        int appeal = as(w.districtHandler).body(java.util.Map.of("target", w.district, "item", "filing", "reason", "x"))
                .post("/api/v1/assessment/runs/" + run + "/appeals").then().statusCode(201).extract().path("id");
        form(otherAssessor).formParam("decision", "UPHELD").formParam("reason", "x")
                .post("/console/assessment/appeals/" + appeal + "/decision").then().statusCode(404);
        form(otherAssessor).post("/console/assessment/runs/" + run + "/publication").then().statusCode(404);
        as(w.assessor).get("/api/v1/assessment/appeals/" + appeal).then().body("status", equalTo("PENDING"));
        RestAssured.given().redirects().follow(false).get("/console/assessment").then().statusCode(303);
    }
}
