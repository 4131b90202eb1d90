package city.gridcity.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixtures that read as prose: {@code Api.aCity()} creates a fresh city with its administrator,
 * {@code city.userWith("acceptor")} an account in it, each signed in through the real API.
 */
public final class Api {

    public static final String OPERATOR = "root";
    public static final String OPERATOR_PASSWORD = "RootPass2026";
    public static final String PASSWORD = "Passw0rd2026";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Api() {
    }

    public static RequestSpecification json() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static RequestSpecification as(String token) {
        return json().header("Authorization", "Bearer " + token);
    }

    public static String operatorToken() {
        return login(null, OPERATOR, OPERATOR_PASSWORD).extract().path("accessToken");
    }

    public static ValidatableResponse login(String city, String username, String password) {
        Map<String, Object> body = city == null ? Map.of("username", username, "password", password)
                : Map.of("city", city, "username", username, "password", password);
        return json().body(body).post("/api/v1/auth/login").then();
    }

    public static String token(String city, String username, String password) {
        return login(city, username, password).statusCode(200).extract().path("accessToken");
    }

    /** A new city, unique to the calling test, with its administrator signed in. */
    public static City aCity() {
        String code = "t" + System.nanoTime() % 100_000 + "x" + SEQUENCE.incrementAndGet();
        Map<String, Object> body = Map.of("code", code, "nameZh", "测试市" + code, "nameEn", "Test " + code,
                "administrator", Map.of("username", "admin", "displayName", "管理员"));
        String password = as(operatorToken()).body(body).post("/api/v1/platform/tenants").then().statusCode(201)
                .extract().path("administrators[0].initialPassword");
        return new City(code, token(code, "admin", password));
    }

    /** A city created by a test, and its administrator's access token. */
    public record City(String code, String adminToken) {

        /** Creates an account with the given roles and returns its id. */
        public long createUser(String username, String... roles) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("username", username, "password", PASSWORD,
                    "displayName", username, "roles", List.of(roles)));
            if (List.of(roles).contains("department-handler")) {
                body.put("departmentCode", "sanitation");
            }
            Number id = as(adminToken).body(body).post("/api/v1/users").then().statusCode(201).extract().path("id");
            return id.longValue();
        }

        /** Creates an account with the given roles and returns its access token. */
        public String userWith(String username, String... roles) {
            createUser(username, roles);
            return token(code, username, PASSWORD);
        }
    }
}
