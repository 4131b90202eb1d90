package city.gridcity.supervision;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import city.gridcity.grid.GridGenerator;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class DepartmentsAndStaffingTest {

    /** 2 districts, 12 management grids (so the rule asks for 6 district supervisors). */
    static final GridGenerator.Spec SMALL = new GridGenerator.Spec("9601", 13L, 118.50, 31.50, 2, 3, 6, 12, 90, 200, 0, 0);

    @Test
    void a_new_city_has_the_baseline_departments_and_adds_its_own() {
        Api.City city = Api.aCity();
        as(city.adminToken()).get("/api/v1/departments").then().statusCode(200)
                .body("code", hasItems("sanitation", "urban-management", "bike-operator"))
                .body("find { it.code == 'bike-operator' }.kind", equalTo("PLATFORM_COMPANY"));
        as(city.adminToken()).body(Map.of("code", "gulou-street", "name", "鼓楼街道办事处", "kind", "STREET_OFFICE",
                "areaCodes", List.of("910101001"))).post("/api/v1/departments").then().statusCode(201)
                .body("areaCodes", equalTo(List.of("910101001")));
        as(city.adminToken()).body(Map.of("code", "gulou-street", "name", "x", "kind", "STREET_OFFICE"))
                .post("/api/v1/departments").then().statusCode(409);
        as(city.adminToken()).body(Map.of("code", "bad-area", "name", "x", "kind", "STREET_OFFICE",
                "areaCodes", List.of("12"))).post("/api/v1/departments").then().statusCode(400)
                .body("errors[0].field", equalTo("areaCodes[0]"));
        as(city.adminToken()).body(Map.of("code", "Bad Code", "name", "x", "kind", "STREET_OFFICE"))
                .post("/api/v1/departments").then().statusCode(400).body("errors[0].field", equalTo("code"));

        // a department handler belongs to an existing, active department
        as(city.adminToken()).body(Map.of("username", "handler1", "password", Api.PASSWORD, "roles", List.of("department-handler"),
                "departmentCode", "no-such-dept")).post("/api/v1/users").then().statusCode(400)
                .body("errors[0].field", equalTo("departmentCode"));
        as(city.adminToken()).body(Map.of("username", "handler1", "password", Api.PASSWORD, "roles", List.of("department-handler"),
                "departmentCode", "gulou-street")).post("/api/v1/users").then().statusCode(201);
        as(city.adminToken()).body(Map.of("active", false)).patch("/api/v1/departments/gulou-street").then().statusCode(200)
                .body("active", equalTo(false));
        as(city.adminToken()).body(Map.of("username", "handler2", "password", Api.PASSWORD, "roles", List.of("department-handler"),
                "departmentCode", "gulou-street")).post("/api/v1/users").then().statusCode(400);
    }

    @Test
    void another_city_does_not_see_a_citys_own_departments() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        as(a.adminToken()).body(Map.of("code", "only-in-a", "name", "A部门", "kind", "CITY_DEPARTMENT"))
                .post("/api/v1/departments").then().statusCode(201);
        as(b.adminToken()).get("/api/v1/departments/only-in-a").then().statusCode(404);
        as(b.adminToken()).body(Map.of("name", "hijack")).patch("/api/v1/departments/only-in-a").then().statusCode(404);
        String resident = a.userWith("resi", "resident");
        as(resident).get("/api/v1/departments").then().statusCode(403);
        as(a.userWith("disp", "dispatcher")).body(Map.of("code", "x-dept", "name", "x", "kind", "CITY_DEPARTMENT"))
                .post("/api/v1/departments").then().statusCode(403);
    }

    @Test
    void the_staffing_rule_is_checked_and_the_unpatrolled_grids_are_reported() {
        Api.City city = Api.aCity();
        as(city.adminToken()).body(GridGenerator.generate(SMALL).toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01")
                .then().statusCode(201);
        List<String> grids = as(city.adminToken()).get("/api/v1/grid/units?level=management").then().extract()
                .path("items.code");
        long s1 = city.createUser("dsup1", "district-supervisor");
        long s2 = city.createUser("dsup2", "district-supervisor");
        long cs = city.createUser("csup1", "city-supervisor");
        long acc = city.createUser("acc1", "acceptor");

        as(city.adminToken()).body(Map.of("managementGrids", grids.subList(0, 2))).put("/api/v1/supervision/supervisors/" + s1
                + "/grids").then().statusCode(200).body("managementGrids", hasSize(2));
        as(city.adminToken()).body(Map.of("managementGrids", grids.subList(2, 4))).put("/api/v1/supervision/supervisors/" + s2
                + "/grids").then().statusCode(200);
        as(city.adminToken()).body(Map.of("managementGrids", grids.subList(4, 12))).put("/api/v1/supervision/supervisors/" + cs
                + "/grids").then().statusCode(200);

        // 12 grids need 6 district supervisors; 2 exist; 8 grids have no district supervisor (the city supervisor does not count)
        as(city.adminToken()).get("/api/v1/supervision/staffing").then().statusCode(200)
                .body("city.managementGrids", equalTo(12)).body("city.required", equalTo(6))
                .body("city.districtSupervisors", equalTo(2)).body("city.meetsRule", equalTo(false))
                .body("unassignedGridCount", equalTo(8)).body("districts", hasSize(2));

        as(city.adminToken()).body(Map.of("managementGrids", List.of(grids.get(0), "bogus", grids.get(1))))
                .put("/api/v1/supervision/supervisors/" + s1 + "/grids").then().statusCode(400)
                .body("errors[0].field", equalTo("managementGrids[1]")).body("errors[0].message", org.hamcrest.Matchers.containsString("bogus"));
        as(city.adminToken()).body(Map.of("managementGrids", grids.subList(0, 1)))
                .put("/api/v1/supervision/supervisors/" + acc + "/grids").then().statusCode(400);
        as(city.adminToken()).get("/api/v1/supervision/supervisors/" + s1 + "/grids").then()
                .body("managementGrids", equalTo(grids.subList(0, 2)));
        as(city.userWith("disp", "dispatcher")).get("/api/v1/supervision/staffing").then().statusCode(403);
        Api.City other = Api.aCity();
        as(other.adminToken()).get("/api/v1/supervision/supervisors/" + s1 + "/grids").then().statusCode(404);
    }

    @Test
    void residents_and_other_cities_cannot_post_supervisors_or_read_staffing() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        long supervisor = a.createUser("dsup-a", "district-supervisor");
        as(a.userWith("resi", "resident")).get("/api/v1/supervision/staffing").then().statusCode(403);
        as(b.adminToken()).body(Map.of("managementGrids", List.of())).put("/api/v1/supervision/supervisors/" + supervisor
                + "/grids").then().statusCode(404);
        Api.json().get("/api/v1/supervision/staffing").then().statusCode(401);
    }
}
