package city.gridcity.assessment;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The non-system sources of assessment through the API: 明察, 暗访, 社会监督 and 公众评议 entered (and imported as CSV),
 * worked examples a person can check by hand, bad input per field with nothing stored, corrections as new entries,
 * runs that read and keep their entries, the published period closed, and the walls (roles, another city).
 * The world: AssessmentWorld's two November cases in one district, the clock on Tuesday 1 December 2026.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class SourcesApiTest {

    /**
     * Five components of weight 0.2 each, every one out of 100 points:
     * system: 立案率 proportional (100); inspection: the panel's mean score proportional (100, no entry = full);
     * visit: 100 − 5 per problem; supervision: 50 − 2 per resident report and 50 − 10 per media case;
     * survey: the mean result proportional (100, no result = excluded, so the component counts full).
     */
    static final String SCHEME = """
            {"effectiveFrom": "2026-01-01", "scheme": {"code": "sources", "name": "多源考评", "targets": "DISTRICT",
             "weightsMustAddUp": true, "components": [
              {"code": "system", "name": "系统数据", "weight": 0.2, "items": [
               {"code": "filing", "name": "立案率", "indicator": "filing-rate", "points": 100, "rule": "proportional", "noData": "FULL"}]},
              {"code": "inspection", "name": "明察", "weight": 0.2, "items": [
               {"code": "panel", "name": "明察评分", "indicator": "inspection-score", "points": 100, "rule": "proportional", "noData": "FULL"}]},
              {"code": "visit", "name": "暗访", "weight": 0.2, "items": [
               {"code": "problems", "name": "暗访问题", "indicator": "visit-problems", "points": 100, "rule": "deduction-per-count",
                "params": {"k": 5}, "noData": "FULL"}]},
              {"code": "supervision", "name": "社会监督", "weight": 0.2, "items": [
               {"code": "residents", "name": "市民有效举报", "indicator": "resident-reports", "points": 50, "rule": "deduction-per-count",
                "params": {"k": 2}, "noData": "FULL"},
               {"code": "media", "name": "媒体曝光", "indicator": "media-exposures", "points": 50, "rule": "deduction-per-count",
                "params": {"k": 10}, "noData": "FULL"}]},
              {"code": "survey", "name": "公众评议", "weight": 0.2, "items": [
               {"code": "survey", "name": "公众满意度", "indicator": "survey-score", "points": 100, "rule": "proportional", "noData": "EXCLUDED"}]}],
             "publication": {"appealWindowDays": 3, "rules": []}}}
            """;
    static final String API = "/api/v1/assessment/sources/";

    @Inject
    TestClock clock;

    @Inject
    city.gridcity.platform.PackLibrary packs;

    @Inject
    city.gridcity.platform.TenantProvisioning provisioning;

    AssessmentWorld w;
    String citySupervisor;

    @BeforeEach
    void aCityWithTwoCasesInNovemberAndTheMultiSourceScheme() {
        w = new AssessmentWorld(clock).withTwoCases();
        as(w.city.adminToken()).body(SCHEME).put("/api/v1/assessment/schemes/sources").then().statusCode(201);
        citySupervisor = w.signedInOnRealTime(userWith("csup", "city-supervisor"));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    String userWith(String username, String role) {
        as(w.city.adminToken()).body(Map.of("username", username, "password", Api.PASSWORD, "displayName", username,
                "roles", List.of(role))).post("/api/v1/users").then().statusCode(201);
        return username;
    }

    int enter(String token, String source, Map<String, Object> body) {
        return as(token).body(body).post(API + source + "/entries").then().log().ifValidationFails().statusCode(201)
                .extract().path("id");
    }

    Map<String, Object> entry(Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("target", w.district, "day", "2026-11-20"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    int run() {
        return as(w.assessor).body("{\"scheme\": \"sources\", " + AssessmentWorld.NOVEMBER + "}")
                .post("/api/v1/assessment/runs").then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    /** The district's entries of the worked example, with a correction and a withdrawal along the way. */
    void theWorkedExample() {
        enter(w.assessor, "inspection", entry("score", 80, "panelist", "人大代表甲"));
        enter(w.assessor, "inspection", entry("score", 90, "panelist", "政协委员乙"));
        int c = enter(w.assessor, "inspection", entry("score", 60, "panelist", "市民代表丙"));
        // 丙's 60 was a typing error: the correction replaces it (85)
        enter(w.assessor, "inspection", entry("score", 85, "panelist", "市民代表丙", "corrects", c));
        for (int i = 1; i <= 3; i++) {
            enter(citySupervisor, "visit", entry("place", "中山路" + i + "号", "description", "垃圾桶满溢",
                    "photos", List.of("visits/2026-11/" + i + ".jpg")));
        }
        int wrong = enter(w.assessor, "visit", entry("description", "不在本区"));
        as(w.assessor).body(Map.of("corrects", wrong, "withdraw", true, "description", "位置属于邻区，撤回"))
                .post(API + "visit/entries").then().statusCode(201).body("withdrawn", equalTo(true));
        enter(w.assessor, "supervision", entry("kind", "RESIDENT", "description", "市民举报占道经营", "caseNumber", w.cases[1]));
        enter(w.assessor, "supervision", entry("kind", "RESIDENT", "description", "市民举报夜间施工噪音"));
        enter(w.assessor, "supervision", entry("kind", "MEDIA", "description", "晚报曝光背街小巷垃圾堆积"));
        enter(w.assessor, "survey", entry("score", 78.5, "respondents", 200));
    }

    @Test
    void a_run_scores_each_source_from_its_entries_as_a_person_computes_it_by_hand() {
        theWorkedExample();
        int run = run();

        // system: filing 1 of 2 → 50 → 0.2 × 50 = 10.00
        // inspection: (80 + 90 + 85) / 3 = 85 → 85 → 17.00 (丙's 60 was corrected)
        // visit: 3 problems (the 4th withdrawn) → 100 − 15 = 85 → 17.00
        // supervision: 50 − 2 × 2 = 46 and 50 − 10 × 1 = 40 → 86 → 17.20
        // survey: 78.5 → 78.5 → 15.70; total 10 + 17 + 17 + 17.2 + 15.7 = 76.90
        JsonPath card = as(w.assessor).get("/api/v1/assessment/runs/" + run + "/cards/" + w.district).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(10.0f, 17.0f, 17.0f, 17.2f, 15.7f), card.getList("components.weighted"));
        assertEquals(76.9f, card.getFloat("total"));
        assertEquals(0.85f, card.getFloat("items.find { it.code == 'panel' }.value"));
        assertEquals(3, card.getInt("items.find { it.code == 'problems' }.value"));
        assertEquals(3, card.getList("items.find { it.code == 'panel' }.measure.inputs").size());
        // the other district has no entry: inspection full, nothing found, survey excluded → 100
        as(w.assessor).get("/api/v1/assessment/runs/" + run).then().body("ranking.total", equalTo(List.of(100.0f, 76.9f)));

        // the card's entries are those the run read: 3 + 3 + 3 + 1, not the corrected 60 nor the withdrawn visit
        as(w.assessor).get("/api/v1/assessment/runs/" + run + "/cards/" + w.district + "/entries").then().statusCode(200)
                .body("$", hasSize(10)).body("score", hasItem(85.0f)).body("createdBy", hasItem("csup"))
                .body("find { it.source == 'visit' }.photos[0]", equalTo("visits/2026-11/1.jpg"));
        // the district's own user sees them with their card
        as(w.districtHandler).get("/api/v1/assessment/runs/" + run + "/cards/" + w.district + "/entries").then()
                .statusCode(200).body("$", hasSize(10));
    }

    @Test
    void a_run_keeps_the_entries_it_read_so_a_later_correction_leaves_its_reproduction_identical() {
        theWorkedExample();
        int run = run();
        int survey = as(w.assessor).get(API + "survey/entries?target=" + w.district).then().extract().path("[0].id");
        int correction = enter(w.assessor, "survey", entry("score", 90, "corrects", survey));

        as(w.assessor).post("/api/v1/assessment/runs/" + run + "/reproduction").then().statusCode(200)
                .body("identical", equalTo(true));
        as(w.assessor).get("/api/v1/assessment/runs/" + run + "/cards/" + w.district + "/entries").then()
                .body("find { it.source == 'survey' }.score", equalTo(78.5f));
        // a new run reads the correction: survey 90 → 18.00; total 79.20
        int again = run();
        as(w.assessor).get("/api/v1/assessment/runs/" + again + "/cards/" + w.district).then().body("total", equalTo(79.2f));
        // the list shows the corrected entry as no longer current, and which entry corrected it
        as(w.assessor).get(API + "survey/entries").then().body("current", equalTo(List.of(false, true)))
                .body("[0].correctedBy", equalTo(correction)).body("[1].corrects", equalTo(survey));
    }

    @Test
    void bad_input_is_refused_naming_each_field_and_nothing_is_stored() {
        as(w.assessor).body(entry("target", "不存在区", "score", 80)).post(API + "inspection/entries").then()
                .statusCode(400).body("errors.field", equalTo(List.of("target")));
        as(w.assessor).body(entry("score", 101)).post(API + "inspection/entries").then().statusCode(400)
                .body("errors.field", equalTo(List.of("score")));
        as(w.assessor).body(entry("score", -1)).post(API + "survey/entries").then().statusCode(400)
                .body("errors.field", equalTo(List.of("score")));
        as(w.assessor).body(entry()).post(API + "inspection/entries").then().statusCode(400)
                .body("errors.field", equalTo(List.of("score")));
        // today is 1 December: the 2nd is in the future
        as(w.assessor).body(entry("day", "2026-12-02", "score", 80)).post(API + "inspection/entries").then()
                .statusCode(400).body("errors.field", equalTo(List.of("day")));
        as(w.assessor).body(entry("day", "20.11.2026", "score", 80)).post(API + "inspection/entries").then()
                .statusCode(400).body("errors.field", equalTo(List.of("day")));
        as(w.assessor).body(entry("place", "中山路")).post(API + "visit/entries").then().statusCode(400)
                .body("errors.field", equalTo(List.of("description")));
        as(w.assessor).body(entry("description", "x", "photos", List.of("a b.jpg"))).post(API + "visit/entries").then()
                .statusCode(400).body("errors.field", equalTo(List.of("photos")));
        as(w.assessor).body(entry("kind", "TV", "description", "电视曝光")).post(API + "supervision/entries").then()
                .statusCode(400).body("errors.field", equalTo(List.of("kind")));
        as(w.assessor).body(entry("kind", "RESIDENT", "description", "举报", "caseNumber", "KC-19990101-000001"))
                .post(API + "supervision/entries").then().statusCode(400).body("errors.field", equalTo(List.of("caseNumber")));
        as(w.assessor).body(entry("score", 80, "respondents", 0)).post(API + "survey/entries").then().statusCode(400)
                .body("errors.field", equalTo(List.of("respondents")));
        as(w.assessor).body(entry("score", 80, "corrects", 999999)).post(API + "inspection/entries").then()
                .statusCode(400).body("errors.field", equalTo(List.of("corrects")));
        as(w.assessor).body(entry("target", "", "day", "", "score", 200)).post(API + "inspection/entries").then()
                .statusCode(400).body("errors.field", equalTo(List.of("day", "target", "score")));
        as(w.assessor).body(entry("score", 80)).post(API + "happiness/entries").then().statusCode(404);
        for (String source : List.of("inspection", "visit", "supervision", "survey")) {
            as(w.assessor).get(API + source + "/entries").then().statusCode(200).body("$", empty());
        }

        // an entry is corrected once: the second correction of the same entry is a conflict naming corrects
        int e = enter(w.assessor, "inspection", entry("score", 70));
        enter(w.assessor, "inspection", entry("score", 75, "corrects", e));
        as(w.assessor).body(entry("score", 76, "corrects", e)).post(API + "inspection/entries").then().statusCode(409)
                .body("errors.field", equalTo(List.of("corrects")));
        as(w.assessor).get(API + "inspection/entries").then().body("$", hasSize(2));
    }

    @Test
    void a_survey_file_is_imported_by_chinese_names_or_codes_and_a_file_with_bad_lines_lists_each_and_stores_nothing() {
        JsonPath ranking = as(w.assessor).get("/api/v1/assessment/runs/" + run()).then().extract().jsonPath();
        String other = ranking.getList("ranking.target", String.class).stream().filter(t -> !t.equals(w.district))
                .findFirst().orElseThrow();
        String otherName = ranking.getString("ranking.find { it.target == '" + other + "' }.name");

        String bad = "考评对象,得分,样本数\n" + "火星区,80,100\n" + w.district + ",120,100\n" + otherName + ",75,很多\n"
                + w.district + ",70,\n" + w.district + ",71,50\n";
        as(w.assessor).contentType("text/csv").body(bad.getBytes(StandardCharsets.UTF_8))
                .post(API + "survey/imports?day=2026-11-30").then().statusCode(400)
                .body("errors.field", equalTo(List.of("lines[2].target", "lines[3].score", "lines[4].respondents",
                        "lines[6].target")));
        as(w.assessor).get(API + "survey/entries").then().body("$", empty());

        // not UTF-8 (the same text saved as GBK)
        String good = "\uFEFF考评对象,得分,样本数\r\n" + otherName + ",92.5,300\r\n" + w.district + ",70,100\r\n";
        as(w.assessor).contentType("text/csv").body(good.substring(1).getBytes(Charset.forName("GBK")))
                .post(API + "survey/imports?day=2026-11-30").then().statusCode(400)
                .body("errors.field", equalTo(List.of("file")));
        as(w.assessor).contentType("text/csv").body(good.getBytes(StandardCharsets.UTF_8))
                .post(API + "survey/imports").then().statusCode(400).body("errors.field", equalTo(List.of("day")));

        as(w.assessor).contentType("text/csv").body(good.getBytes(StandardCharsets.UTF_8))
                .post(API + "survey/imports?day=2026-11-30").then().statusCode(201).body("count", equalTo(2))
                .body("entries.target", equalTo(List.of(other, w.district)))
                .body("entries.createdBy", equalTo(List.of("assessor", "assessor")));
        // the same file again changes nothing
        as(w.assessor).contentType("text/csv").body(good.getBytes(StandardCharsets.UTF_8))
                .post(API + "survey/imports?day=2026-11-30").then().statusCode(409)
                .body("errors.field", equalTo(List.of("file")));
        as(w.assessor).get(API + "survey/entries").then().body("score", equalTo(List.of(92.5f, 70.0f)));

        // the survey component: the district's 70 → 14.00; the other's 92.5 → 18.50
        int run = run();
        as(w.assessor).get("/api/v1/assessment/runs/" + run + "/cards/" + w.district).then()
                .body("components.find { it.code == 'survey' }.weighted", equalTo(14.0f));
        as(w.assessor).get("/api/v1/assessment/runs/" + run + "/cards/" + other).then()
                .body("components.find { it.code == 'survey' }.weighted", equalTo(18.5f));
    }

    @Test
    void once_a_period_is_published_its_entries_are_closed_and_corrections_are_refused_naming_day() {
        int used = enter(w.assessor, "inspection", entry("score", 80));
        int run = run();
        w.on(12, 7);
        as(w.assessor).post("/api/v1/assessment/runs/" + run + "/publication").then().statusCode(201);

        as(w.assessor).body(entry("score", 90)).post(API + "inspection/entries").then().statusCode(409)
                .body("errors.field", equalTo(List.of("day")));
        as(w.assessor).body(entry("score", 90, "corrects", used)).post(API + "inspection/entries").then()
                .statusCode(409).body("errors.field", equalTo(List.of("day")));
        as(w.assessor).contentType("text/csv").body(("target,score\n" + w.district + ",90\n").getBytes(StandardCharsets.UTF_8)).post(API + "survey/imports?day=2026-11-30").then()
                .statusCode(400).body("errors.field", equalTo(List.of("lines[2].day")));
        // December is open
        enter(w.assessor, "inspection", entry("day", "2026-12-07", "score", 90));
        as(w.assessor).get(API + "inspection/entries").then().body("score", equalTo(List.of(80.0f, 90.0f)));
    }

    @Test
    void the_wrong_roles_are_refused_every_source_endpoint() {
        int e = enter(w.assessor, "inspection", entry("score", 80));
        int run = run();
        for (String token : List.of(w.dispatcher, w.handler, w.supervisor)) {
            as(token).get(API + "inspection/entries").then().statusCode(403);
            as(token).get(API + "inspection/entries/" + e).then().statusCode(403);
            as(token).body(entry("score", 80)).post(API + "inspection/entries").then().statusCode(403);
            as(token).contentType("text/csv").body("target,score\n".getBytes(StandardCharsets.UTF_8))
                    .post(API + "survey/imports?day=2026-11-30").then().statusCode(403);
        }
        as(w.handler).get("/api/v1/assessment/runs/" + run + "/cards/" + w.district + "/entries").then().statusCode(403);
        // a city supervisor records unannounced visits, nothing else
        enter(citySupervisor, "visit", entry("description", "井盖缺失"));
        as(citySupervisor).get(API + "visit/entries").then().statusCode(200).body("$", hasSize(1));
        as(citySupervisor).body(entry("score", 80)).post(API + "inspection/entries").then().statusCode(403);
        as(citySupervisor).get(API + "inspection/entries").then().statusCode(403);
        as(citySupervisor).contentType("text/csv").body("target,score\n".getBytes(StandardCharsets.UTF_8))
                .post(API + "survey/imports?day=2026-11-30").then().statusCode(403);
        // the city administrator reads but does not enter
        as(w.city.adminToken()).get(API + "inspection/entries").then().statusCode(200).body("$", hasSize(1));
        as(w.city.adminToken()).body(entry("score", 80)).post(API + "inspection/entries").then().statusCode(403);
        as(w.assessor).get(API + "inspection/entries").then().body("$", hasSize(1));
    }

    @Test
    void another_citys_assessor_sees_nothing_of_the_citys_entries_and_cannot_correct_them() {
        int e = enter(w.assessor, "inspection", entry("score", 80));
        int run = run();
        clock.reset();
        Api.City other = Api.aCity();
        String otherAssessor = other.userWith("assessor", "assessor");
        as(otherAssessor).get(API + "inspection/entries").then().statusCode(200).body("$", empty());
        as(otherAssessor).get(API + "inspection/entries/" + e).then().statusCode(404);
        as(otherAssessor).body(entry("score", 10, "corrects", e)).post(API + "inspection/entries").then()
                .statusCode(400).body("errors.field", hasItem("corrects"));
        // the district is not a target of the other city
        as(otherAssessor).body(entry("score", 10)).post(API + "inspection/entries").then().statusCode(400)
                .body("errors.field", equalTo(List.of("target")));
        as(otherAssessor).get("/api/v1/assessment/runs/" + run + "/cards/" + w.district + "/entries").then()
                .statusCode(404);
        as(w.assessor).get(API + "inspection/entries").then().body("$", hasSize(1)).body("[0].current", equalTo(true));
    }

    @Test
    void the_ncity_demo_pack_brings_a_few_entries_of_each_source_and_its_multi_source_scheme_reads_them() {
        clock.reset();
        city.gridcity.support.DemoCity demo = city.gridcity.support.DemoCity.from("ncity", packs, provisioning);
        String admin = Api.token(demo.code(), "admin", demo.staffPassword());
        as(admin).get(API + "inspection/entries").then().statusCode(200).body("$", hasSize(4))
                .body("createdBy", equalTo(List.of("pack", "pack", "pack", "pack")));
        as(admin).get(API + "visit/entries").then().body("$", hasSize(3));
        as(admin).get(API + "supervision/entries").then().body("kind", equalTo(List.of("RESIDENT", "MEDIA")));
        int run = as(admin).body("{\"scheme\": \"districts-sources\", " + AssessmentWorld.NOVEMBER + "}")
                .post("/api/v1/assessment/runs").then().statusCode(201).extract().path("id");
        // 鼓楼区 920101: inspection (86 + 90) / 2 = 88 → 0.1 × 88 = 8.80; visit 100 − 2 = 98 → 9.80;
        // supervision 50 − 2 + 50 = 98 → 9.80; survey 88.5 → 8.85
        JsonPath card = as(admin).get("/api/v1/assessment/runs/" + run + "/cards/920101").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(8.8f, 9.8f, 9.8f, 8.85f), card.getList("components.weighted").subList(1, 5));
        as(admin).get("/api/v1/assessment/runs/" + run + "/cards/920101/entries").then().body("$", hasSize(5));
    }
}
