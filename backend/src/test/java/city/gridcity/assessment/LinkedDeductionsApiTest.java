package city.gridcity.assessment;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.platform.PackLibrary;
import city.gridcity.platform.TenantProvisioning;
import city.gridcity.support.Api;
import city.gridcity.support.DemoCity;
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
import org.junit.jupiter.api.Test;

/**
 * A same-grid linked deduction (同网同责) over real case facts: a case left overdue at a department in November costs
 * the district on 按期结案率 and the department half of it; the department appeals the line and the recomputed version
 * drops it; a scheme linking an unknown item is refused naming the field.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class LinkedDeductionsApiTest {

    static final String DISTRICTS = """
            {"effectiveFrom": "2026-01-01", "scheme": {"code": "grid-districts", "name": "城区按期结案", "targets": "DISTRICT",
             "weightsMustAddUp": true, "components": [{"code": "system", "name": "系统数据", "weight": 1, "items": [
               {"code": "on-time-closure", "name": "按期结案率", "indicator": "on-time-closure-rate", "points": 50,
                "rule": "threshold-linear", "params": {"threshold": 0.70, "k": 1}, "noData": "FULL"}]}]}}
            """;

    static String departments(String item) {
        return """
                {"effectiveFrom": "2026-01-01", "scheme": {"code": "linked-departments", "name": "部门考评",
                 "targets": "DEPARTMENT", "weightsMustAddUp": true, "components": [{"code": "system", "name": "系统数据",
                 "weight": 1, "items": [{"code": "satisfaction", "name": "满意率", "indicator": "satisfaction-rate",
                 "points": 100, "rule": "proportional", "noData": "FULL"}]}],
                 "publication": {"appealWindowDays": 3},
                 "linked": [{"code": "same-grid", "name": "同网同责", "kind": "SAME_GRID", "scheme": "grid-districts",
                  "item": "%s", "share": 0.5}]}}
                """.formatted(item);
    }

    @Inject
    TestClock clock;

    @Inject
    PackLibrary packs;

    @Inject
    TenantProvisioning provisioning;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void a_department_is_charged_half_the_districts_deduction_for_its_overdue_case_and_an_upheld_appeal_takes_it_back() {
        // given: on Tuesday 10 November a case is filed (8 working hours to dispose), dispatched and accepted, and left;
        // on 1 December it is long overdue at its department
        AssessmentWorld w = new AssessmentWorld(clock);
        String late = w.report(2);
        w.act(w.acceptor, late, "file", Map.of("conditionCode", "B"));
        w.act(w.dispatcher, late, "dispatch", Map.of());
        w.act(w.handler, late, "accept", Map.of());
        w.on(12, 1);
        JsonPath fact = as(w.city.adminToken()).get("/api/v1/case-facts/" + late).then().statusCode(200).extract().jsonPath();
        String district = fact.getString("grid.district");
        String department = fact.getString("responsibleDepartment");
        as(w.city.adminToken()).body(DISTRICTS).put("/api/v1/assessment/schemes/grid-districts").then().statusCode(201);

        // a linked deduction of an item the districts' scheme does not have is refused, naming the field
        as(w.city.adminToken()).body(departments("no-such")).put("/api/v1/assessment/schemes/linked-departments").then()
                .statusCode(400).body("errors[0].field", equalTo("linked[0].item"));
        as(w.city.adminToken()).body(departments("on-time-closure")).put("/api/v1/assessment/schemes/linked-departments")
                .then().statusCode(201);

        // when: the departments are assessed over November
        int run = as(w.assessor).body("{\"scheme\": \"linked-departments\", " + AssessmentWorld.NOVEMBER + "}")
                .post("/api/v1/assessment/runs").then().statusCode(201).extract().path("id");

        // then: the district's one due case was not closed on time: 0 %, 70 points below 70 %, 50 − 70 → 0 of 50;
        // the 50 points lost fall on that one case; half of it, 25.00, is charged to the department: 100 − 25 = 75
        JsonPath card = as(w.assessor).get("/api/v1/assessment/runs/" + run + "/cards/" + department).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(75.0f, card.getFloat("total"));
        assertEquals(late, card.getString("linked[0].caseNumber"));
        assertEquals(district, card.getString("linked[0].from"));
        assertEquals("on-time-closure", card.getString("linked[0].fromItem"));
        assertEquals(50.0f, card.getFloat("linked[0].fromDeduction"));
        assertEquals(25.0f, card.getFloat("linked[0].points"));
        as(w.assessor).post("/api/v1/assessment/runs/" + run + "/reproduction").then().statusCode(200)
                .body("identical", equalTo(true));

        // and: the department's handler appeals the line; upheld, the new version leaves it out
        int appeal = as(w.handler).body(Map.of("target", department, "caseNumber", late, "item", "same-grid",
                "reason", "超期系街道未移交现场所致")).post("/api/v1/assessment/runs/" + run + "/appeals").then()
                .statusCode(201).extract().path("id");
        int second = as(w.assessor).body(Map.of("decision", "UPHELD", "reason", "核实属实"))
                .post("/api/v1/assessment/appeals/" + appeal + "/decision").then().statusCode(200)
                .extract().path("version.id");
        as(w.assessor).get("/api/v1/assessment/runs/" + second + "/cards/" + department).then().statusCode(200)
                .body("total", equalTo(100.0f)).body("linked", equalTo(null));
    }

    /** The departments' scheme linking the AssessmentWorld districts' 上报扣分 (50 − 10 per reported case), half shared. */
    static final String REPORTS_LINKED = """
            {"effectiveFrom": "2026-01-01", "scheme": {"code": "report-departments", "name": "部门考评",
             "targets": "DEPARTMENT", "weightsMustAddUp": true, "components": [{"code": "system", "name": "系统数据",
             "weight": 1, "items": [{"code": "satisfaction", "name": "满意率", "indicator": "satisfaction-rate",
             "points": 100, "rule": "proportional", "noData": "FULL"}]}],
             "publication": {"appealWindowDays": 3},
             "linked": [{"code": "same-grid", "name": "同网同责", "kind": "SAME_GRID", "scheme": "districts",
              "item": "reports", "share": 0.5}]}}
            """;

    @Test
    void an_appeal_upheld_in_the_districts_run_drops_the_departments_linked_line_for_its_case_in_a_new_version() {
        // given: on Tuesday 10 November three problems are reported in one district; two (A, B) are filed with 8
        // working hours to dispose, dispatched and accepted, and left: on 1 December both are long overdue at their
        // department; the third (C) is never filed
        AssessmentWorld w = new AssessmentWorld(clock);
        String a = w.report(0);
        String b = w.report(1);
        String c = w.report(2);
        for (String n : List.of(a, b)) {
            w.act(w.acceptor, n, "file", Map.of("conditionCode", "B"));
            w.act(w.dispatcher, n, "dispatch", Map.of());
            w.act(w.handler, n, "accept", Map.of());
        }
        w.on(12, 1);
        w.district = as(w.city.adminToken()).get("/api/v1/case-facts/" + a).then().statusCode(200).extract()
                .path("grid.district");
        for (String n : List.of(b, c)) {
            as(w.city.adminToken()).get("/api/v1/case-facts/" + n).then().body("grid.district", equalTo(w.district));
        }
        String department = as(w.city.adminToken()).get("/api/v1/case-facts/" + a).then().extract()
                .path("responsibleDepartment");
        w.withDistrictDesk();
        as(w.city.adminToken()).body(REPORTS_LINKED).put("/api/v1/assessment/schemes/report-departments").then()
                .statusCode(201);

        // when: the districts and then the departments are assessed over November
        int districts = w.run();
        int departments = as(w.assessor).body("{\"scheme\": \"report-departments\", " + AssessmentWorld.NOVEMBER + "}")
                .post("/api/v1/assessment/runs").then().statusCode(201).extract().path("id");

        // then: the district reported 3 cases: 50 − 3 × 10 = 20 of 50 on 上报扣分, 30 points lost, 10 per case; A and B
        // were overdue at the department: half of 10 each, 5.00 + 5.00, so the department has 100 − 10 = 90
        JsonPath card = as(w.assessor).get("/api/v1/assessment/runs/" + departments + "/cards/" + department).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(90.0f, card.getFloat("total"));
        assertEquals(List.of(a, b), card.getList("linked.caseNumber"));
        assertEquals(List.of(10.0f, 10.0f), card.getList("linked.fromDeduction"));
        assertEquals(List.of(5.0f, 5.0f), card.getList("linked.points"));
        // the run names the districts' run it read, with no upheld appeal in it yet
        as(w.assessor).get("/api/v1/assessment/runs/" + departments).then().statusCode(200)
                .body("sourceRuns.districts.run", equalTo(districts)).body("sourceRuns.districts.version", equalTo(1))
                .body("sourceRuns.districts.exclusions", equalTo(List.of()));

        // when: the district's user appeals case A of 上报扣分 in the districts' run and the assessor upholds it
        int appeal = as(w.districtHandler).body(Map.of("target", w.district, "item", "reports", "caseNumber", a,
                "reason", "该案件系误报，已核实")).post("/api/v1/assessment/runs/" + districts + "/appeals").then()
                .statusCode(201).extract().path("id");
        JsonPath decision = as(w.assessor).body(Map.of("decision", "UPHELD", "reason", "核实属实"))
                .post("/api/v1/assessment/appeals/" + appeal + "/decision").then().statusCode(200).extract().jsonPath();

        // then: the districts' second version counts 2 reports: 50 − 20 = 30 of 50, 20 lost, 10 per case (B, C); the
        // departments' run got its second version too: the line for A is gone, B's stays at half of 10 = 5.00, so the
        // department has 100 − 5 = 95; it names the districts' version and the appeal it applied
        int districtsSecond = decision.getInt("version.id");
        assertEquals(1, decision.getList("linked").size());
        int departmentsSecond = decision.getInt("linked[0].id");
        assertEquals(2, decision.getInt("linked[0].version"));
        as(w.assessor).get("/api/v1/assessment/runs/" + districtsSecond + "/cards/" + w.district).then()
                .body("items.find { it.code == 'reports' }.score", equalTo(30.0f));
        JsonPath after = as(w.assessor).get("/api/v1/assessment/runs/" + departmentsSecond + "/cards/" + department)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(95.0f, after.getFloat("total"));
        assertEquals(List.of(b), after.getList("linked.caseNumber"));
        assertEquals(List.of(5.0f), after.getList("linked.points"));
        as(w.assessor).get("/api/v1/assessment/runs/" + departmentsSecond).then().statusCode(200)
                .body("root", equalTo(departments))
                .body("sourceRuns.districts.run", equalTo(districtsSecond))
                .body("sourceRuns.districts.exclusions.appeal", equalTo(List.of(appeal)))
                .body("sourceRuns.districts.exclusions.caseNumber", equalTo(List.of(a)));

        // and: both departments' versions reproduce byte for byte from what they read; a departments' run started now
        // reads the upheld appeal at once
        for (int run : List.of(departments, departmentsSecond, districtsSecond)) {
            as(w.assessor).post("/api/v1/assessment/runs/" + run + "/reproduction").then().statusCode(200)
                    .body("identical", equalTo(true));
        }
        int fresh = as(w.assessor).body("{\"scheme\": \"report-departments\", " + AssessmentWorld.NOVEMBER + "}")
                .post("/api/v1/assessment/runs").then().statusCode(201).extract().path("id");
        as(w.assessor).get("/api/v1/assessment/runs/" + fresh + "/cards/" + department).then()
                .body("total", equalTo(95.0f));
    }

    @Test
    void the_nanning_pack_links_its_departments_to_its_districts_and_each_line_is_the_share_of_the_deduction_it_names() {
        DemoCity demo = DemoCity.from("ncity", packs, provisioning);
        String admin = Api.token(demo.code(), "admin", demo.staffPassword());
        as(admin).get("/api/v1/assessment/schemes").then().statusCode(200)
                .body("find { it.kind == 'SCHEME' && it.code == 'departments' }.body.linked.kind",
                        equalTo(List.of("SAME_GRID", "SAME_ITEM")))
                .body("find { it.kind == 'SCHEME' && it.code == 'departments' }.body.linked.share",
                        equalTo(List.of(0.5f, 0.3f)));
        int run = as(admin).body("{\"scheme\": \"departments\", " + AssessmentWorld.NOVEMBER + "}")
                .post("/api/v1/assessment/runs").then().statusCode(201).extract().path("id");
        as(admin).post("/api/v1/assessment/runs/" + run + "/reproduction").then().statusCode(200)
                .body("identical", equalTo(true));
        // every line: the share of the source's deduction for the case, as its card says it
        JsonPath ranking = as(admin).get("/api/v1/assessment/runs/" + run).then().statusCode(200).extract().jsonPath();
        for (String target : ranking.getList("ranking.target", String.class)) {
            JsonPath card = as(admin).get("/api/v1/assessment/runs/" + run + "/cards/" + target).then().statusCode(200)
                    .extract().jsonPath();
            List<Map<String, Object>> lines = card.getList("linked");
            for (Map<String, Object> line : lines == null ? List.<Map<String, Object>>of() : lines) {
                java.math.BigDecimal expected = new java.math.BigDecimal(line.get("fromDeduction").toString())
                        .multiply(new java.math.BigDecimal(line.get("share").toString()));
                assertEquals(expected.doubleValue(), Double.parseDouble(line.get("points").toString()), 0.01, line::toString);
            }
        }
    }
}
