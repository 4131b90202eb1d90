package city.gridcity.identity;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class UserAdministrationTest {

    @Test
    void a_city_administrator_creates_a_user_with_several_roles() {
        Api.City city = Api.aCity();
        as(city.adminToken()).body(Map.of("username", "zhang.wei", "displayName", "张伟", "phone", "13812345678",
                        "password", Api.PASSWORD, "roles", List.of("district-supervisor", "volunteer")))
                .post("/api/v1/users").then().statusCode(201)
                .body("roles", hasItems("district-supervisor", "volunteer"))
                .body("status", equalTo("ACTIVE"));
        // the phone number signs in as well as the username
        Api.login(city.code(), "13812345678", Api.PASSWORD).statusCode(200);
        as(city.adminToken()).get("/api/v1/users?role=volunteer").then().statusCode(200)
                .body("items.username", hasItem("zhang.wei")).body("items.username", not(hasItem("admin")));
    }

    @Test
    void a_department_handler_is_bound_to_a_department() {
        Api.City city = Api.aCity();
        Map<String, Object> body = new HashMap<>(Map.of("username", "handler1", "password", Api.PASSWORD,
                "roles", List.of("department-handler")));
        as(city.adminToken()).body(body).post("/api/v1/users").then().statusCode(400)
                .body("errors[0].field", equalTo("departmentCode"));
        body.put("departmentCode", "sanitation");
        as(city.adminToken()).body(body).post("/api/v1/users").then().statusCode(201)
                .body("departmentCode", equalTo("sanitation"));
    }

    @Test
    void bad_user_input_is_refused_naming_the_field_and_nothing_is_stored() {
        Api.City city = Api.aCity();
        String admin = city.adminToken();
        Map<String, Map<String, Object>> cases = Map.of(
                "password", Map.of("username", "weak", "password", "short1", "roles", List.of("acceptor")),
                "username", Map.of("username", "a b", "password", Api.PASSWORD, "roles", List.of("acceptor")),
                "phone", Map.of("username", "phoney", "phone", "12345", "password", Api.PASSWORD, "roles", List.of("acceptor")),
                "roles", Map.of("username", "rolesless", "password", Api.PASSWORD, "roles", List.of()));
        cases.forEach((field, body) -> as(admin).body(body).post("/api/v1/users").then().statusCode(400)
                .body("errors[0].field", equalTo(field)));
        as(admin).body(Map.of("username", "u".repeat(65), "password", Api.PASSWORD, "roles", List.of("acceptor")))
                .post("/api/v1/users").then().statusCode(400).body("errors[0].field", equalTo("username"));
        as(admin).body(Map.of("username", "bogus", "password", Api.PASSWORD, "roles", List.of("emperor")))
                .post("/api/v1/users").then().statusCode(400).body("detail", containsString("emperor"));
        as(admin).body(Map.of("username", "climber", "password", Api.PASSWORD, "roles", List.of("platform-admin")))
                .post("/api/v1/users").then().statusCode(400).body("errors[0].field", equalTo("roles"));
        as(admin).get("/api/v1/users?size=200").then().body("items.username",
                not(hasItems("weak", "phoney", "rolesless", "bogus", "climber")));
    }

    @Test
    void a_taken_username_is_a_conflict() {
        Api.City city = Api.aCity();
        city.createUser("twin", "acceptor");
        as(city.adminToken()).body(Map.of("username", "twin", "password", Api.PASSWORD, "roles", List.of("acceptor")))
                .post("/api/v1/users").then().statusCode(409).body("errors[0].field", equalTo("username"));
    }

    @Test
    void the_same_username_may_exist_in_two_cities() {
        Api.aCity().createUser("samename", "acceptor");
        Api.aCity().createUser("samename", "acceptor");
    }

    @Test
    void disabling_a_user_ends_their_sessions_and_sign_in() {
        Api.City city = Api.aCity();
        long id = city.createUser("leaving", "acceptor");
        String token = Api.token(city.code(), "leaving", Api.PASSWORD);
        as(city.adminToken()).body(Map.of("status", "DISABLED")).patch("/api/v1/users/" + id).then().statusCode(200)
                .body("status", equalTo("DISABLED"));
        as(token).get("/api/v1/auth/me").then().statusCode(401);
        Api.login(city.code(), "leaving", Api.PASSWORD).statusCode(403).body("code", equalTo("account-disabled"));
    }

    @Test
    void an_administrator_changes_roles_and_resets_a_password() {
        Api.City city = Api.aCity();
        long id = city.createUser("promoted", "acceptor");
        String before = Api.token(city.code(), "promoted", Api.PASSWORD);
        as(city.adminToken()).body(Map.of("roles", List.of("dispatcher", "assessor"))).patch("/api/v1/users/" + id)
                .then().statusCode(200).body("roles", hasItems("assessor", "dispatcher"));
        as(city.adminToken()).body(Map.of("newPassword", "Reset2026pw")).post("/api/v1/users/" + id + "/password")
                .then().statusCode(204);
        as(before).get("/api/v1/auth/me").then().statusCode(401);
        as(Api.token(city.code(), "promoted", "Reset2026pw")).get("/api/v1/auth/me").then()
                .body("roles", hasItems("assessor", "dispatcher"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"acceptor", "dispatcher", "department-handler", "district-supervisor", "city-supervisor",
            "assessor", "volunteer", "resident"})
    void only_a_city_administrator_manages_users(String role) {
        Api.City city = Api.aCity();
        String token = city.userWith("someone", role);
        as(token).get("/api/v1/users").then().statusCode(403);
        as(token).get("/api/v1/users/1").then().statusCode(403);
        as(token).body(Map.of("username", "x1x", "password", Api.PASSWORD, "roles", List.of("acceptor")))
                .post("/api/v1/users").then().statusCode(403);
        as(token).body(Map.of("displayName", "x")).patch("/api/v1/users/1").then().statusCode(403);
        as(token).body(Map.of("newPassword", "x")).post("/api/v1/users/1/password").then().statusCode(403);
    }

    @Test
    void a_platform_operator_is_not_a_city_administrator() {
        as(Api.operatorToken()).get("/api/v1/users").then().statusCode(403);
    }

    @Test
    void changing_a_users_roles_ends_their_sessions_so_old_roles_stop_working() {
        Api.City city = Api.aCity();
        long id = city.createUser("deputy", "city-admin");
        String deputy = Api.token(city.code(), "deputy", Api.PASSWORD);
        as(city.adminToken()).body(Map.of("roles", List.of("resident"))).patch("/api/v1/users/" + id).then().statusCode(200);
        as(deputy).get("/api/v1/users").then().statusCode(401);
        as(Api.token(city.code(), "deputy", Api.PASSWORD)).get("/api/v1/users").then().statusCode(403);
    }

    @Test
    void the_last_active_administrator_cannot_be_demoted_or_disabled() {
        Api.City city = Api.aCity();
        long adminId = ((Number) as(city.adminToken()).get("/api/v1/users?role=city-admin").then().extract()
                .path("items[0].id")).longValue();
        as(city.adminToken()).body(Map.of("roles", List.of("acceptor"))).patch("/api/v1/users/" + adminId).then()
                .statusCode(409).body("code", equalTo("last-city-admin"));
        as(city.adminToken()).body(Map.of("status", "DISABLED")).patch("/api/v1/users/" + adminId).then()
                .statusCode(409).body("errors[0].field", equalTo("status"));
        // with a second administrator the first may step down
        city.createUser("second-admin", "city-admin");
        as(city.adminToken()).body(Map.of("roles", List.of("acceptor"))).patch("/api/v1/users/" + adminId).then()
                .statusCode(200);
    }

    @Test
    void a_null_role_and_a_nul_byte_are_refused_as_bad_input_not_errors() {
        Api.City city = Api.aCity();
        as(city.adminToken()).body("{\"username\":\"nully\",\"password\":\"Passw0rd2026\",\"roles\":[null]}")
                .post("/api/v1/users").then().statusCode(400).body("errors[0].field", containsString("roles"));
        as(city.adminToken()).body(Map.of("username", "nulbyte", "displayName", "a\u0000b", "password", Api.PASSWORD,
                "roles", List.of("acceptor"))).post("/api/v1/users").then().statusCode(400);
        Api.login(city.code(), "x\u0000y", "whatever1").statusCode(400);
        as(city.adminToken()).get("/api/v1/users?page=x").then().statusCode(400).body("code", equalTo("invalid-parameter"));
    }
}
