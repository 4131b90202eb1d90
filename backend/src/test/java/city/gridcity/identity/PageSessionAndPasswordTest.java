package city.gridcity.identity;

import static city.gridcity.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rough edges of a new user's first hour: the session renewed silently, a deep link kept through
 * sign-in, the own password changed on the console and the portal, a one-time password replaced first,
 * and residents sent from the console to their portal.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PageSessionAndPasswordTest {

    static final String HTML = "text/html,application/xhtml+xml";

    /** The cookies of a page session and of its form token. */
    record Session(String access, String refresh, String csrf, Response answer) {
    }

    static Session consoleSignIn(String city, String username, String password, String next) {
        String csrf = given().get("/console/login").getCookie("gc_csrf");
        var request = given().redirects().follow(false).cookie("gc_csrf", csrf).formParam("city", city)
                .formParam("username", username).formParam("password", password).formParam("_csrf", csrf);
        if (next != null) {
            request.formParam("next", next);
        }
        Response r = request.post("/console/login");
        return new Session(r.getCookie("gc_access"), r.getCookie("gc_refresh"), csrf, r);
    }

    @Test
    void a_page_whose_access_cookie_has_expired_is_renewed_silently_with_the_refresh_cookie() {
        // given a signed-in acceptor whose browser has dropped the expired access cookie
        Api.City city = Api.aCity();
        city.createUser("liming", "acceptor");
        Session s = consoleSignIn(city.code(), "liming", Api.PASSWORD, null);
        assertNotNull(s.refresh());
        // when the next page is asked for with the refresh cookie alone
        Response page = given().redirects().follow(false).accept(HTML).cookie("gc_refresh", s.refresh()).get("/console");
        // then it is shown to the user, with a new access cookie and a new (rotated) refresh cookie
        page.then().statusCode(200).body(containsString("liming"));
        assertNotNull(page.getCookie("gc_access"));
        assertNotEquals(s.refresh(), page.getCookie("gc_refresh"));
        assertEquals("/console", page.getDetailedCookie("gc_refresh").getPath());
        // and the new access cookie works on its own
        given().cookie("gc_access", page.getCookie("gc_access")).get("/console").then().statusCode(200)
                .body(containsString("liming"));
    }

    @Test
    void a_role_change_takes_effect_on_the_next_page_without_signing_in_again_and_the_old_refresh_token_opens_nothing_more() {
        // given an acceptor signed in to the console
        Api.City city = Api.aCity();
        long id = city.createUser("zhou", "acceptor");
        Session s = consoleSignIn(city.code(), "zhou", Api.PASSWORD, null);
        given().accept(HTML).cookie("gc_access", s.access()).get("/console/queues/acceptance").then().statusCode(200);
        // when the administrator makes them a dispatcher
        Object version = as(city.adminToken()).get("/api/v1/users/" + id).then().extract().path("version");
        as(city.adminToken()).body(Map.of("version", version, "roles", java.util.List.of("dispatcher")))
                .patch("/api/v1/users/" + id).then().statusCode(200);
        // then the next page (old access cookie, refresh cookie) is renewed silently with the new roles
        Response next = given().redirects().follow(false).accept(HTML).cookie("gc_access", s.access())
                .cookie("gc_refresh", s.refresh()).get("/console/queues/dispatch");
        next.then().statusCode(200);
        assertNotNull(next.getCookie("gc_access"));
        given().accept(HTML).cookie("gc_access", next.getCookie("gc_access")).get("/console/queues/acceptance").then()
                .statusCode(403);
        // the old access token carries the old roles: it is refused, and the API says the session ended
        as(s.access()).get("/api/v1/auth/me").then().statusCode(401);
        // the old refresh token opened its successor once: a copy of it opens nothing
        Response copy = given().redirects().follow(false).accept(HTML).cookie("gc_refresh", s.refresh()).get("/console/work");
        copy.then().statusCode(303).header("Location", containsString("/console/login"));
        // and the successor's own refresh token renews as any session's does
        given().redirects().follow(false).accept(HTML).cookie("gc_refresh", next.getCookie("gc_refresh")).get("/console/work")
                .then().statusCode(200);
    }

    @Test
    void a_disabled_account_or_a_reset_password_is_not_renewed_by_the_refresh_cookie() {
        Api.City city = Api.aCity();
        long id = city.createUser("wuxin", "acceptor");
        Session reset = consoleSignIn(city.code(), "wuxin", Api.PASSWORD, null);
        as(city.adminToken()).body(Map.of("newPassword", "Reset2027ok")).post("/api/v1/users/" + id + "/password").then()
                .statusCode(204);
        given().redirects().follow(false).accept(HTML).cookie("gc_access", reset.access()).cookie("gc_refresh", reset.refresh())
                .get("/console/work").then().statusCode(303).header("Location", containsString("/console/login"));
        Session disabled = consoleSignIn(city.code(), "wuxin", "Reset2027ok", null);
        Object version = as(city.adminToken()).get("/api/v1/users/" + id).then().extract().path("version");
        as(city.adminToken()).body(Map.of("version", version, "roles", java.util.List.of("dispatcher"), "status", "DISABLED"))
                .patch("/api/v1/users/" + id).then().statusCode(200);
        given().redirects().follow(false).accept(HTML).cookie("gc_access", disabled.access())
                .cookie("gc_refresh", disabled.refresh()).get("/console/work").then().statusCode(303)
                .header("Location", containsString("/console/login"));
    }

    @Test
    void a_photo_request_does_not_spend_the_refresh_token_and_a_replayed_one_ends_the_session() {
        Api.City city = Api.aCity();
        city.createUser("zhao", "acceptor");
        Session s = consoleSignIn(city.code(), "zhao", Api.PASSWORD, null);
        // an image loaded by a page is not a navigation: no renewal
        Response image = given().redirects().follow(false).accept("image/avif,image/webp,*/*").cookie("gc_refresh", s.refresh())
                .get("/console");
        assertNull(image.getCookie("gc_access"));
        // the first renewal works, a second one with the same token is a copy: the session ends
        given().redirects().follow(false).accept(HTML).cookie("gc_refresh", s.refresh()).get("/console").then().statusCode(200);
        Response replay = given().redirects().follow(false).accept(HTML).cookie("gc_refresh", s.refresh()).get("/console");
        replay.then().statusCode(303).header("Location", containsString("/console/login"));
        assertEquals("", replay.getCookie("gc_refresh"));
    }

    @Test
    void a_deep_link_survives_sign_in_and_only_a_local_path_is_a_return_target() {
        Api.City city = Api.aCity();
        city.createUser("qian", "acceptor");
        // a visitor following a link to a case is sent to sign in with the way back
        given().redirects().follow(false).get("/console/cases/KC-20261201-000001").then().statusCode(303)
                .header("Location", endsWith("/console/login?next=%2Fconsole%2Fcases%2FKC-20261201-000001"));
        given().get("/console/login?next=/console/cases/KC-20261201-000001").then().statusCode(200)
                .body(containsString("name=\"next\" value=\"/console/cases/KC-20261201-000001\""));
        // signing in goes back there
        consoleSignIn(city.code(), "qian", Api.PASSWORD, "/console/cases/KC-20261201-000001").answer().then()
                .statusCode(303).header("Location", containsString("/console/cases/KC-20261201-000001"));
        // never to another site
        for (String evil : new String[]{"//evil.example/x", "https://evil.example/", "/\\evil.example", "/console/../c/x",
                "/consolex", "javascript:alert(1)"}) {
            consoleSignIn(city.code(), "qian", Api.PASSWORD, evil).answer().then().statusCode(303)
                    .header("Location", endsWith("/console"));
        }
        given().get("/console/login?next=//evil.example/").then().statusCode(200).body(not(containsString("evil.example")));
    }

    @Test
    void a_staff_member_changes_their_password_on_the_console_and_each_bad_field_is_named_on_the_page() {
        Api.City city = Api.aCity();
        city.createUser("sun", "dispatcher");
        Session s = consoleSignIn(city.code(), "sun", Api.PASSWORD, null);
        given().cookie("gc_access", s.access()).get("/console").then().statusCode(200)
                .body(containsString("href=\"/console/password\""));
        given().cookie("gc_access", s.access()).get("/console/password").then().statusCode(200)
                .body(containsString("修改密码")).body(not(containsString("id=\"required\"")));

        // a wrong current password: back to the form (post-redirect-get), the problem under its field
        assertFieldProblem(s, Map.of("currentPassword", "wrong-one-1", "newPassword", "NewPass2027",
                "confirmPassword", "NewPass2027"), "currentPassword", "当前密码不正确");
        assertFieldProblem(s, Map.of("currentPassword", Api.PASSWORD, "newPassword", "short",
                "confirmPassword", "short"), "newPassword", "新密码不符合要求");
        assertFieldProblem(s, Map.of("currentPassword", Api.PASSWORD, "newPassword", "NewPass2027",
                "confirmPassword", "NewPass2028"), "confirmPassword", "两次输入的新密码不一致");
        Api.login(city.code(), "sun", Api.PASSWORD).statusCode(200);

        // the change: signed in again with the new password, the old session ended
        Response changed = given().redirects().follow(false).cookie("gc_access", s.access()).cookie("gc_csrf", s.csrf())
                .formParam("_csrf", s.csrf()).formParam("currentPassword", Api.PASSWORD).formParam("newPassword", "NewPass2027")
                .formParam("confirmPassword", "NewPass2027").post("/console/password");
        changed.then().statusCode(303).header("Location", containsString("/console"));
        given().redirects().follow(false).cookie("gc_access", s.access()).get("/console").then().statusCode(303);
        given().cookie("gc_access", changed.getCookie("gc_access")).cookie("gc_flash", changed.getCookie("gc_flash"))
                .get("/console").then().statusCode(200).body(containsString("密码已修改"));
        Api.login(city.code(), "sun", "NewPass2027").statusCode(200);
        Api.login(city.code(), "sun", Api.PASSWORD).statusCode(401);
    }

    private static void assertFieldProblem(Session s, Map<String, String> form, String field, String text) {
        Response post = given().redirects().follow(false).cookie("gc_access", s.access()).cookie("gc_csrf", s.csrf())
                .formParam("_csrf", s.csrf()).formParams(form).post("/console/password");
        post.then().statusCode(303).header("Location", containsString("/console/password"));
        given().cookie("gc_access", s.access()).cookie("gc_flash", post.getCookie("gc_flash")).get("/console/password")
                .then().statusCode(400).body(containsString("id=\"error-" + field + "\"")).body(containsString(text));
        // a reload shows the form as it is (the note was read once), and the language switch is a plain GET
        given().cookie("gc_access", s.access()).queryParam("lang", "en").get("/console/password").then().statusCode(200)
                .body(containsString("Change password"));
    }

    @Test
    void a_one_time_administrator_password_must_be_replaced_before_any_other_page() {
        // given an administrator granted by the platform operator, with a one-time password
        Api.City city = Api.aCity();
        String oneTime = as(Api.operatorToken()).body(Map.of("username", "chief")).post("/api/v1/platform/tenants/"
                + city.code() + "/administrators").then().statusCode(200).extract().path("initialPassword");
        // when they sign in to the console they are sent to the password form, and every other page waits
        Session s = consoleSignIn(city.code(), "chief", oneTime, "/console/work");
        s.answer().then().statusCode(303).header("Location", containsString("/console/password"));
        given().redirects().follow(false).cookie("gc_access", s.access()).get("/console/work").then().statusCode(303)
                .header("Location", containsString("/console/password"));
        given().cookie("gc_access", s.access()).get("/console/password").then().statusCode(200)
                .body(containsString("id=\"required\""));
        // after the change the console is open, and the next sign-in goes straight in
        Response changed = given().redirects().follow(false).cookie("gc_access", s.access()).cookie("gc_csrf", s.csrf())
                .formParam("_csrf", s.csrf()).formParam("currentPassword", oneTime).formParam("newPassword", "ChiefOwn2027")
                .formParam("confirmPassword", "ChiefOwn2027").post("/console/password");
        changed.then().statusCode(303);
        given().redirects().follow(false).cookie("gc_access", changed.getCookie("gc_access")).get("/console/work")
                .then().statusCode(200);
        consoleSignIn(city.code(), "chief", "ChiefOwn2027", null).answer().then().statusCode(303)
                .header("Location", endsWith("/console"));
    }

    @Test
    void residents_and_volunteers_who_sign_in_at_the_console_are_sent_to_their_portal() {
        Api.City city = Api.aCity();
        city.createUser("resi", "resident");
        city.createUser("volu", "volunteer", "resident");
        for (String who : new String[]{"resi", "volu"}) {
            Session s = consoleSignIn(city.code(), who, Api.PASSWORD, null);
            s.answer().then().statusCode(303).header("Location", containsString("/c/" + city.code() + "/login?from=console"));
            assertNull(s.access());
        }
        given().get("/c/" + city.code() + "/login?from=console").then().statusCode(200).body(containsString("id=\"from-console\""));
    }

    @Test
    void a_resident_changes_their_password_on_the_portal_and_another_citys_session_is_refused() {
        Api.City city = Api.aCity();
        Api.City other = Api.aCity();
        city.createUser("13800001111", "resident");
        String csrf = given().get("/c/" + city.code() + "/login").getCookie("gc_csrf");
        Response in = given().redirects().follow(false).cookie("gc_csrf", csrf).formParam("_csrf", csrf)
                .formParam("username", "13800001111").formParam("password", Api.PASSWORD).post("/c/" + city.code() + "/login");
        assertNotNull(in.getCookie("gc_refresh"));
        String access = in.getCookie("gc_access");
        given().cookie("gc_access", access).get("/c/" + city.code() + "/password").then().statusCode(200)
                .body(containsString("修改密码"));
        Response bad = given().redirects().follow(false).cookie("gc_access", access).cookie("gc_csrf", csrf)
                .formParam("_csrf", csrf).formParam("currentPassword", "nope-12345").formParam("newPassword", "Resident2027")
                .formParam("confirmPassword", "Resident2027").post("/c/" + city.code() + "/password");
        bad.then().statusCode(303);
        given().cookie("gc_access", access).cookie("gc_flash", bad.getCookie("gc_flash")).get("/c/" + city.code() + "/password")
                .then().statusCode(400).body(containsString("id=\"error-currentPassword\""));
        Response ok = given().redirects().follow(false).cookie("gc_access", access).cookie("gc_csrf", csrf)
                .formParam("_csrf", csrf).formParam("currentPassword", Api.PASSWORD).formParam("newPassword", "Resident2027")
                .formParam("confirmPassword", "Resident2027").post("/c/" + city.code() + "/password");
        ok.then().statusCode(303);
        given().cookie("gc_access", ok.getCookie("gc_access")).cookie("gc_flash", ok.getCookie("gc_flash"))
                .get("/c/" + city.code() + "/password").then().statusCode(200).body(containsString("密码已修改"));
        // a session of one city is no way into another city's password form
        given().redirects().follow(false).cookie("gc_access", ok.getCookie("gc_access"))
                .get("/c/" + other.code() + "/password").then().statusCode(403);
    }
}
