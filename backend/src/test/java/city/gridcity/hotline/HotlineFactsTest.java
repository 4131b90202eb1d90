package city.gridcity.hotline;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.cases.LoopAccess;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 发现率 and 未诉先办率 from the case facts: the daily matching records its outcome on both cases' history, the facts
 * keep it (and a rebuild makes the same), and an assessment run reads it from the facts.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class HotlineFactsTest {

    static final String SCHEME = """
            {"effectiveFrom": "2026-01-01", "scheme": {"code": "hotline", "name": "热线比对考评", "targets": "DISTRICT",
             "weightsMustAddUp": true, "components": [{"code": "system", "name": "系统数据", "weight": 1, "items": [
              {"code": "discovery", "name": "发现率", "indicator": "discovery-rate", "points": 50, "rule": "proportional",
               "noData": "FULL"},
              {"code": "before", "name": "未诉先办率", "indicator": "solved-before-complaint-rate", "points": 50,
               "rule": "proportional", "noData": "FULL"}]}]}}
            """;

    @Test
    void the_matching_writes_the_discovery_and_solved_before_complained_facts_that_a_run_reads_and_a_rebuild_remakes()
            throws SQLException {
        // given: the grid found and closed one problem (spot 34) before anyone called about it; it found another
        // (spot 36) before the call but closed it only after; a third (spot 35) it never found
        LoopAccess loop = LoopAccess.aCity();
        String hotline = loop.city().userWith("hotline", "hotline-platform");
        String assessor = loop.city().userWith("hotline-assessor", "assessor");
        String closedFirst = loop.reportBySupervisor(34);
        loop.closeThroughTheLoop(closedFirst);
        String openAtTheCall = loop.reportBySupervisor(36);
        String c1 = as(hotline).body(HotlineIntakeTest.complaint(loop, "T-F1", 34)).post("/api/v1/hotline/complaints")
                .then().statusCode(201).extract().path("caseNumber");
        String c2 = as(hotline).body(HotlineIntakeTest.complaint(loop, "T-F2", 35)).post("/api/v1/hotline/complaints")
                .then().statusCode(201).extract().path("caseNumber");
        String c3 = as(hotline).body(HotlineIntakeTest.complaint(loop, "T-F3", 36)).post("/api/v1/hotline/complaints")
                .then().statusCode(201).extract().path("caseNumber");

        // when: the day is matched, and the second finding is closed after its call
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        as(loop.admin()).queryParam("day", today.toString()).post("/api/v1/hotline/matching").then().statusCode(200)
                .body("matched", equalTo(3));
        loop.closeThroughTheLoop(openAtTheCall);

        // then: each case's history has the matching's event, with the finding it met
        as(loop.acceptor()).get("/api/v1/cases/" + c1 + "/events").then().statusCode(200)
                .body("find { it.action == 'hotline-match' }.data", allOf(containsString("finding"), containsString(closedFirst)));
        as(loop.acceptor()).get("/api/v1/cases/" + openAtTheCall + "/events").then().statusCode(200)
                .body("find { it.action == 'hotline-match' }.data", allOf(containsString("complaint"), containsString(c3)))
                .body("find { it.action == 'hotline-match' }.to", equalTo("REPORTED"));

        // and a run reads the facts: 发现率 = 2 of the 3 complaints looked at met a finding (c1, c3) = 0.6667, the one
        // not found (c2) behind it; 未诉先办率 = 1 of the 2 findings closed today was closed before any call about it
        // = 0.5000, the one called about first behind it; 50 × 0.6667 + 50 × 0.5 = 58.34 (each item rounded first)
        String district = loop.get(loop.acceptor(), c1).extract().<String>path("grid.unit").substring(0, 6);
        as(loop.admin()).body(SCHEME).put("/api/v1/assessment/schemes/hotline").then().statusCode(201);
        String period = "{\"scheme\": \"hotline\", \"from\": \"" + today + "\", \"to\": \"" + today.plusDays(1) + "\"}";
        int run = as(assessor).body(period).post("/api/v1/assessment/runs").then().statusCode(201).extract().path("id");
        JsonPath card = as(assessor).get("/api/v1/assessment/runs/" + run + "/cards/" + district).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(0.6667f, card.getFloat("items.find { it.code == 'discovery' }.value"));
        assertEquals(2, card.getInt("items.find { it.code == 'discovery' }.measure.numerator"));
        assertEquals(3, card.getInt("items.find { it.code == 'discovery' }.measure.denominator"));
        assertEquals(List.of(c2), card.getList("items.find { it.code == 'discovery' }.measure.inputs"));
        assertEquals(0.5f, card.getFloat("items.find { it.code == 'before' }.value"));
        assertEquals(List.of(openAtTheCall), card.getList("items.find { it.code == 'before' }.measure.inputs"));

        // and the facts rebuilt from the history are the same rows; wiped, the rebuild makes them again (the three
        // complaints and the two findings) and the run reproduces byte for byte
        as(loop.admin()).post("/api/v1/case-facts/rebuild").then().statusCode(200).body("differed", equalTo(0));
        try (Connection db = PostgresResource.superuser();
             PreparedStatement s = db.prepareStatement("UPDATE case_facts SET hotline_checked_at = NULL, "
                     + "hotline_finding = NULL, found_before_complaint = false, solved_before_complaint = false, "
                     + "complaint_count = 0, first_complaint_at = NULL WHERE tenant_id = ?")) {
            s.setString(1, loop.city().code());
            s.executeUpdate();
        }
        as(loop.admin()).post("/api/v1/case-facts/rebuild").then().statusCode(200).body("differed", equalTo(5));
        as(assessor).post("/api/v1/assessment/runs/" + run + "/reproduction").then().statusCode(200)
                .body("identical", equalTo(true));
    }
}
