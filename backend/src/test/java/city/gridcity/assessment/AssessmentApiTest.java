package city.gridcity.assessment;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.grid.GridGenerator;
import city.gridcity.platform.PackLibrary;
import city.gridcity.platform.TenantProvisioning;
import city.gridcity.support.Api;
import city.gridcity.support.DemoCity;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Assessment through the API: schemes and overlays as data (bad input named, nothing stored), runs over a month
 * of real case facts (reproduced byte for byte), score cards down to the cases, and the walls: roles, the
 * target's own card, and another city's rows. Tuesday 10 November 2026 in the city's time zone.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class AssessmentApiTest {

    static final GridGenerator.Spec GRID = new GridGenerator.Spec("9802", 8L, 118.70, 31.90, 2, 3, 6, 12, 90, 200, 1, 0);
    static final String TOILET = "0301";
    static final String NOVEMBER = "\"from\": \"2026-11-01\", \"to\": \"2026-12-01\"";

    @Inject
    TestClock clock;

    @Inject
    PackLibrary packs;

    @Inject
    TenantProvisioning provisioning;

    Api.City city;
    String assessor;
    String dispatcher;
    String handler;
    String acceptor;
    String supervisor;
    List<double[]> spots = new ArrayList<>();

    @BeforeEach
    void aCityOnTheTenthOfNovember() {
        city = Api.aCity();
        ObjectNode layout = GridGenerator.generate(GRID);
        as(city.adminToken()).body(layout.toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01").then()
                .statusCode(201);
        for (JsonNode f : layout.get("features")) {
            if ("unit".equals(f.get("properties").get("level").asText())) {
                ArrayNode ring = (ArrayNode) f.get("geometry").get("coordinates").get(0);
                double x = 0;
                double y = 0;
                for (int i = 0; i < ring.size() - 1; i++) {
                    x += ring.get(i).get(0).asDouble();
                    y += ring.get(i).get(1).asDouble();
                }
                spots.add(new double[] {x / (ring.size() - 1), y / (ring.size() - 1)});
            }
        }
        as(city.adminToken()).body(Map.of("evidenceAfter", false)).patch("/api/v1/catalog/component/" + TOILET)
                .then().statusCode(200);
        assessor = city.userWith("assessor", "assessor");
        dispatcher = city.userWith("dispatcher", "dispatcher");
        handler = city.userWith("handler", "department-handler");
        acceptor = city.userWith("acceptor", "acceptor");
        supervisor = city.userWith("dsup", "district-supervisor");
        // signed in on real time (tokens are checked against it); the city's work happens on the 10th
        clock.set(LocalDateTime.of(2026, 11, 10, 9, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
        // the toilet's rule from now on: condition B gives the disposal 8 working hours
        as(city.adminToken()).body(Map.of("baseCaseWeight", 2, "conditions", List.of(
                Map.of("code", "A", "text", "损坏、缺失", "limit", Map.of("amount", 3, "unit", "WORKING_DAYS"), "closing", "修复完好"),
                Map.of("code", "B", "text", "污损", "limit", Map.of("amount", 8, "unit", "WORKING_HOURS"), "closing", "清洁完好"))))
                .post("/api/v1/catalog/component/" + TOILET + "/rules").then().statusCode(201);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** 立案率 proportional (50), 按期结案率 ≥ 70 % (50, −1 per point); districts, one component. */
    static String districtScheme(String weight) {
        return """
                {"effectiveFrom": "2026-01-01", "scheme": {"code": "districts", "name": "城区考评", "targets": "DISTRICT",
                 "weightsMustAddUp": true, "components": [{"code": "system", "name": "系统数据", "weight": %s, "items": [
                   {"code": "filing", "name": "立案率", "indicator": "filing-rate", "points": 50, "rule": "proportional",
                    "noData": "FULL"},
                   {"code": "on-time", "name": "按期结案率", "indicator": "on-time-closure-rate", "points": 50,
                    "rule": "threshold-linear", "params": {"threshold": 0.7, "k": 1}, "noData": "FULL"}]}]}}
                """.formatted(weight);
    }

    static final String DUST = """
            {"effectiveFrom": "2026-01-01", "overlay": {"code": "dust", "name": "扬尘治理", "baseline": "districts",
             "components": [{"code": "dust", "name": "扬尘", "weight": 0.2, "items": [{"code": "dust-reports",
               "name": "上报数", "indicator": "reports", "points": 10, "rule": "deduction-per-count-inverse",
               "params": {"k": 5}, "noData": "FULL"}]}],
             "weights": {"system": 0.8, "dust": 0.2}}}
            """;

    String report(int spot) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "component", "classCode", TOILET,
                "lon", spots.get(spot)[0], "lat", spots.get(spot)[1], "description", "公共厕所门损坏，无法关闭"));
        return as(supervisor).body(body).post("/api/v1/cases").then().log().ifValidationFails().statusCode(201)
                .extract().path("number");
    }

    void act(String token, String number, String action, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("action", action);
        as(token).body(body).post("/api/v1/cases/" + number + "/actions").then().statusCode(200);
    }

    /** Two reports at neighbouring spots: the first filed, handled and verified within its limit, the second left. */
    String[] twoCases() {
        String closed = report(0);
        String waiting = report(1);
        clock.advance(Duration.ofMinutes(5));
        act(acceptor, closed, "file", Map.of("conditionCode", "B"));
        act(dispatcher, closed, "dispatch", Map.of());
        act(handler, closed, "accept", Map.of());
        clock.advance(Duration.ofMinutes(30));
        act(handler, closed, "report-back", Map.of());
        act(supervisor, closed, "verify-pass", Map.of());
        clock.advance(Duration.ofDays(21));
        return new String[] {closed, waiting};
    }

    String districtOf(String number) {
        return as(city.adminToken()).get("/api/v1/case-facts/" + number).then().statusCode(200).extract()
                .path("grid.district");
    }

    @Test
    void an_administrator_adds_a_scheme_and_an_overlay_and_the_composite_is_computed_from_both() {
        as(city.adminToken()).body(districtScheme("1")).put("/api/v1/assessment/schemes/districts").then().statusCode(201)
                .body("version", equalTo(1)).body("createdBy", equalTo("admin"));
        as(city.adminToken()).body(DUST).put("/api/v1/assessment/overlays/dust").then().statusCode(201)
                .body("baseline", equalTo("districts"));

        as(assessor).get("/api/v1/assessment/schemes/districts/composite?overlay=dust").then().statusCode(200)
                .body("code", equalTo("districts+dust"))
                .body("components.code", equalTo(List.of("system", "dust")))
                .body("components[0].weight", equalTo(0.8f));

        // a second version of the baseline (from today, 10 November: not before) shows in the composite at once:
        // nothing was copied
        as(city.adminToken()).body(districtScheme("1").replace("\"points\": 50, \"rule\": \"proportional\"",
                "\"points\": 40, \"rule\": \"proportional\"").replace("\"weight\": 1", "\"weight\": 1.0")
                .replace("2026-01-01", "2026-11-10"))
                .put("/api/v1/assessment/schemes/districts").then().statusCode(201).body("version", equalTo(2));
        as(assessor).get("/api/v1/assessment/schemes/districts/composite?overlay=dust").then().statusCode(200)
                .body("components[0].items[0].points", equalTo(40));
        as(assessor).get("/api/v1/assessment/schemes/districts/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2)));
    }

    @Test
    void a_scheme_with_an_unknown_indicator_or_weights_not_adding_up_is_refused_naming_the_field_and_nothing_is_stored() {
        as(city.adminToken()).body(districtScheme("1").replace("filing-rate", "happiness-rate"))
                .put("/api/v1/assessment/schemes/districts").then().statusCode(400)
                .body("errors.field", hasItem("components[0].items[0].indicator"));
        as(city.adminToken()).body(districtScheme("0.6")).put("/api/v1/assessment/schemes/districts").then()
                .statusCode(400).body("errors[0].field", equalTo("components"));
        as(city.adminToken()).get("/api/v1/assessment/schemes/districts/versions").then().statusCode(404);
        as(city.adminToken()).get("/api/v1/assessment/schemes").then().statusCode(200).body("$", empty());
        // an overlay on a baseline the city does not have
        as(city.adminToken()).body(DUST).put("/api/v1/assessment/overlays/dust").then().statusCode(400)
                .body("errors.field", hasItem("baseline"));
    }

    @Test
    void a_period_in_the_future_is_refused_naming_from_and_nothing_is_stored() {
        as(city.adminToken()).body(districtScheme("1")).put("/api/v1/assessment/schemes/districts").then().statusCode(201);
        as(assessor).body("{\"scheme\": \"districts\", \"from\": \"2026-12-01\", \"to\": \"2027-01-01\"}")
                .post("/api/v1/assessment/runs").then().statusCode(400).body("errors[0].field", equalTo("from"));
        as(assessor).body("{\"scheme\": \"nothing\", " + NOVEMBER + "}").post("/api/v1/assessment/runs").then()
                .statusCode(400).body("errors[0].field", equalTo("scheme"));
        as(assessor).get("/api/v1/assessment/runs").then().statusCode(200).body("$", empty());
    }

    @Test
    void a_run_scores_every_district_shows_the_cases_behind_a_deduction_and_is_reproduced_byte_for_byte() {
        as(city.adminToken()).body(districtScheme("1")).put("/api/v1/assessment/schemes/districts").then().statusCode(201);
        as(city.adminToken()).body(DUST).put("/api/v1/assessment/overlays/dust").then().statusCode(201);
        String[] cases = twoCases();
        String district = districtOf(cases[0]);
        assertEquals(district, districtOf(cases[1]), "neighbouring spots lie in one district");

        JsonPath run = as(assessor).body("{\"scheme\": \"districts\", \"overlay\": \"dust\", " + NOVEMBER + "}")
                .post("/api/v1/assessment/runs").then().statusCode(201)
                .body("schemeVersion", equalTo(1)).body("overlayVersion", equalTo(1)).body("targets", equalTo(2))
                .extract().jsonPath();
        int id = run.getInt("id");

        // filing 1 of 2 → 25 of 50; on time 1 of 1 → 50; system 75 / 100 × 0.8 = 60; dust 2 reports × 5 = 10 of 10
        // → 20; total 80. The other district: no reports → filing full, nothing due → full: 80, but 0 reports earn
        // 0 of the dust points: 80 too. Equal totals share the rank.
        JsonPath card = as(assessor).get("/api/v1/assessment/runs/" + id + "/cards/" + district).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(25.0f, card.getFloat("items.find { it.code == 'filing' }.score"));
        assertEquals(List.of(cases[0]), card.getList("items.find { it.code == 'filing' }.measure.inputs"));
        assertEquals(50.0f, card.getFloat("items.find { it.code == 'on-time' }.score"));
        assertEquals(80.0f, card.getFloat("total"));
        assertEquals(1, card.getInt("rank"));
        assertEquals(List.of(1, 1), run.getList("ranking.rank"));
        assertEquals(List.of(80.0f, 80.0f), run.getList("ranking.total"));
        assertEquals(20.0f, card.getFloat("components.find { it.code == 'dust' }.weighted"));

        as(assessor).post("/api/v1/assessment/runs/" + id + "/reproduction").then().statusCode(200)
                .body("identical", equalTo(true));
        JsonPath again = as(city.adminToken()).body("{\"scheme\": \"districts\", \"overlay\": \"dust\", " + NOVEMBER + "}")
                .post("/api/v1/assessment/runs").then().statusCode(201).extract().jsonPath();
        assertEquals(run.getString("inputDigest"), again.getString("inputDigest"));
        as(assessor).get("/api/v1/assessment/runs").then().statusCode(200).body("id", hasItems(id, again.getInt("id")));
    }

    @Test
    void a_departments_handler_sees_their_own_departments_card_and_no_other_and_other_roles_are_refused() {
        as(city.adminToken()).body("""
                {"effectiveFrom": "2026-01-01", "scheme": {"code": "departments", "name": "部门考评",
                 "targets": "DEPARTMENT", "weightsMustAddUp": true, "components": [{"code": "system", "name": "系统数据",
                 "weight": 1, "items": [{"code": "on-time", "name": "按期处置率", "indicator": "on-time-closure-rate",
                 "points": 100, "rule": "proportional", "noData": "FULL"}]}]}}
                """).put("/api/v1/assessment/schemes/departments").then().statusCode(201);
        twoCases();
        int id = as(assessor).body("{\"scheme\": \"departments\", " + NOVEMBER + "}").post("/api/v1/assessment/runs")
                .then().statusCode(201).extract().path("id");

        as(handler).get("/api/v1/assessment/runs/" + id + "/cards/sanitation").then().statusCode(200)
                .body("total", equalTo(100.0f));
        as(handler).get("/api/v1/assessment/runs/" + id + "/cards/water").then().statusCode(403);
        as(handler).get("/api/v1/assessment/runs/" + id).then().statusCode(403);
        as(supervisor).get("/api/v1/assessment/runs/" + id + "/cards/sanitation").then().statusCode(403);
        as(dispatcher).body("{\"scheme\": \"departments\", " + NOVEMBER + "}").post("/api/v1/assessment/runs").then()
                .statusCode(403);
        as(assessor).body(districtScheme("1")).put("/api/v1/assessment/schemes/districts").then().statusCode(403);
    }

    @Test
    void a_user_of_another_city_sees_nothing_of_this_citys_schemes_runs_and_cards() {
        as(city.adminToken()).body(districtScheme("1")).put("/api/v1/assessment/schemes/districts").then().statusCode(201);
        as(city.adminToken()).body(DUST).put("/api/v1/assessment/overlays/dust").then().statusCode(201);
        int id = as(assessor).body("{\"scheme\": \"districts\", " + NOVEMBER + "}").post("/api/v1/assessment/runs")
                .then().statusCode(201).extract().path("id");
        String district = as(assessor).get("/api/v1/assessment/runs/" + id).then().extract().path("ranking[0].target");

        clock.reset();
        Api.City other = Api.aCity();
        String otherAssessor = other.userWith("assessor", "assessor");
        for (String token : List.of(other.adminToken(), otherAssessor)) {
            as(token).get("/api/v1/assessment/runs/" + id).then().statusCode(404);
            as(token).get("/api/v1/assessment/runs/" + id + "/cards/" + district).then().statusCode(404);
            as(token).post("/api/v1/assessment/runs/" + id + "/reproduction").then().statusCode(404);
            as(token).get("/api/v1/assessment/runs").then().statusCode(200).body("id", not(hasItem(id)));
            as(token).get("/api/v1/assessment/schemes").then().statusCode(200).body("$", empty());
            as(token).get("/api/v1/assessment/schemes/districts/versions").then().statusCode(404);
            as(token).get("/api/v1/assessment/overlays/dust/versions").then().statusCode(404);
            as(token).get("/api/v1/assessment/schemes/districts/composite").then().statusCode(404);
            as(token).body("{\"scheme\": \"districts\", " + NOVEMBER + "}").post("/api/v1/assessment/runs").then()
                    .statusCode(400).body("errors[0].field", equalTo("scheme"));
        }
    }

    @Test
    void each_demo_city_brings_its_baseline_and_kcity_its_dust_and_civilized_city_overlays() {
        for (String pack : List.of("bcity", "ncity", "kcity")) {
            clock.reset();
            DemoCity demo = DemoCity.from(pack, packs, provisioning);
            String admin = Api.token(demo.code(), "admin", demo.staffPassword());
            as(admin).get("/api/v1/assessment/schemes").then().statusCode(200)
                    .body("findAll { it.kind == 'SCHEME' }.code", hasItem("districts"))
                    // each pack's publication rules: five working days to appeal, the top two commended, a last under 85 called to account
                    .body("find { it.kind == 'SCHEME' && it.code == 'districts' }.body.publication.appealWindowDays", equalTo(5))
                    .body("find { it.kind == 'SCHEME' && it.code == 'districts' }.body.publication.rules.outcome",
                            equalTo(List.of("COMMEND", "ACCOUNT")));
            if (pack.equals("kcity")) {
                as(admin).get("/api/v1/assessment/schemes").then()
                        .body("findAll { it.kind == 'OVERLAY' }.code", hasItems("dust", "civilized"));
                as(admin).body("{\"scheme\": \"districts\", \"overlay\": \"civilized\", " + NOVEMBER + "}")
                        .post("/api/v1/assessment/runs").then().statusCode(201).body("targets", equalTo(3));
            }
        }
    }

    @Test
    void a_pack_whose_assessment_is_wrong_is_refused_naming_each_path_and_no_city_is_created() throws Exception {
        clock.reset();
        String code = "evalcity" + System.nanoTime() % 10_000;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("tenant.yaml"));
            zip.write("""
                    code: %s
                    name: {zh: 考评市, en: Assessment City}
                    administrators:
                      - username: boss
                    assessment:
                      schemes:
                        - code: districts
                          name: 城区考评
                          targets: DISTRICT
                          weightsMustAddUp: true
                          components:
                            - {code: system, name: 系统数据, weight: 1, items: [{code: x, name: x, indicator: happiness,
                               points: 10, rule: proportional, noData: FULL}]}
                      overlays:
                        - {code: dust, name: 扬尘, baseline: nowhere}
                    """.formatted(code).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        as(Api.operatorToken()).contentType("application/zip").body(bytes.toByteArray())
                .post("/api/v1/platform/tenants/packs").then().statusCode(400)
                .body("errors.field", hasItems("tenant.yaml#/assessment/schemes/0/components[0].items[0].indicator",
                        "tenant.yaml#/assessment/overlays/0/baseline"));
        as(Api.operatorToken()).get("/api/v1/platform/tenants/" + code).then().statusCode(404);
    }
}
