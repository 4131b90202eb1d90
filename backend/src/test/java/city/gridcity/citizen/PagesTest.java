package city.gridcity.citizen;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PagesTest {

    @Test
    void the_portal_home_speaks_chinese_first_and_english_when_asked() {
        Api.City city = Api.aCity();
        given().get("/c/" + city.code()).then().statusCode(200)
                .body(containsString("lang=\"zh-CN\"")).body(containsString("测试市" + city.code()))
                .body(containsString("注册"));
        given().header("Accept-Language", "en-US,en;q=0.9").get("/c/" + city.code()).then().statusCode(200)
                .body(containsString("lang=\"en\"")).body(containsString("Test " + city.code()))
                .body(containsString("Register"));
        given().queryParam("lang", "en").get("/c/" + city.code()).then().statusCode(200)
                .cookie("gc_lang", "en").body(containsString("Sign in"));
    }

    @Test
    void an_unknown_city_portal_is_not_found() {
        given().get("/c/atlantis").then().statusCode(404);
    }

    @Test
    void the_landing_page_lists_active_cities() {
        Api.City city = Api.aCity();
        given().get("/").then().statusCode(200).body(containsString("/c/" + city.code()));
    }

    @Test
    void a_staff_member_signs_in_to_the_console_and_sees_user_city_and_roles() {
        Api.City city = Api.aCity();
        city.createUser("wang", "acceptor", "dispatcher");
        Response form = given().get("/console/login");
        form.then().statusCode(200).body(containsString("工作人员登录"));
        String csrf = form.getCookie("gc_csrf");

        Response signIn = given().redirects().follow(false).cookie("gc_csrf", csrf)
                .formParam("city", city.code()).formParam("username", "wang").formParam("password", Api.PASSWORD)
                .formParam("_csrf", csrf).post("/console/login");
        signIn.then().statusCode(303).header("Location", containsString("/console"));
        String access = signIn.getDetailedCookie("gc_access").getValue();
        org.junit.jupiter.api.Assertions.assertTrue(signIn.getDetailedCookie("gc_access").isHttpOnly());

        given().cookie("gc_access", access).get("/console").then().statusCode(200)
                .body(containsString("wang")).body(containsString(city.code()))
                .body(containsString("受理员")).body(containsString("派遣员"));
        given().cookie("gc_access", access).header("Accept-Language", "en").get("/console").then().statusCode(200)
                .body(containsString("Acceptor")).body(containsString("Dispatcher"));

        // the page cookie is not a way into the API
        given().cookie("gc_access", access).get("/api/v1/auth/me").then().statusCode(401)
                .body("code", equalTo("bearer-required"));
    }

    @Test
    void the_console_without_a_session_goes_to_the_sign_in_page() {
        given().redirects().follow(false).get("/console").then().statusCode(303)
                .header("Location", containsString("/console/login"));
    }

    @Test
    void a_wrong_password_on_the_console_shows_the_error_on_the_page() {
        Response form = given().get("/console/login");
        String csrf = form.getCookie("gc_csrf");
        Response refused = given().redirects().follow(false).cookie("gc_csrf", csrf).formParam("city", "")
                .formParam("username", "root").formParam("password", "wrong-one1").formParam("_csrf", csrf)
                .post("/console/login");
        // post-redirect-get: back to the form, which shows the refusal once and keeps the username
        refused.then().statusCode(303).header("Location", containsString("/console/login"));
        given().cookie("gc_csrf", csrf).cookie("gc_flash", refused.getCookie("gc_flash")).get("/console/login")
                .then().statusCode(401).body(containsString("class=\"error\"")).body(containsString("value=\"root\""));
    }

    @Test
    void a_form_without_its_csrf_token_is_refused() {
        Api.City city = Api.aCity();
        given().cookie("gc_csrf", "a".repeat(32)).formParam("username", "x").formParam("password", "y")
                .formParam("_csrf", "b".repeat(32)).post("/console/login").then().statusCode(403);
        given().formParam("username", "someone").formParam("password", Api.PASSWORD)
                .post("/c/" + city.code() + "/register").then().statusCode(403);
    }

    @Test
    void a_resident_registers_on_the_portal_and_is_signed_in() {
        Api.City city = Api.aCity();
        Response form = given().get("/c/" + city.code() + "/register");
        form.then().statusCode(200).body(containsString("市民注册"));
        String csrf = form.getCookie("gc_csrf");

        Response registered = given().redirects().follow(false).cookie("gc_csrf", csrf)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("username", "citizen1").formParam("phone", "").formParam("displayName", "小陈")
                .formParam("password", Api.PASSWORD).formParam("_csrf", csrf).post("/c/" + city.code() + "/register");
        registered.then().statusCode(303);
        var cookie = registered.getDetailedCookie("gc_access");
        org.junit.jupiter.api.Assertions.assertEquals("/c/" + city.code(), cookie.getPath());

        given().cookie("gc_access", cookie.getValue()).get("/c/" + city.code()).then().statusCode(200)
                .body(containsString("小陈")).body(not(containsString("/register\"")));

        // a weak password is shown on the form, not stored
        given().cookie("gc_csrf", csrf).formParam("username", "citizen2").formParam("password", "weak")
                .formParam("_csrf", csrf).post("/c/" + city.code() + "/register").then().statusCode(400)
                .body(containsString("password"));
        Api.login(city.code(), "citizen2", "weak").statusCode(401);
    }

    @Test
    void a_refused_registration_names_the_problem_under_its_field_in_chinese_and_a_taken_name_under_the_username() {
        // given the registration form
        Api.City city = Api.aCity();
        city.createUser("taken", "resident");
        String csrf = given().get("/c/" + city.code() + "/register").getCookie("gc_csrf");

        // when the password is weak: its message is under the password field, none at the top of the form
        String page = given().cookie("gc_csrf", csrf).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("username", "citizen3").formParam("password", "weak").formParam("_csrf", csrf)
                .post("/c/" + city.code() + "/register").then().statusCode(400).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(page.matches("(?s).*name=\"password\".*id=\"error-password\"[^>]*>密码至少8位.*"), page);
        org.junit.jupiter.api.Assertions.assertTrue(page.contains("aria-describedby=\"error-password\""), page);
        org.junit.jupiter.api.Assertions.assertFalse(page.contains("<p class=\"error\""), "not at the top of the form");
        org.junit.jupiter.api.Assertions.assertTrue(page.contains("value=\"citizen3\""), "what was typed is kept");

        // and a username someone has: under the username field
        page = given().cookie("gc_csrf", csrf).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("username", "taken").formParam("password", Api.PASSWORD).formParam("_csrf", csrf)
                .post("/c/" + city.code() + "/register").then().extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(page.contains("id=\"error-username\" role=\"alert\">该用户名已被使用"), page);
    }

    @Test
    void an_api_call_carrying_the_page_cookie_is_refused_even_with_a_bearer_token() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        given().cookie("gc_access", a.adminToken()).header("Authorization", "Bearer " + b.adminToken())
                .get("/api/v1/auth/me").then().statusCode(401).body("code", equalTo("bearer-required"));
        given().cookie("gc_access", a.adminToken()).header("Authorization", "x")
                .get("/api/v1/auth/me").then().statusCode(401);
    }
}
