package city.gridcity.shared;

import static city.gridcity.support.Api.as;
import static city.gridcity.support.Api.json;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ProblemDetailsTest {

    @Test
    void malformed_json_gets_a_problem_detail() {
        json().body("{\"username\": ").post("/api/v1/auth/login").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("malformed-json")).body("status", equalTo(400))
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void a_missing_body_and_missing_fields_are_named() {
        json().post("/api/v1/auth/login").then().statusCode(400).body("errors[0].field", equalTo("body"));
        json().body(Map.of("username", "someone")).post("/api/v1/auth/login").then().statusCode(400)
                .body("errors[0].field", equalTo("password")).body("errors[0].message", containsString("blank"));
    }

    @Test
    void an_oversized_field_is_named_with_its_limit() {
        Api.City city = Api.aCity();
        as(city.adminToken()).body(Map.of("username", "okname", "displayName", "名".repeat(101), "password", Api.PASSWORD,
                "roles", List.of("acceptor"))).post("/api/v1/users").then().statusCode(400)
                .body("errors[0].field", equalTo("displayName")).body("errors[0].message", containsString("100"));
    }

    @Test
    void an_unknown_field_and_a_wrong_type_are_named() {
        json().body("{\"username\":\"a\",\"password\":\"b\",\"pasword\":\"c\"}").post("/api/v1/auth/login").then()
                .statusCode(400).body("code", equalTo("unknown-field")).body("errors[0].field", equalTo("pasword"));
        Api.City city = Api.aCity();
        as(city.adminToken()).body("{\"username\":\"typed\",\"password\":\"Passw0rd2026\",\"roles\":\"acceptor\"}")
                .post("/api/v1/users").then().statusCode(400).body("errors[0].field", equalTo("roles"));
        as(city.adminToken()).body("{\"status\":\"SLEEPING\"}").patch("/api/v1/users/1").then().statusCode(400)
                .body("errors[0].field", equalTo("status")).body("errors[0].message", containsString("ACTIVE"));
    }

    @Test
    void an_unknown_path_and_a_wrong_method_get_problem_details() {
        json().get("/api/v1/nothing-here").then().statusCode(404).contentType(startsWith("application/problem+json"));
        json().delete("/api/v1/auth/login").then().statusCode(405).contentType(startsWith("application/problem+json"));
    }

    @TestHTTPResource(value = "health", management = true)
    URL health;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void health_and_metrics_answer_on_the_management_port_and_the_api_documents_on_the_main_one() {
        assertEquals("/q/health", health.getPath(), "the management interface's root is /q");
        io.restassured.RestAssured.given().get(health).then().statusCode(200).body("status", equalTo("UP"));
        io.restassured.RestAssured.given().get(metrics).then().statusCode(200).body(containsString("jvm_"));
        io.restassured.RestAssured.given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/users"));
        io.restassured.RestAssured.given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void the_main_port_does_not_serve_health_or_metrics_to_the_public() {
        assertNotEquals(io.restassured.RestAssured.port, metrics.getPort());
        for (String path : List.of("/q/metrics", "/q/health", "/q/health/ready", "/metrics")) {
            io.restassured.RestAssured.given().get(path).then().statusCode(404);
        }
    }
}
