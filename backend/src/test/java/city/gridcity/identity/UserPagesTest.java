package city.gridcity.identity;

import static city.gridcity.support.ConsoleForms.followed;
import static city.gridcity.support.ConsoleForms.form;
import static city.gridcity.support.ConsoleForms.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The administrator's users and roles pages, as a browser uses them. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class UserPagesTest {

    @Test
    void the_administrator_creates_a_handler_of_a_department_and_each_wrong_field_is_named_next_to_it_in_chinese() {
        Api.City city = Api.aCity();
        city.createUser("boss", "city-admin");
        String boss = Api.token(city.code(), "boss", Api.PASSWORD);
        page(boss).get("/console").then().statusCode(200).body(containsString("/console/admin/users"));

        // a handler without a department, a bad phone and a short password: each named, typed values kept, nothing stored
        Response refused = followed(boss, form(boss).formParam("username", "wang.handler").formParam("displayName", "王师傅")
                .formParam("phone", "12345").formParam("password", "short").formParam("roles", "department-handler")
                .post("/console/admin/users"));
        refused.then().statusCode(400).body(containsString("id=\"phone-error\""))
                .body(containsString("请填写 11 位大陆手机号"))
                .body(containsString("value=\"王师傅\""))
                .body(not(containsString("short")));
        Api.as(city.adminToken()).get("/api/v1/users?q=wang.handler").then().body("total", equalTo(0));

        Response refusedAgain = followed(boss, form(boss).formParam("username", "wang.handler").formParam("displayName", "王师傅")
                .formParam("password", "short").formParam("roles", "department-handler")
                .formParam("departmentCode", "sanitation").post("/console/admin/users"));
        refusedAgain.then().statusCode(400).body(containsString("id=\"password-error\""));
        Response noDepartment = followed(boss, form(boss).formParam("username", "wang.handler").formParam("displayName", "王师傅")
                .formParam("password", Api.PASSWORD).formParam("roles", "department-handler").post("/console/admin/users"));
        noDepartment.then().statusCode(400).body(containsString("id=\"departmentCode-error\""))
                .body(containsString("处置部门账号须选择部门"));

        // done right: the account page, with the department's name and the role's label
        Response made = followed(boss, form(boss).formParam("username", "wang.handler").formParam("displayName", "王师傅")
                .formParam("password", Api.PASSWORD).formParam("roles", "department-handler")
                .formParam("departmentCode", "sanitation").post("/console/admin/users"));
        made.then().statusCode(200).body(containsString("账号已创建")).body(containsString("王师傅"));
        page(boss).get("/console/admin/users?q=wang").then().statusCode(200).body(containsString("处置部门"))
                .body(containsString("id=\"total\">1<"));
        Api.as(city.adminToken()).get("/api/v1/users?q=wang.handler").then().body("items[0].departmentCode", equalTo("sanitation"))
                .body("items[0].roles", hasItem("department-handler"));
        Api.token(city.code(), "wang.handler", Api.PASSWORD);

        // a taken username is named at its field
        followed(boss, form(boss).formParam("username", "wang.handler").formParam("password", Api.PASSWORD)
                .formParam("roles", "acceptor").post("/console/admin/users")).then().statusCode(409)
                .body(containsString("该用户名已被本市其他账号使用"));
    }

    @Test
    void the_administrator_changes_roles_disables_an_account_and_resets_a_password_and_the_sessions_end() {
        Api.City city = Api.aCity();
        city.createUser("boss", "city-admin");
        String boss = Api.token(city.code(), "boss", Api.PASSWORD);
        long id = city.createUser("lisa", "acceptor");
        String li = Api.token(city.code(), "lisa", Api.PASSWORD);
        String page = "/console/admin/users/" + id;
        String version = String.valueOf(Api.as(city.adminToken()).get("/api/v1/users/" + id).then().extract()
                .path("version").toString());

        followed(boss, form(boss).formParams(Map.of("version", version, "displayName", "李受理", "phone", "",
                "roles", "dispatcher", "status", "ACTIVE")).post(page)).then().statusCode(200)
                .body(containsString("已保存")).body(containsString("李受理"));
        Api.as(li).get("/api/v1/auth/me").then().statusCode(401);
        Api.as(city.adminToken()).get("/api/v1/users/" + id).then().body("roles", hasItem("dispatcher"));

        // a stale form (the version it was loaded with) is refused, nothing changes
        followed(boss, form(boss).formParams(Map.of("version", version, "displayName", "旧表单", "roles", "acceptor",
                "status", "ACTIVE")).post(page)).then().statusCode(409);
        Api.as(city.adminToken()).get("/api/v1/users/" + id).then().body("displayName", equalTo("李受理"));

        // disable: cannot sign in
        String now = Api.as(city.adminToken()).get("/api/v1/users/" + id).then().extract().path("version").toString();
        followed(boss, form(boss).formParams(Map.of("version", now, "displayName", "李受理", "roles", "dispatcher",
                "status", "DISABLED")).post(page)).then().statusCode(200).body(containsString("已保存"));
        Api.login(city.code(), "lisa", Api.PASSWORD).statusCode(org.hamcrest.Matchers.not(200));
        page(boss).get("/console/admin/users?q=lisa").then().body(containsString("已停用"));

        // a weak new password is named; a good one works
        followed(boss, form(boss).formParam("newPassword", "abc").post(page + "/password")).then().statusCode(400)
                .body(containsString("id=\"newPassword-error\""));
        followed(boss, form(boss).formParam("newPassword", "NewPass2027").post(page + "/password")).then().statusCode(200)
                .body(containsString("密码已重置"));

    }

    @Test
    void only_the_administrator_sees_the_pages_and_another_citys_accounts_are_not_found() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        long victim = a.createUser("victim", "acceptor");
        b.createUser("bossb", "city-admin");
        String bossB = Api.token(b.code(), "bossb", Api.PASSWORD);
        String acceptor = Api.token(a.code(), "victim", Api.PASSWORD);

        page(acceptor).get("/console/admin/users").then().statusCode(403);
        form(acceptor).formParam("newPassword", "Hijack2027x").post("/console/admin/users/" + victim + "/password")
                .then().statusCode(403);
        RestAssured.given().redirects().follow(false).get("/console/admin/users").then().statusCode(303)
                .header("Location", containsString("/console/login"));

        page(bossB).get("/console/admin/users").then().statusCode(200).body(not(containsString("victim")));
        page(bossB).get("/console/admin/users/" + victim).then().statusCode(404);
        followed(bossB, form(bossB).formParams(Map.of("displayName", "x", "roles", "acceptor", "status", "DISABLED"))
                .post("/console/admin/users/" + victim)).then().statusCode(404);
        followed(bossB, form(bossB).formParam("newPassword", "Hijack2027x").post("/console/admin/users/" + victim + "/password"))
                .then().statusCode(404);
        Api.token(a.code(), "victim", Api.PASSWORD);
    }
}
