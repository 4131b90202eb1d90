package city.gridcity.department;

import static city.gridcity.support.ConsoleForms.followed;
import static city.gridcity.support.ConsoleForms.form;
import static city.gridcity.support.ConsoleForms.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The administrator's departments page, as a browser uses it. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class DepartmentPagesTest {

    @Test
    void the_administrator_adds_and_changes_a_department_and_each_wrong_field_is_named_next_to_it() {
        Api.City city = Api.aCity();
        city.createUser("boss", "city-admin");
        String boss = Api.token(city.code(), "boss", Api.PASSWORD);
        page(boss).get("/console").then().statusCode(200).body(containsString("/console/admin/departments"));
        page(boss).get("/console/admin/departments").then().statusCode(200).body(containsString("市级部门"));

        // a code with capitals: named at the field, the typed name kept, nothing stored
        followed(boss, form(boss).formParams(Map.of("code", "Water Works", "name", "自来水公司", "kind", "CITY_DEPARTMENT",
                "active", "true")).post("/console/admin/departments")).then().statusCode(400)
                .body(containsString("id=\"code-error\"")).body(containsString("编码须为 2-64 位小写字母"))
                .body(containsString("value=\"自来水公司\""));
        Api.as(city.adminToken()).get("/api/v1/departments/waterworks").then().statusCode(404);

        followed(boss, form(boss).formParams(Map.of("code", "waterworks", "name", "自来水公司", "kind", "PLATFORM_COMPANY",
                "active", "true")).post("/console/admin/departments")).then().statusCode(200)
                .body(containsString("部门已添加")).body(containsString("自来水公司")).body(containsString("平台企业"));
        followed(boss, form(boss).formParams(Map.of("code", "waterworks", "name", "重复", "kind", "CITY_DEPARTMENT")).post(
                "/console/admin/departments")).then().statusCode(409).body(containsString("已有这个编码的部门"));

        // a change with a malformed area is named on that department's form, which stays open
        followed(boss, form(boss).formParams(Map.of("name", "自来水集团", "kind", "PLATFORM_COMPANY", "areaCodes", "12",
                "active", "true")).post("/console/admin/departments/waterworks")).then().statusCode(400)
                .body(containsString("id=\"areaCodes-error\"")).body(containsString("id=\"department-waterworks\" open"));
        Api.as(city.adminToken()).get("/api/v1/departments/waterworks").then().body("name", equalTo("自来水公司"));

        // unchecking "takes cases" stops it
        followed(boss, form(boss).formParams(Map.of("name", "自来水集团", "kind", "PLATFORM_COMPANY", "areaCodes", ""))
                .post("/console/admin/departments/waterworks")).then().statusCode(200).body(containsString("已保存"))
                .body(containsString("已停用"));
        Api.as(city.adminToken()).get("/api/v1/departments/waterworks").then().body("name", equalTo("自来水集团"))
                .body("active", equalTo(false));
        page(boss).get("/console/admin/departments?lang=en").then().body(containsString("Platform company"));
    }

    @Test
    void only_the_administrator_uses_the_page_and_another_citys_departments_are_not_found() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        Api.as(a.adminToken()).body(Map.of("code", "a-only", "name", "甲市独有", "kind", "CITY_DEPARTMENT",
                "areaCodes", List.of())).post("/api/v1/departments").then().statusCode(201);
        b.createUser("bossb", "city-admin");
        String bossB = Api.token(b.code(), "bossb", Api.PASSWORD);
        a.createUser("disp", "dispatcher");
        String dispatcher = Api.token(a.code(), "disp", Api.PASSWORD);

        page(dispatcher).get("/console/admin/departments").then().statusCode(403);
        form(dispatcher).formParam("name", "x").post("/console/admin/departments/a-only").then().statusCode(403);
        page(bossB).get("/console/admin/departments").then().statusCode(200).body(not(containsString("甲市独有")));
        followed(bossB, form(bossB).formParams(Map.of("name", "劫持", "kind", "CITY_DEPARTMENT"))
                .post("/console/admin/departments/a-only")).then().statusCode(404);
        Api.as(a.adminToken()).get("/api/v1/departments/a-only").then().body("name", equalTo("甲市独有"));
    }
}
