package city.gridcity.platform;

import static city.gridcity.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.support.Api;
import city.gridcity.support.DemoCity;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every demo city has a department handler for each department its cases can be sent to, so a demo case of any
 * class (a street light's, not only sanitation's) can be accepted by a demo account.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class DemoHandlersTest {

    @Inject
    PackLibrary packs;
    @Inject
    TenantProvisioning provisioning;

    @Test
    void each_demo_city_has_an_active_handler_for_every_department_its_catalog_routing_and_localities_send_cases_to() {
        for (String pack : List.of("kcity", "ncity", "bcity")) {
            DemoCity demo = DemoCity.from(pack, packs, provisioning);
            String admin = Api.token(demo.code(), "admin", demo.staffPassword());
            Set<String> handled = handledDepartments(admin);
            List<Map<String, Object>> departments = as(admin).get("/api/v1/departments").then().statusCode(200).extract()
                    .jsonPath().getList("findAll { it.active }");
            Set<String> missing = new TreeSet<>();
            for (Map<String, Object> d : departments) {
                if (!handled.contains((String) d.get("code"))) {
                    missing.add((String) d.get("code"));
                }
            }
            JsonPath catalog = as(admin).get("/api/v1/catalog").then().statusCode(200).extract().jsonPath();
            List<String> named = catalog.getList("findAll { it.active }.departmentCode");
            named.stream().filter(code -> code != null && !handled.contains(code)).forEach(missing::add);
            assertEquals(Set.of(), missing, pack + ": departments without a demo handler");
        }
    }

    @Test
    void a_street_light_case_of_the_demo_city_is_accepted_by_the_demo_handler_of_the_department_it_is_sent_to() {
        DemoCity demo = DemoCity.from("kcity", packs, provisioning);
        String password = demo.staffPassword();
        String admin = Api.token(demo.code(), "admin", password);
        JsonPath catalog = as(admin).get("/api/v1/catalog").then().statusCode(200).extract().jsonPath();
        Map<String, Object> light = catalog.getMap("find { it.active && it.departmentCode == 'lighting' }");
        assertFalse(light == null || light.isEmpty(), "the demo catalog has a street-light class");
        List<Float> bbox = as(admin).get("/api/v1/grid/units?level=unit&size=1").then().statusCode(200).extract()
                .jsonPath().getList("items[0].bbox", Float.class);
        double lon = (bbox.get(0) + bbox.get(2)) / 2;
        double lat = (bbox.get(1) + bbox.get(3)) / 2;

        String dsup = Api.token(demo.code(), "dsup", password);
        String number = as(dsup).body(Map.of("kind", light.get("kind"), "classCode", light.get("code"), "lon", lon,
                "lat", lat, "description", "路灯不亮")).post("/api/v1/cases").then().statusCode(201).extract().path("number");
        String condition = as(admin).get("/api/v1/catalog/" + light.get("kind") + "/" + light.get("code")).then()
                .statusCode(200).extract().path("rule.conditions[0].code");
        as(Api.token(demo.code(), "acceptor", password)).body(Map.of("action", "file", "conditionCode", condition))
                .post("/api/v1/cases/" + number + "/actions").then().statusCode(200);
        String department = as(Api.token(demo.code(), "dispatcher", password)).body(Map.of("action", "dispatch"))
                .post("/api/v1/cases/" + number + "/actions").then().statusCode(200).extract().path("department");
        String username = as(admin).get("/api/v1/users?role=department-handler&size=200").then().statusCode(200).extract()
                .jsonPath().getString("items.find { it.departmentCode == '" + department + "' && it.status == 'ACTIVE' }.username");
        assertTrue(username != null, "a demo handler of " + department);
        as(Api.token(demo.code(), username, password)).body(Map.of("action", "accept"))
                .post("/api/v1/cases/" + number + "/actions").then().statusCode(200);
    }

    private static Set<String> handledDepartments(String admin) {
        List<Map<String, Object>> handlers = as(admin).get("/api/v1/users?role=department-handler&size=200").then()
                .statusCode(200).extract().jsonPath().getList("items");
        return handlers.stream().filter(u -> "ACTIVE".equals(u.get("status")) && u.get("departmentCode") != null)
                .map(u -> (String) u.get("departmentCode")).collect(Collectors.toSet());
    }
}
