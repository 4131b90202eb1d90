package city.gridcity.audit;

import static city.gridcity.support.ConsoleForms.followed;
import static city.gridcity.support.ConsoleForms.form;
import static city.gridcity.support.ConsoleForms.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every change to a city's configuration is recorded with who made it, and the administrator reads it. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class AuditPagesTest {

    @Test
    void a_department_renamed_an_accounts_roles_and_a_limit_changed_are_recorded_with_who_did_it() {
        Api.City city = Api.aCity();
        city.createUser("boss", "city-admin");
        String boss = Api.token(city.code(), "boss", Api.PASSWORD);
        page(boss).get("/console/admin/audit").then().statusCode(200).body(containsString("/console/admin/audit"));

        Api.as(boss).body(Map.of("code", "waterworks", "name", "自来水公司", "kind", "CITY_DEPARTMENT", "areaCodes", List.of()))
                .post("/api/v1/departments").then().statusCode(201);
        followed(boss, form(boss).formParams(Map.of("name", "自来水集团", "kind", "CITY_DEPARTMENT", "active", "true"))
                .post("/console/admin/departments/waterworks")).then().statusCode(200);
        long clerk = city.createUser("clerk", "acceptor");
        Api.as(boss).body(Map.of("roles", List.of("acceptor", "dispatcher"))).patch("/api/v1/users/" + clerk).then()
                .statusCode(200);
        Api.as(boss).body(Map.of("filingMinutes", 45)).put("/api/v1/workflow/settings").then().statusCode(200);
        // a refused change records nothing
        Api.as(boss).body(Map.of("filingMinutes", 0)).put("/api/v1/workflow/settings").then().statusCode(400);

        page(boss).get("/console/admin/audit").then().statusCode(200)
                .body(containsString("处置部门 · waterworks · 名称")).body(containsString("自来水公司"))
                .body(containsString("自来水集团")).body(containsString("用户与角色 · clerk · 角色"))
                .body(containsString("[acceptor, dispatcher]")).body(containsString("受理立案时限（分钟）"))
                .body(containsString("<td data-label=\"操作人\">boss</td>")).body(not(containsString(">0</td>")));
        page(boss).get("/console/admin/audit?area=workflow").then().body(containsString("受理立案时限"))
                .body(not(containsString("自来水集团")));
        page(boss).get("/console/admin/audit?lang=en").then().body(containsString("Filing limit (minutes)"));
    }

    @Test
    void a_switch_turned_on_reads_as_no_then_yes_in_the_readers_language_not_as_false_and_true() {
        // given an administrator who turns the local loop on
        Api.City city = Api.aCity();
        city.createUser("boss", "city-admin");
        String boss = Api.token(city.code(), "boss", Api.PASSWORD);
        Api.as(boss).body(Map.of("localLoop", true)).put("/api/v1/workflow/settings").then().statusCode(200);

        // when they read the change log: the change is named in words and its values are 否 → 是 (no → yes)
        page(boss).get("/console/admin/audit?area=workflow").then().statusCode(200)
                .body(containsString("流程设置 · 本市设置 · "))
                .body(containsString("<td data-label=\"原值\">否</td><td data-label=\"新值\">是</td>"))
                .body(not(containsString(">false<"))).body(not(containsString(">true<")))
                .body(not(containsString("· settings ·")));
        page(boss).get("/console/admin/audit?area=workflow&lang=en").then().statusCode(200)
                .body(containsString("<td data-label=\"Before\">no</td>")).body(not(containsString(">true<")));
    }

    @Test
    void another_city_and_another_role_see_none_of_it() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        Api.as(a.adminToken()).body(Map.of("code", "a-only", "name", "甲市独有", "kind", "CITY_DEPARTMENT",
                "areaCodes", List.of())).post("/api/v1/departments").then().statusCode(201);
        Api.as(a.adminToken()).body(Map.of("name", "甲市改名")).patch("/api/v1/departments/a-only").then().statusCode(200);
        a.createUser("disp", "dispatcher");
        b.createUser("bossb", "city-admin");
        page(Api.token(a.code(), "disp", Api.PASSWORD)).get("/console/admin/audit").then().statusCode(403);
        page(Api.token(b.code(), "bossb", Api.PASSWORD)).get("/console/admin/audit").then().statusCode(200)
                .body(not(containsString("甲市改名")));
    }
}
