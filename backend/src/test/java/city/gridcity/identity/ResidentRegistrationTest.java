package city.gridcity.identity;

import static city.gridcity.support.Api.as;
import static city.gridcity.support.Api.json;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ResidentRegistrationTest {

    @Test
    void a_resident_registers_with_a_phone_number_and_signs_in() {
        Api.City city = Api.aCity();
        json().body(Map.of("phone", "13900001111", "password", Api.PASSWORD, "displayName", "李女士"))
                .post("/api/v1/cities/" + city.code() + "/residents").then().statusCode(201)
                .body("username", equalTo("13900001111"));
        as(Api.token(city.code(), "13900001111", Api.PASSWORD)).get("/api/v1/auth/me").then()
                .body("roles", hasItem("resident")).body("city", equalTo(city.code()));
    }

    @Test
    void a_resident_must_give_a_name_or_phone_and_a_strong_password() {
        Api.City city = Api.aCity();
        String path = "/api/v1/cities/" + city.code() + "/residents";
        json().body(Map.of("password", Api.PASSWORD)).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("username"));
        json().body(Map.of("username", "resi", "password", "password")).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("password"));
        json().body(Map.of("username", "resi")).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("password"));
    }

    @Test
    void a_resident_cannot_register_in_a_city_that_does_not_exist() {
        json().body(Map.of("username", "lost", "password", Api.PASSWORD)).post("/api/v1/cities/atlantis/residents")
                .then().statusCode(404);
    }

    @Test
    void a_resident_registered_in_one_city_is_unknown_in_another() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        json().body(Map.of("username", "local", "password", Api.PASSWORD)).post("/api/v1/cities/" + a.code() + "/residents")
                .then().statusCode(201);
        Api.login(b.code(), "local", Api.PASSWORD).statusCode(401);
    }
}
