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
