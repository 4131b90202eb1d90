package city.gridcity.identity;

import static city.gridcity.support.Api.as;
import static city.gridcity.support.Api.json;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class AuthenticationTest {

    static final String ISSUER = "https://gridcity.city/issuer";

    @Test
    void a_user_signs_in_and_sees_their_city_and_roles() {
        Api.City city = Api.aCity();
        String token = city.userWith("multi", "acceptor", "dispatcher");
        as(token).get("/api/v1/auth/me").then().statusCode(200)
                .body("username", equalTo("multi"))
                .body("city", equalTo(city.code()))
                .body("roles", hasItems("acceptor", "dispatcher"));
    }

    @Test
    void a_wrong_password_and_an_unknown_user_get_the_same_refusal() {
        Api.City city = Api.aCity();
        city.createUser("known", "acceptor");
        Api.login(city.code(), "known", "Wrong2026pass").statusCode(401).body("code", equalTo("invalid-credentials"));
        Api.login(city.code(), "nobody", "Wrong2026pass").statusCode(401).body("code", equalTo("invalid-credentials"));
    }

    @Test
    void an_unknown_city_is_named_in_the_error() {
        Api.login("no-such-city", "admin", "whatever1").statusCode(400).body("errors[0].field", equalTo("city"));
    }

    @Test
    void repeated_failed_logins_from_one_address_refuse_even_the_right_password_from_it() {
        Api.City city = Api.aCity();
        city.createUser("target", "acceptor");
        for (int i = 0; i < 5; i++) {
            Api.login(city.code(), "target", "Guess" + i + "wrong").statusCode(401);
        }
        Api.login(city.code(), "target", Api.PASSWORD).statusCode(429)
                .header("Retry-After", notNullValue()).body("code", equalTo("login-throttled"));
    }

    @Test
    void an_expired_token_is_refused() {
        String expired = Jwt.issuer(ISSUER).subject("1").upn("x").groups(Set.of("city-admin"))
                .claim("use", "access").claim("kind", "operator").claim("sid", java.util.UUID.randomUUID().toString())
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(1800)).sign();
        as(expired).get("/api/v1/auth/me").then().statusCode(401).body("code", equalTo("invalid-token"));
    }

    @Test
    void a_tampered_token_is_refused() {
        Api.City city = Api.aCity();
        String[] parts = city.adminToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replace("\"city-admin\"", "\"platform-admin\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes())
                + "." + parts[2];
        as(tampered).get("/api/v1/platform/tenants").then().statusCode(401);
        as(tampered).get("/api/v1/auth/me").then().statusCode(401);
    }

    @Test
    void a_token_from_another_issuer_is_refused() {
        String foreign = Jwt.issuer("https://evil.example/issuer").subject("1").upn("root")
                .groups(Set.of("platform-admin")).claim("use", "access").claim("kind", "operator")
                .claim("sid", java.util.UUID.randomUUID().toString()).sign();
        as(foreign).get("/api/v1/platform/tenants").then().statusCode(401);
    }

    @Test
    void a_token_signed_with_another_key_is_refused() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer(ISSUER).subject("1").upn("root").groups(Set.of("platform-admin"))
                .claim("use", "access").claim("kind", "operator").claim("sid", java.util.UUID.randomUUID().toString())
                .sign(generator.generateKeyPair().getPrivate());
        as(forged).get("/api/v1/platform/tenants").then().statusCode(401);
    }

    @Test
    void a_refresh_token_is_not_accepted_as_an_access_token() {
        Api.City city = Api.aCity();
        city.createUser("refresher", "acceptor");
        String refresh = Api.login(city.code(), "refresher", Api.PASSWORD).statusCode(200).extract().path("refreshToken");
        as(refresh).get("/api/v1/auth/me").then().statusCode(401).body("code", equalTo("invalid-token"));
    }

    @Test
    void a_refresh_token_works_once_and_its_replay_ends_the_session() {
        Api.City city = Api.aCity();
        city.createUser("rotator", "acceptor");
        var first = Api.login(city.code(), "rotator", Api.PASSWORD).statusCode(200).extract();
        String refresh1 = first.path("refreshToken");

        var second = json().body(Map.of("refreshToken", refresh1)).post("/api/v1/auth/refresh").then().statusCode(200)
                .extract();
        String access2 = second.path("accessToken");
        as(access2).get("/api/v1/auth/me").then().statusCode(200);

        // replaying the used refresh token is refused and ends the whole session
        json().body(Map.of("refreshToken", refresh1)).post("/api/v1/auth/refresh").then().statusCode(401)
                .body("code", equalTo("invalid-refresh-token"));
        as(access2).get("/api/v1/auth/me").then().statusCode(401).body("code", equalTo("session-ended"));
        json().body(Map.of("refreshToken", (String) second.path("refreshToken"))).post("/api/v1/auth/refresh").then()
                .statusCode(401);
    }

    @Test
    void logout_ends_access_at_once() {
        Api.City city = Api.aCity();
        String token = city.userWith("leaver", "acceptor");
        as(token).post("/api/v1/auth/logout").then().statusCode(204);
        as(token).get("/api/v1/auth/me").then().statusCode(401).body("code", equalTo("session-ended"));
    }

    @Test
    void changing_the_password_ends_every_session_and_the_new_password_works() {
        Api.City city = Api.aCity();
        city.createUser("changer", "acceptor");
        String one = Api.token(city.code(), "changer", Api.PASSWORD);
        String two = Api.token(city.code(), "changer", Api.PASSWORD);

        as(one).body(Map.of("currentPassword", "Wrong2026x", "newPassword", "NewPass2027"))
                .post("/api/v1/auth/password").then().statusCode(400).body("errors[0].field", equalTo("currentPassword"));
        as(one).body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "short"))
                .post("/api/v1/auth/password").then().statusCode(400).body("errors[0].field", equalTo("newPassword"));
        as(one).body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "NewPass2027"))
                .post("/api/v1/auth/password").then().statusCode(204);

        as(one).get("/api/v1/auth/me").then().statusCode(401);
        as(two).get("/api/v1/auth/me").then().statusCode(401);
        Api.login(city.code(), "changer", Api.PASSWORD).statusCode(401);
        Api.login(city.code(), "changer", "NewPass2027").statusCode(200);
    }

    @Test
    void a_platform_operator_signs_in_without_a_city() {
        as(Api.operatorToken()).get("/api/v1/auth/me").then().statusCode(200)
                .body("kind", equalTo("operator")).body("roles", hasItems("platform-admin"));
    }

    @Test
    void requests_without_a_token_are_refused_on_protected_endpoints() {
        json().get("/api/v1/auth/me").then().statusCode(401).body("code", equalTo("unauthenticated"));
        json().get("/api/v1/users").then().statusCode(401);
        json().get("/api/v1/platform/tenants").then().statusCode(401);
    }

    @Test
    void guessing_the_current_password_is_throttled_too() {
        Api.City city = Api.aCity();
        String token = city.userWith("guesser", "acceptor");
        for (int i = 0; i < 5; i++) {
            as(token).body(Map.of("currentPassword", "Guess" + i + "wrong", "newPassword", "NewPass2027"))
                    .post("/api/v1/auth/password").then().statusCode(400);
        }
        as(token).body(Map.of("currentPassword", Api.PASSWORD, "newPassword", "NewPass2027"))
                .post("/api/v1/auth/password").then().statusCode(429);
    }

    @Test
    void failed_logins_by_username_and_by_phone_count_against_one_account() {
        Api.City city = Api.aCity();
        as(city.adminToken()).body(Map.of("username", "twoways", "phone", "13511112222", "password", Api.PASSWORD,
                "roles", java.util.List.of("acceptor"))).post("/api/v1/users").then().statusCode(201);
        for (int i = 0; i < 3; i++) {
            Api.login(city.code(), "twoways", "Wrong" + i + "pass").statusCode(401);
        }
        for (int i = 0; i < 2; i++) {
            Api.login(city.code(), "13511112222", "Wrong" + i + "pass").statusCode(401);
        }
        Api.login(city.code(), "twoways", Api.PASSWORD).statusCode(429);
    }
}
