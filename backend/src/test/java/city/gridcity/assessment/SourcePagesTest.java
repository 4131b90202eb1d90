package city.gridcity.assessment;

import static city.gridcity.support.Api.as;
import static city.gridcity.support.ConsoleForms.followed;
import static city.gridcity.support.ConsoleForms.form;
import static city.gridcity.support.ConsoleForms.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

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
 * The console's assessment sources page as a browser uses it: each source's form, each bad input shown next to its
 * field with what was typed kept, the survey CSV import listing every bad line, and the walls (roles, another city).
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class SourcePagesTest {

    static final String PAGE = "/console/assessment/sources";

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
    void an_assessor_enters_each_source_from_the_console_and_bad_input_is_shown_next_to_its_field() {
        page(w.assessor).get("/console/assessment").then().statusCode(200).body(containsString("href=\"" + PAGE + "\""));
        page(w.assessor).get(PAGE).then().statusCode(200).body(containsString("录入明察评分"))
                .body(containsString("name=\"viewport\"")).body(not(containsString("onsubmit=")))
                .body(not(containsString("onclick="))).body(containsString("社会监督"));
        page(w.assessor).get(PAGE + "?source=visit&lang=en").then().statusCode(200)
                .body(containsString("Record a problem found"));

        followed(w.assessor, form(w.assessor).formParam("source", "inspection").formParam("target", w.district)
                .formParam("day", "2026-11-20").formParam("score", "120").formParam("panelist", "人大代表甲")
                .post(PAGE + "/entries")).then().statusCode(400).body(containsString("id=\"score-error\""))
                .body(containsString("0 到 100")).body(containsString("value=\"人大代表甲\""))
                .body(containsString("value=\"120\""));
        followed(w.assessor, form(w.assessor).formParam("source", "inspection").formParam("target", "火星区")
                .formParam("day", "2026-12-05").formParam("score", "80").post(PAGE + "/entries")).then().statusCode(400)
                .body(containsString("id=\"target-error\"")).body(containsString("id=\"day-error\""));
        followed(w.assessor, form(w.assessor).formParam("source", "supervision").formParam("target", w.district)
                .formParam("day", "2026-11-20").formParam("kind", "").formParam("description", "")
                .post(PAGE + "/entries")).then().statusCode(400).body(containsString("id=\"kind-error\""))
                .body(containsString("id=\"description-error\""));
        as(w.assessor).get("/api/v1/assessment/sources/inspection/entries").then().body("$", empty());

        followed(w.assessor, form(w.assessor).formParam("source", "inspection").formParam("target", w.district)
                .formParam("day", "2026-11-20").formParam("score", "85").formParam("panelist", "人大代表甲")
                .post(PAGE + "/entries")).then().statusCode(200).body(containsString("已保存录入"));
        followed(w.assessor, form(w.assessor).formParam("source", "supervision").formParam("target", w.district)
                .formParam("day", "2026-11-21").formParam("kind", "MEDIA").formParam("description", "晚报曝光垃圾堆积")
                .formParam("caseNumber", w.cases[1]).post(PAGE + "/entries")).then().statusCode(200);
        page(w.assessor).get(PAGE + "?source=supervision&month=2026-11").then().statusCode(200)
                .body(containsString("晚报曝光垃圾堆积")).body(containsString("href=\"/console/cases/" + w.cases[1] + "\""))
                .body(containsString("媒体曝光"));
        int id = as(w.assessor).get("/api/v1/assessment/sources/inspection/entries").then().extract().path("[0].id");
        // a correction from the page: the entry shows as corrected, with who entered it
        followed(w.assessor, form(w.assessor).formParam("source", "inspection").formParam("target", w.district)
                .formParam("day", "2026-11-20").formParam("score", "88").formParam("corrects", String.valueOf(id))
                .post(PAGE + "/entries")).then().statusCode(200);
        int correction = as(w.assessor).get("/api/v1/assessment/sources/inspection/entries").then().extract()
                .path("[1].id");
        page(w.assessor).get(PAGE + "?source=inspection&month=2026-11").then()
                .body(containsString("已被 #" + correction + " 更正")).body(containsString("更正 #" + id));
        followed(w.assessor, form(w.assessor).formParam("source", "inspection").formParam("target", w.district)
                .formParam("day", "2026-11-20").formParam("score", "89").formParam("corrects", String.valueOf(id))
                .post(PAGE + "/entries")).then().statusCode(409).body(containsString("id=\"corrects-error\""));
    }

    @Test
    void a_survey_file_with_bad_lines_lists_every_line_on_the_page_and_a_good_one_is_imported() {
        String bad = "考评对象,得分\n火星区,80\n" + w.district + ",101\n";
        page(w.assessor).cookie("gc_csrf", "t0ken").multiPart("_csrf", "t0ken").multiPart("day", "2026-11-30")
                .multiPart("file", "survey.csv", bad.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post(PAGE + "/survey/imports").then().statusCode(400).body(containsString("id=\"import-errors\""))
                .body(containsString("id=\"line-2\"")).body(containsString("id=\"line-3\""))
                .body(containsString("请填写本市的区、街道、社区或部门")).body(containsString("0 到 100"));
        page(w.assessor).cookie("gc_csrf", "t0ken").multiPart("_csrf", "t0ken").multiPart("day", "2026-12-09")
                .multiPart("file", "survey.csv", ("target,score\n" + w.district + ",80\n").getBytes(StandardCharsets.UTF_8),
                        "text/csv")
                .post(PAGE + "/survey/imports").then().statusCode(400).body(containsString("id=\"importDay-error\""));
        as(w.assessor).get("/api/v1/assessment/sources/survey/entries").then().body("$", empty());

        var ok = page(w.assessor).cookie("gc_csrf", "t0ken").multiPart("_csrf", "t0ken").multiPart("day", "2026-11-30")
                .multiPart("file", "survey.csv", ("target,score,respondents\n" + w.district + ",80,120\n")
                        .getBytes(StandardCharsets.UTF_8), "text/csv").post(PAGE + "/survey/imports");
        followed(w.assessor, ok).then().statusCode(200).body(containsString("已导入公众评议结果"));
        page(w.assessor).get(PAGE + "?source=survey&month=2026-11").then().body(containsString("样本 120 份"));
    }

    @Test
    void the_wrong_roles_and_another_citys_assessor_are_refused_the_sources_page() {
        int id = as(w.assessor).body(Map.of("target", w.district, "day", "2026-11-20", "score", 70, "panelist", "甲"))
                .post("/api/v1/assessment/sources/inspection/entries").then().statusCode(201).extract().path("id");
        page(w.dispatcher).get(PAGE).then().statusCode(403);
        page(w.districtHandler).get(PAGE + "?source=survey").then().statusCode(403);
        form(w.dispatcher).formParam("source", "inspection").formParam("target", w.district).formParam("day", "2026-11-20")
                .formParam("score", "80").post(PAGE + "/entries").then().statusCode(403);
        page(w.dispatcher).cookie("gc_csrf", "t0ken").multiPart("_csrf", "t0ken").multiPart("day", "2026-11-30")
                .multiPart("file", "survey.csv", "target,score\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post(PAGE + "/survey/imports").then().statusCode(403);
        clock.reset();
        // the city administrator (one who changed the first password) reads, without the form
        String admin = w.city.userWith("admin2", "city-admin");
        page(admin).get(PAGE + "?month=2026-11").then().statusCode(200).body(not(containsString("id=\"entry-form\"")))
                .body(containsString("id=\"entry-" + id + "\""));

        Api.City other = Api.aCity();
        String otherAssessor = other.userWith("assessor", "assessor");
        page(otherAssessor).get(PAGE + "?month=2026-11").then().statusCode(200)
                .body(not(containsString("id=\"entry-" + id + "\"")));
        followed(otherAssessor, form(otherAssessor).formParam("source", "inspection").formParam("target", w.district)
                .formParam("day", "2026-11-20").formParam("score", "10").formParam("corrects", String.valueOf(id))
                .post(PAGE + "/entries")).then().statusCode(400).body(containsString("id=\"corrects-error\""));
        as(w.assessor).get("/api/v1/assessment/sources/inspection/entries").then().body("$", hasSize(1));
        RestAssured.given().redirects().follow(false).get(PAGE).then().statusCode(303);
        List.of(w.supervisor, w.handler).forEach(t -> page(t).get(PAGE + "?source=visit").then().statusCode(403));
    }

    @Test
    void the_score_card_page_lists_the_source_entries_the_run_read() {
        as(w.city.adminToken()).body(SourcesApiTest.SCHEME).put("/api/v1/assessment/schemes/sources").then()
                .statusCode(201);
        as(w.assessor).body(Map.of("target", w.district, "day", "2026-11-20", "score", 70, "panelist", "人大代表甲"))
                .post("/api/v1/assessment/sources/inspection/entries").then().statusCode(201);
        int run = as(w.assessor).body("{\"scheme\": \"sources\", " + AssessmentWorld.NOVEMBER + "}")
                .post("/api/v1/assessment/runs").then().statusCode(201).extract().path("id");
        page(w.assessor).get("/console/assessment/runs/" + run + "/cards/" + w.district).then().statusCode(200)
                .body(containsString("id=\"card-entries\"")).body(containsString("人大代表甲"))
                .body(containsString("明察")).body(containsString("<strong>70</strong>"));
        page(w.districtHandler).get("/console/assessment/runs/" + run + "/cards/" + w.district).then().statusCode(200)
                .body(containsString("id=\"card-entries\""));
    }
}
