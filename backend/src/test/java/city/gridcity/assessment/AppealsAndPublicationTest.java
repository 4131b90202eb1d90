package city.gridcity.assessment;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Appeal → arbitration → recomputed version → publication, end to end, over real case facts; the window counted in
 * working days (computed Tuesday 1 December, three working days: open until the end of Friday 4 December).
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class AppealsAndPublicationTest {

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
    void an_upheld_appeal_makes_a_new_version_without_the_case_and_the_newest_version_is_published_with_its_outcomes() {
        int run = w.run();
        JsonPath first = as(w.assessor).get("/api/v1/assessment/runs/" + run).then().statusCode(200)
                .body("version", equalTo(1)).body("appealUntil", equalTo("2026-12-04")).extract().jsonPath();
        // 25 + 30 = 55 for the district with both cases, second of two; the other district 100, first
        assertEquals(55.0f, first.getFloat("ranking.find { it.target == '" + w.district + "' }.total"));
        assertEquals(2, first.getInt("ranking.find { it.target == '" + w.district + "' }.rank"));

        // the district's own department appeals the second case behind the 上报扣分 deduction
        int appeal = as(w.districtHandler).body(Map.of("target", w.district, "caseNumber", w.cases[1], "item", "reports",
                        "reason", "同一问题重复上报，应剔除"))
                .post("/api/v1/assessment/runs/" + run + "/appeals").then().statusCode(201)
                .body("status", equalTo("PENDING")).extract().path("id");
        as(w.assessor).get("/api/v1/assessment/appeals?status=PENDING").then().statusCode(200)
                .body("id", equalTo(List.of(appeal)));
        // publication waits for the window and the decision
        as(w.assessor).post("/api/v1/assessment/runs/" + run + "/publication").then().statusCode(409)
                .body("code", equalTo("appeal-window-open")).body("errors[0].field", equalTo("run"));

        w.on(12, 2);
        JsonPath decision = as(w.assessor).body(Map.of("decision", "UPHELD", "reason", "核实为重复上报"))
                .post("/api/v1/assessment/appeals/" + appeal + "/decision").then().statusCode(200)
                .body("appeal.status", equalTo("UPHELD")).body("version.version", equalTo(2))
                .body("version.root", equalTo(run)).extract().jsonPath();
        int second = decision.getInt("version.id");
        assertEquals(second, decision.getInt("appeal.resultRun"));
        as(w.assessor).get("/api/v1/assessment/appeals?status=PENDING").then().statusCode(200).body("$", empty());
        // deciding twice is refused
        as(w.assessor).body(Map.of("decision", "REJECTED", "reason", "again"))
                .post("/api/v1/assessment/appeals/" + appeal + "/decision").then().statusCode(409)
                .body("code", equalTo("already-decided"));

        // reports 1 → 40; filing is unchanged (the case left out of 上报扣分 only): 25 + 40 = 65
        as(w.assessor).get("/api/v1/assessment/runs/" + second + "/cards/" + w.district).then().statusCode(200)
                .body("total", equalTo(65.0f))
                .body("items.find { it.code == 'reports' }.measure.inputs", equalTo(List.of(w.cases[0])))
                .body("items.find { it.code == 'filing' }.score", equalTo(25.0f));
        as(w.assessor).get("/api/v1/assessment/runs/" + run + "/versions").then().statusCode(200)
                .body("id", equalTo(List.of(run, second))).body("version", equalTo(List.of(1, 2)))
                .body("[1].exclusions[0].caseNumber", equalTo(w.cases[1]));
        JsonPath cmp = as(w.assessor).get("/api/v1/assessment/runs/" + run + "/comparison?with=" + second).then()
                .statusCode(200).extract().jsonPath();
        String at = "targets.find { it.target == '" + w.district + "' }";
        assertEquals(55.0f, cmp.getFloat(at + ".before"));
        assertEquals(65.0f, cmp.getFloat(at + ".after"));
        assertEquals(10.0f, cmp.getFloat(at + ".difference"));
        assertEquals(30.0f, cmp.getFloat(at + ".items.find { it.item == 'reports' }.before"));
        assertEquals(40.0f, cmp.getFloat(at + ".items.find { it.item == 'reports' }.after"));
        assertEquals(0.0f, cmp.getFloat(at + ".items.find { it.item == 'filing' }.difference"));
        // the recomputed version is reproduced byte for byte from the same facts, scheme version and exclusions
        as(w.assessor).post("/api/v1/assessment/runs/" + second + "/reproduction").then().statusCode(200)
                .body("identical", equalTo(true));

        // Monday 7 December: the window has closed; version 1 is no longer the one to publish
        w.on(12, 7);
        as(w.assessor).post("/api/v1/assessment/runs/" + run + "/publication").then().statusCode(409)
                .body("code", equalTo("newer-version"));
        JsonPath pub = as(w.assessor).post("/api/v1/assessment/runs/" + second + "/publication").then().statusCode(201)
                .body("run", equalTo(second)).body("version", equalTo(2)).extract().jsonPath();
        String line = "groups[0].lines.find { it.target == '" + w.district + "' }";
        assertEquals(65.0f, pub.getFloat(line + ".total"));
        assertEquals(List.of("ACCOUNT"), pub.getList(line + ".outcomes"));
        assertEquals(List.of("COMMEND"), pub.getList("groups[0].lines.find { it.rank == 1 }.outcomes"));
        as(w.assessor).post("/api/v1/assessment/runs/" + second + "/publication").then().statusCode(409)
                .body("code", equalTo("already-published"));
        as(w.assessor).get("/api/v1/assessment/runs/" + run + "/audit").then().statusCode(200)
                .body("action", equalTo(List.of("RUN_COMPUTED", "APPEAL_FILED", "APPEAL_UPHELD", "RUN_COMPUTED",
                        "PUBLISHED")));
    }

    @Test
    void a_run_and_its_recomputation_are_reproduced_byte_for_byte_and_a_new_run_of_the_same_facts_has_the_same_digest() {
        int run = w.run();
        int appeal = as(w.districtHandler).body(Map.of("target", w.district, "caseNumber", w.cases[1],
                "reason", "重复")).post("/api/v1/assessment/runs/" + run + "/appeals").then().statusCode(201)
                .extract().path("id");
        int second = as(w.assessor).body(Map.of("decision", "upheld", "reason", "属实"))
                .post("/api/v1/assessment/appeals/" + appeal + "/decision").then().statusCode(200)
                .extract().path("version.id");
        as(w.assessor).post("/api/v1/assessment/runs/" + run + "/reproduction").then().statusCode(200)
                .body("identical", equalTo(true));
        as(w.assessor).post("/api/v1/assessment/runs/" + second + "/reproduction").then().statusCode(200)
                .body("identical", equalTo(true));
        String digest1 = as(w.assessor).get("/api/v1/assessment/runs/" + run).then().extract().path("inputDigest");
        String digest2 = as(w.assessor).get("/api/v1/assessment/runs/" + second).then().extract().path("inputDigest");
        assertNotEquals(digest1, digest2, "the exclusions are part of what a version read");
        int again = w.run();
        assertEquals(digest1, as(w.assessor).get("/api/v1/assessment/runs/" + again).then().extract().path("inputDigest"));
        // the case left out of every item: filing 1 of 1 → 50, reports 1 → 40: 90
        as(w.assessor).get("/api/v1/assessment/runs/" + second + "/cards/" + w.district).then().body("total", equalTo(90.0f));
    }

    @Test
    void an_appeal_after_the_window_is_refused_naming_the_run_and_nothing_is_stored() {
        int run = w.run();
        w.on(12, 5);
        as(w.districtHandler).body(Map.of("target", w.district, "caseNumber", w.cases[1], "item", "reports",
                        "reason", "重复上报"))
                .post("/api/v1/assessment/runs/" + run + "/appeals").then().statusCode(409)
                .body("code", equalTo("appeal-window-closed")).body("errors[0].field", equalTo("run"))
                .body("detail", containsString("2026-12-04"));
        as(w.assessor).get("/api/v1/assessment/appeals").then().statusCode(200).body("$", empty());
    }

    @Test
    void an_appeal_of_an_unknown_case_or_item_or_without_a_reason_is_refused_naming_each_field_and_nothing_is_stored() {
        int run = w.run();
        String url = "/api/v1/assessment/runs/" + run + "/appeals";
        as(w.districtHandler).body(Map.of("target", w.district, "caseNumber", "KC-20261101-999999", "item", "reports",
                "reason", "x")).post(url).then().statusCode(400).body("errors.field", equalTo(List.of("caseNumber")));
        as(w.districtHandler).body(Map.of("target", w.district, "item", "happiness", "reason", "x")).post(url).then()
                .statusCode(400).body("errors.field", equalTo(List.of("item")));
        as(w.districtHandler).body(Map.of("target", w.district, "caseNumber", w.cases[1])).post(url).then()
                .statusCode(400).body("errors.field", equalTo(List.of("reason")));
        // filing has a deduction, but the second case is not behind its numerator; the other district has none
        as(w.districtHandler).body(Map.of("target", w.district, "item", "filing", "caseNumber", w.cases[1], "reason", "x"))
                .post(url).then().statusCode(400).body("errors.field", hasItem("caseNumber"));
        as(w.assessor).get("/api/v1/assessment/appeals").then().statusCode(200).body("$", empty());
        // an item appealed without a case is waived when upheld: filing scores its 50 points
        int appeal = as(w.districtHandler).body(Map.of("target", w.district, "item", "filing", "reason", "未立案为合规"))
                .post(url).then().statusCode(201).extract().path("id");
        as(w.districtHandler).body(Map.of("target", w.district, "item", "filing", "reason", "again")).post(url).then()
                .statusCode(409).body("code", equalTo("already-appealed"));
        as(w.assessor).body(Map.of("decision", "maybe", "reason", "")).post("/api/v1/assessment/appeals/" + appeal
                + "/decision").then().statusCode(400).body("errors.field", equalTo(List.of("decision", "reason")));
        int second = as(w.assessor).body(Map.of("decision", "UPHELD", "reason", "属实"))
                .post("/api/v1/assessment/appeals/" + appeal + "/decision").then().statusCode(200)
                .extract().path("version.id");
        as(w.assessor).get("/api/v1/assessment/runs/" + second + "/cards/" + w.district).then()
                .body("items.find { it.code == 'filing' }.score", equalTo(50.0f)).body("total", equalTo(80.0f));
        as(w.assessor).get("/api/v1/assessment/appeals?status=UPHELD").then().body("$", hasSize(1));
        as(w.assessor).get("/api/v1/assessment/appeals?status=LATER").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
    }

    @Test
    void a_rejected_appeal_makes_no_version_and_publication_before_the_window_closes_is_refused_and_nothing_is_stored() {
        int run = w.run();
        int appeal = as(w.districtHandler).body(Map.of("target", w.district, "caseNumber", w.cases[0], "item", "reports",
                "reason", "不应计入")).post("/api/v1/assessment/runs/" + run + "/appeals").then().statusCode(201)
                .extract().path("id");
        as(w.assessor).body(Map.of("decision", "REJECTED", "reason", "上报属实"))
                .post("/api/v1/assessment/appeals/" + appeal + "/decision").then().statusCode(200)
                .body("appeal.status", equalTo("REJECTED")).body("version", equalTo(null));
        as(w.assessor).get("/api/v1/assessment/runs/" + run + "/versions").then().body("id", equalTo(List.of(run)));
        w.on(12, 4);
        as(w.assessor).post("/api/v1/assessment/runs/" + run + "/publication").then().statusCode(409)
                .body("code", equalTo("appeal-window-open")).body("detail", containsString("2026-12-05"));
        as(w.assessor).get("/api/v1/assessment/publications").then().statusCode(200).body("$", empty());
        w.on(12, 7);
        as(w.assessor).post("/api/v1/assessment/runs/" + run + "/publication").then().statusCode(201);
        // once published, no appeal and no decision changes it
        as(w.districtHandler).body(Map.of("target", w.district, "item", "filing", "reason", "x"))
                .post("/api/v1/assessment/runs/" + run + "/appeals").then().statusCode(409);
    }
}
