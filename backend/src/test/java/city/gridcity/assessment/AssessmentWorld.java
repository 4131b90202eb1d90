package city.gridcity.assessment;

import static city.gridcity.support.Api.as;

import city.gridcity.grid.GridGenerator;
import city.gridcity.support.Api;
import city.gridcity.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A city for the appeal and publication tests: its grid, staff, a district scheme with a deduction per reported case
 * and publication rules, and two reports of November in one district (one filed and closed on time, one left).
 * The city's work happens on Tuesday 10 November 2026; the run is computed on Tuesday 1 December, so its window of
 * three working days is open until the end of Friday 4 December.
 */
final class AssessmentWorld {

    static final GridGenerator.Spec GRID = AssessmentApiTest.GRID;
    static final String TOILET = "0301";
    static final String NOVEMBER = "\"from\": \"2026-11-01\", \"to\": \"2026-12-01\"";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * 立案率 proportional (50); 上报扣分: 50 − 10 per reported case (deduction-per-count). The district with both
     * cases: filing 1 of 2 → 25, reports 2 → 30: 55. The other district: nothing → 50 + 50 = 100.
     */
    static final String SCHEME = """
            {"effectiveFrom": "2026-01-01", "scheme": {"code": "districts", "name": "城区考评", "targets": "DISTRICT",
             "weightsMustAddUp": true, "components": [{"code": "system", "name": "系统数据", "weight": 1, "items": [
               {"code": "filing", "name": "立案率", "indicator": "filing-rate", "points": 50, "rule": "proportional",
                "noData": "FULL"},
               {"code": "reports", "name": "上报扣分", "indicator": "reports", "points": 50, "rule": "deduction-per-count",
                "params": {"k": 10}, "noData": "FULL"}]}],
             "publication": {"appealWindowDays": 3, "rules": [
               {"outcome": "COMMEND", "name": "通报表扬", "rankAtMost": 1},
               {"outcome": "ACCOUNT", "name": "约谈问责", "totalBelow": 85, "last": true}]}}}
            """;

    final TestClock clock;
    final Api.City city;
    final String assessor;
    final String dispatcher;
    final String handler;
    final String acceptor;
    final String supervisor;
    final List<double[]> spots = new ArrayList<>();
    String[] cases;
    String district;
    /** A handler of the district's own department (its area is the district): the target's user. */
    String districtHandler;

    AssessmentWorld(TestClock clock) {
        this.clock = clock;
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
        clock.set(LocalDateTime.of(2026, 11, 10, 9, 0).atZone(ZONE).toInstant());
        as(city.adminToken()).body(Map.of("baseCaseWeight", 2, "conditions", List.of(
                Map.of("code", "A", "text", "损坏、缺失", "limit", Map.of("amount", 3, "unit", "WORKING_DAYS"), "closing", "修复完好"),
                Map.of("code", "B", "text", "污损", "limit", Map.of("amount", 8, "unit", "WORKING_HOURS"), "closing", "清洁完好"))))
                .post("/api/v1/catalog/component/" + TOILET + "/rules").then().statusCode(201);
        as(city.adminToken()).body(SCHEME).put("/api/v1/assessment/schemes/districts").then().statusCode(201);
    }

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

    /** The two cases of November, then the clock on Tuesday 1 December; the district's department and its handler. */
    AssessmentWorld withTwoCases() {
        String closed = report(0);
        String waiting = report(1);
        clock.advance(Duration.ofMinutes(5));
        act(acceptor, closed, "file", Map.of("conditionCode", "B"));
        act(dispatcher, closed, "dispatch", Map.of());
        act(handler, closed, "accept", Map.of());
        clock.advance(Duration.ofMinutes(30));
        act(handler, closed, "report-back", Map.of());
        act(supervisor, closed, "verify-pass", Map.of());
        clock.set(LocalDateTime.of(2026, 12, 1, 10, 0).atZone(ZONE).toInstant());
        cases = new String[] {closed, waiting};
        district = as(city.adminToken()).get("/api/v1/case-facts/" + closed).then().statusCode(200).extract()
                .path("grid.district");
        return withDistrictDesk();
    }

    /** The district's own department (its area is {@link #district}) and its handler, the district's user. */
    AssessmentWorld withDistrictDesk() {
        as(city.adminToken()).body(Map.of("code", "district-office", "name", "区城管办", "kind", "DISTRICT_DEPARTMENT",
                "areaCodes", List.of(district))).post("/api/v1/departments").then().statusCode(201);
        as(city.adminToken()).body(Map.of("username", "districtdesk", "password", Api.PASSWORD, "displayName", "区城管办",
                "roles", List.of("department-handler"), "departmentCode", "district-office"))
                .post("/api/v1/users").then().statusCode(201);
        districtHandler = signedInOnRealTime("districtdesk");
        return this;
    }

    /** Tokens are checked against real time: sign in with the clock released, then put the city's day back. */
    String signedInOnRealTime(String username) {
        java.time.Instant now = clock.instant();
        clock.reset();
        try {
            return Api.token(city.code(), username, Api.PASSWORD);
        } finally {
            clock.set(now);
        }
    }

    /** Runs the scheme over November; the run's id. */
    int run() {
        return as(assessor).body("{\"scheme\": \"districts\", " + NOVEMBER + "}").post("/api/v1/assessment/runs").then()
                .log().ifValidationFails().statusCode(201).extract().path("id");
    }

    void on(int month, int day) {
        clock.set(LocalDateTime.of(2026, month, day, 10, 0).atZone(ZONE).toInstant());
    }
}
