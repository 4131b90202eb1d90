package city.gridcity.hotline;

import static city.gridcity.support.Api.as;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hotline matches made before V40 (a hotline_match row, no hotline-match events, so nothing in the case facts) are
 * written into the cases' history and facts by V46's backfill: the indicators read them, a facts rebuild keeps them,
 * and running the backfill again writes nothing.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class HotlineMatchBackfillTest {

    @Test
    void a_match_made_before_the_hotline_facts_shows_in_the_discovery_and_solved_before_complaint_inputs_after_the_backfill()
            throws SQLException {
        // given: the grid found and closed one problem (spot 34) before anyone called; it found another (spot 36)
        // before the call and closed it only after; a third (spot 35) it never found. The three complaints were
        // matched the old way: rows in hotline_match only, as the matching wrote them before V40.
        LoopAccess loop = LoopAccess.aCity();
        String hotline = loop.city().userWith("hotline", "hotline-platform");
        String assessor = loop.city().userWith("hotline-assessor", "assessor");
        String closedFirst = loop.reportBySupervisor(34);
        loop.closeThroughTheLoop(closedFirst);
        String openAtTheCall = loop.reportBySupervisor(36);
        String c1 = as(hotline).body(HotlineIntakeTest.complaint(loop, "T-B1", 34)).post("/api/v1/hotline/complaints")
                .then().statusCode(201).extract().path("caseNumber");
        String c2 = as(hotline).body(HotlineIntakeTest.complaint(loop, "T-B2", 35)).post("/api/v1/hotline/complaints")
                .then().statusCode(201).extract().path("caseNumber");
        String c3 = as(hotline).body(HotlineIntakeTest.complaint(loop, "T-B3", 36)).post("/api/v1/hotline/complaints")
                .then().statusCode(201).extract().path("caseNumber");
        String city = loop.city().code();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        Instant matchedAt = Instant.now();
        oldMatch(city, today, c1, closedFirst, true, true, matchedAt);
        oldMatch(city, today, c2, null, false, false, matchedAt);
        oldMatch(city, today, c3, openAtTheCall, true, false, matchedAt);
        loop.closeThroughTheLoop(openAtTheCall);
        String district = loop.get(loop.acceptor(), c1).extract().<String>path("grid.unit").substring(0, 6);
        as(loop.admin()).body(HotlineFactsTest.SCHEME).put("/api/v1/assessment/schemes/hotline").then().statusCode(201);
        String period = "{\"scheme\": \"hotline\", \"from\": \"" + today + "\", \"to\": \"" + today.plusDays(1) + "\"}";

        // before the backfill the facts know nothing of them: no complaint looked at, no finding met by a call
        JsonPath before = card(assessor, period, district);
        assertEquals(0, before.getInt("items.find { it.code == 'discovery' }.measure.denominator"));
        assertEquals(List.of(), before.getList("items.find { it.code == 'before' }.measure.inputs"));

        // when: V46's backfill runs for the city
        assertEquals(3, backfill(city));

        // then: 发现率 = 2 of the 3 complaints looked at met a finding (c1, c3) = 0.6667, the one not found (c2) behind
        // it; 未诉先办率 = 1 of the 2 findings closed today was closed before any call about it = 0.5000, the one called
        // about first behind it: the same as had the matching written them since V40
        JsonPath card = card(assessor, period, district);
        assertEquals(2, card.getInt("items.find { it.code == 'discovery' }.measure.numerator"));
        assertEquals(3, card.getInt("items.find { it.code == 'discovery' }.measure.denominator"));
        assertEquals(0.6667f, card.getFloat("items.find { it.code == 'discovery' }.value"));
        assertEquals(List.of(c2), card.getList("items.find { it.code == 'discovery' }.measure.inputs"));
        assertEquals(0.5f, card.getFloat("items.find { it.code == 'before' }.value"));
        assertEquals(List.of(openAtTheCall), card.getList("items.find { it.code == 'before' }.measure.inputs"));
        // the complaint's facts keep the old match's outcome: found first and solved first for c1
        as(loop.admin()).get("/api/v1/case-facts/" + c1).then().statusCode(200)
                .body("hotline.finding", equalTo(closedFirst)).body("hotline.foundBefore", equalTo(true))
                .body("hotline.solvedBefore", equalTo(true));
        as(loop.admin()).get("/api/v1/case-facts/" + c3).then().statusCode(200)
                .body("hotline.foundBefore", equalTo(true)).body("hotline.solvedBefore", equalTo(false));

        // and the events are the history now: a rebuild from it changes no row; the backfill again writes nothing
        as(loop.admin()).post("/api/v1/case-facts/rebuild").then().statusCode(200).body("differed", equalTo(0));
        assertEquals(0, backfill(city));
        as(loop.acceptor()).get("/api/v1/cases/" + openAtTheCall + "/events").then().statusCode(200)
                .body("findAll { it.action == 'hotline-match' }.size()", equalTo(1));
    }

    private static JsonPath card(String assessor, String period, String district) {
        int run = as(assessor).body(period).post("/api/v1/assessment/runs").then().statusCode(201).extract().path("id");
        return as(assessor).get("/api/v1/assessment/runs/" + run + "/cards/" + district).then().statusCode(200)
                .extract().jsonPath();
    }

    /** A match row as the matching wrote it before V40: no events on either case. */
    private static void oldMatch(String city, LocalDate day, String complaint, String finding, boolean foundFirst,
                                 boolean solvedFirst, Instant at) throws SQLException {
        try (Connection db = PostgresResource.superuser();
             PreparedStatement s = db.prepareStatement("INSERT INTO hotline_match (tenant_id, day, hotline_case_id, "
                     + "grid_case_id, found_first, solved_first, matched_at) VALUES (?, ?, "
                     + "(SELECT id FROM city_case WHERE tenant_id = ? AND number = ?), "
                     + "(SELECT id FROM city_case WHERE tenant_id = ? AND number = ?), ?, ?, ?)")) {
            s.setString(1, city);
            s.setObject(2, day);
            s.setString(3, city);
            s.setString(4, complaint);
            s.setString(5, city);
            s.setString(6, finding);
            s.setBoolean(7, foundFirst);
            s.setBoolean(8, solvedFirst);
            s.setTimestamp(9, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    private static int backfill(String city) throws SQLException {
        try (Connection db = PostgresResource.superuser();
             PreparedStatement s = db.prepareStatement("SELECT gridcity_backfill_hotline_match_events(?)")) {
            s.setString(1, city);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
