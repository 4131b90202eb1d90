package city.gridcity.cases;

import static city.gridcity.support.Api.as;

import city.gridcity.grid.GridGenerator;
import city.gridcity.support.Api;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A city ready for the closed loop, as prose: a grid, one user per role (the handler works for
 * sanitation), and helpers to report and act. {@code Loop.aCity()} is a new city per test.
 */
public final class Loop {

    static final GridGenerator.Spec GRID = new GridGenerator.Spec("9801", 7L, 118.60, 31.80, 2, 3, 6, 12, 90, 200, 1, 0);
    /** 公共厕所: a component owned by sanitation, limits A 3 working days / B 8 working hours. */
    static final String TOILET = "0301";

    final Api.City city;
    final String acceptor;
    final String dispatcher;
    final String handler;
    final String districtSupervisor;
    final String citySupervisor;
    final String assessor;
    final String resident;
    final String volunteer;
    /** Centres of unit grids, far enough apart that reports at different ones are not duplicates. */
    final List<double[]> spots;

    private Loop(Api.City city, List<double[]> spots) {
        this.city = city;
        this.spots = spots;
        this.acceptor = city.userWith("acceptor", "acceptor");
        this.dispatcher = city.userWith("dispatcher", "dispatcher");
        this.handler = city.userWith("handler", "department-handler");
        this.districtSupervisor = city.userWith("dsup", "district-supervisor");
        this.citySupervisor = city.userWith("csup", "city-supervisor");
        this.assessor = city.userWith("assessor", "assessor");
        this.volunteer = city.userWith("volunteer", "volunteer");
        Api.json().body(Map.of("phone", "13900002222", "password", Api.PASSWORD, "displayName", "居民张三"))
                .post("/api/v1/cities/" + city.code() + "/residents").then().statusCode(201);
        this.resident = Api.token(city.code(), "13900002222", Api.PASSWORD);
    }

    /** A new city with a small grid in force since 2026-01-01 and one user per role. */
    static Loop aCity() {
        Api.City city = Api.aCity();
        ObjectNode layout = GridGenerator.generate(GRID);
        as(city.adminToken()).body(layout.toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01").then()
                .statusCode(201);
        List<double[]> spots = new ArrayList<>();
        for (JsonNode f : layout.get("features")) {
            if ("unit".equals(f.get("properties").get("level").asText())) {
                spots.add(centre(f));
            }
        }
        // The walk-throughs attach photos only where they test photos.
        as(city.adminToken()).body(Map.of("evidenceAfter", false)).patch("/api/v1/catalog/component/" + TOILET)
                .then().statusCode(200);
        return new Loop(city, spots);
    }

    String admin() {
        return city.adminToken();
    }

    /** Reports a broken public toilet at spot {@code i} as the given user; returns the response. */
    ValidatableResponse report(String token, int spot, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "component", "classCode", TOILET,
                "lon", spots.get(spot)[0], "lat", spots.get(spot)[1], "description", "公共厕所门损坏，无法关闭"));
        body.putAll(extra);
        return as(token).body(body).post("/api/v1/cases").then();
    }

    /** Reports and returns the new case's number. */
    String reported(String token, int spot) {
        return report(token, spot, Map.of()).statusCode(201).extract().path("number");
    }

    ValidatableResponse act(String token, String number, String action, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("action", action);
        return as(token).body(body).post("/api/v1/cases/" + number + "/actions").then();
    }

    /** Acts and expects success. */
    ValidatableResponse did(String token, String number, String action, Map<String, Object> fields) {
        return act(token, number, action, fields).statusCode(200);
    }

    ValidatableResponse did(String token, String number, String action) {
        return did(token, number, action, Map.of());
    }

    /** Report → file (condition A) → dispatch to the routed department → accepted by the handler. */
    String caseInDisposal(int spot) {
        String number = reported(districtSupervisor, spot);
        did(acceptor, number, "file", Map.of("conditionCode", "A"));
        did(dispatcher, number, "dispatch");
        did(handler, number, "accept");
        return number;
    }

    ValidatableResponse get(String token, String number) {
        return as(token).get("/api/v1/cases/" + number).then();
    }

    List<String> actions(String number) {
        return as(admin()).get("/api/v1/cases/" + number + "/events").then().statusCode(200).extract().path("action");
    }

    static double[] centre(JsonNode feature) {
        ArrayNode ring = (ArrayNode) feature.get("geometry").get("coordinates").get(0);
        double x = 0;
        double y = 0;
        for (int i = 0; i < ring.size() - 1; i++) {
            x += ring.get(i).get(0).asDouble();
            y += ring.get(i).get(1).asDouble();
        }
        return new double[] {x / (ring.size() - 1), y / (ring.size() - 1)};
    }
}
