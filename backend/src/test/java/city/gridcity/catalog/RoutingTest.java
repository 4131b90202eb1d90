package city.gridcity.catalog;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import city.gridcity.grid.GridGenerator;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Components go to their owner, events to the locality, and overrides per district or street win. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class RoutingTest {

    static final GridGenerator.Spec SMALL = new GridGenerator.Spec("9501", 17L, 118.50, 31.50, 2, 4, 8, 16, 120, 200, 0, 0);

    @Test
    void the_responsible_department_follows_owner_locality_and_overrides() {
        Api.City city = Api.aCity();
        ObjectNode layout = GridGenerator.generate(SMALL);
        as(city.adminToken()).body(layout.toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01").then().statusCode(201);
        double[] inFirstStreet = centreOfUnitIn(layout, "950101001");
        double[] inSecondStreet = centreOfUnitIn(layout, "950101002");
        String dispatcher = city.userWith("disp", "dispatcher");

        // a component (manhole cover) goes to its owner
        responsible(dispatcher, "component/0101", inFirstStreet).body("responsible.departmentCode", equalTo("water"))
                .body("street", equalTo("950101001"));
        // an event (piled rubbish) goes to the locality: once street 950101001 has a street office, to it
        responsible(dispatcher, "event/0102", inFirstStreet).body("responsible.departmentCode", equalTo("sanitation"));
        as(city.adminToken()).body(Map.of("code", "first-street", "name", "第一街道办事处", "kind", "STREET_OFFICE",
                "areaCodes", List.of("950101001"))).post("/api/v1/departments").then().statusCode(201);
        responsible(dispatcher, "event/0102", inFirstStreet).body("responsible.departmentCode", equalTo("first-street"))
                .body("responsible.reason", containsString("locality"));
        responsible(dispatcher, "event/0102", inSecondStreet).body("responsible.departmentCode", equalTo("sanitation"));

        // a district override, and a street override that beats it
        as(city.adminToken()).body(Map.of("overrides", List.of(Map.of("area", "950101", "department", "drainage"),
                Map.of("area", "950101002", "department", "roads")))).put("/api/v1/catalog/component/0101/routing").then()
                .statusCode(200);
        responsible(dispatcher, "component/0101", inFirstStreet).body("responsible.departmentCode", equalTo("drainage"))
                .body("responsible.reason", containsString("district 950101"));
        responsible(dispatcher, "component/0101", inSecondStreet).body("responsible.departmentCode", equalTo("roads"));
        as(city.adminToken()).get("/api/v1/catalog/component/0101/audit").then().body("field", hasItem("routing"));
    }

    @Test
    void bad_overrides_are_refused_naming_the_entry() {
        Api.City city = Api.aCity();
        as(city.adminToken()).body(Map.of("overrides", List.of(Map.of("area", "12", "department", "water"))))
                .put("/api/v1/catalog/component/0101/routing").then().statusCode(400)
                .body("errors[0].field", equalTo("overrides[0].area"));
        as(city.adminToken()).body(Map.of("overrides", List.of(Map.of("area", "950101", "department", "nobody"))))
                .put("/api/v1/catalog/component/0101/routing").then().statusCode(400)
                .body("errors[0].field", equalTo("overrides[0].department"));
        as(city.userWith("disp", "dispatcher")).body(Map.of("overrides", List.of()))
                .put("/api/v1/catalog/component/0101/routing").then().statusCode(403);
    }

    private static io.restassured.response.ValidatableResponse responsible(String token, String subclass, double[] point) {
        return as(token).queryParam("lon", point[0]).queryParam("lat", point[1])
                .get("/api/v1/catalog/" + subclass + "/responsible").then().statusCode(200);
    }

    private static double[] centreOfUnitIn(ObjectNode layout, String street) {
        for (JsonNode f : layout.get("features")) {
            if (f.get("properties").get("level").asText().equals("unit")
                    && f.get("properties").get("code").asText().startsWith(street)) {
                JsonNode ring = f.get("geometry").get("coordinates").get(0);
                return new double[] {(ring.get(0).get(0).asDouble() + ring.get(2).get(0).asDouble()) / 2,
                    (ring.get(0).get(1).asDouble() + ring.get(2).get(1).asDouble()) / 2};
            }
        }
        throw new IllegalArgumentException(street);
    }

    @Test
    void a_deactivated_department_no_longer_receives_cases() {
        Api.City city = Api.aCity();
        ObjectNode layout = GridGenerator.generate(SMALL);
        as(city.adminToken()).body(layout.toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01").then().statusCode(201);
        double[] point = centreOfUnitIn(layout, "950101001");
        as(city.adminToken()).body(Map.of("overrides", List.of(Map.of("area", "950101", "department", "drainage"))))
                .put("/api/v1/catalog/component/0101/routing").then().statusCode(200);
        as(city.adminToken()).body(Map.of("active", false)).patch("/api/v1/departments/drainage").then().statusCode(200);
        responsible(city.adminToken(), "component/0101", point).body("responsible.departmentCode", equalTo("water"));
        as(city.adminToken()).body(Map.of("active", false)).patch("/api/v1/departments/water").then().statusCode(200);
        as(city.adminToken()).queryParam("lon", point[0]).queryParam("lat", point[1])
                .get("/api/v1/catalog/component/0101/responsible").then().statusCode(409)
                .body("code", equalTo("no-active-department"));
    }
}
