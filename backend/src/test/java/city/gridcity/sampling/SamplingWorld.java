package city.gridcity.sampling;

import static city.gridcity.support.Api.as;

import city.gridcity.grid.GridGenerator;
import city.gridcity.support.Api;
import city.gridcity.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A city for the sampling tests: a grid, the reviewers (a city supervisor and an assessor), a district supervisor,
 * and on Tuesday 10 November 2026 five reports by the district supervisor and one by the city supervisor.
 * Tokens are taken on real time before the clock is set (they are checked against real time).
 */
final class SamplingWorld {

    static final GridGenerator.Spec GRID = new GridGenerator.Spec("9836", 36L, 118.60, 31.80, 2, 3, 6, 12, 90, 200, 1, 0);
    static final String TOILET = "0301";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate TENTH = LocalDate.of(2026, 11, 10);

    final TestClock clock;
    final Api.City city;
    final String assessor;
    final String reviewer;
    final String supervisor;
    final String dispatcher;
    final List<double[]> spots = new ArrayList<>();
    /** The district supervisor's five reports of the 10th. */
    final List<String> reports = new ArrayList<>();
    String cityReport;

    SamplingWorld(TestClock clock) {
        this.clock = clock;
        clock.reset();
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
        assessor = city.userWith("assessor", "assessor");
        reviewer = city.userWith("csup", "city-supervisor");
        supervisor = city.userWith("dsup", "district-supervisor");
        dispatcher = city.userWith("dispatcher", "dispatcher");
        as(city.adminToken()).body(Map.of("evidenceAfter", false)).patch("/api/v1/catalog/component/" + TOILET)
                .then().statusCode(200);
        at(TENTH, 9, 0);
        as(city.adminToken()).body(Map.of("baseCaseWeight", 1, "conditions", List.of(
                Map.of("code", "A", "text", "损坏、缺失", "limit", Map.of("amount", 3, "unit", "WORKING_DAYS"), "closing", "修复完好"))))
                .post("/api/v1/catalog/component/" + TOILET + "/rules").then().statusCode(201);
    }

    /** The five district supervisor reports and the city supervisor's one, on the 10th. */
    SamplingWorld withReports() {
        for (int i = 0; i < 5; i++) {
            reports.add(report(supervisor, i));
        }
        cityReport = report(reviewer, 5);
        return this;
    }

    String report(String token, int spot) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "component", "classCode", TOILET,
                "lon", spots.get(spot)[0], "lat", spots.get(spot)[1], "description", "公共厕所门损坏，无法关闭"));
        return as(token).body(body).post("/api/v1/cases").then().log().ifValidationFails().statusCode(201)
                .extract().path("number");
    }

    void at(LocalDate day, int hour, int minute) {
        clock.set(LocalDateTime.of(day, java.time.LocalTime.of(hour, minute)).atZone(ZONE).toInstant());
    }

    String districtOf(String number) {
        return as(city.adminToken()).get("/api/v1/case-facts/" + number).then().statusCode(200).extract()
                .path("grid.district");
    }
}
