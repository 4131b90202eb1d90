package city.gridcity.catalog;

import static city.gridcity.support.ConsoleForms.followed;
import static city.gridcity.support.ConsoleForms.form;
import static city.gridcity.support.ConsoleForms.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The administrator's catalog pages, as a browser uses them. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class CatalogPagesTest {

    private static final String SUBCLASS = "/console/admin/catalog/event/0101";

    @Test
    void the_administrator_changes_a_subclass_and_adds_a_rule_version_from_a_date_and_each_wrong_field_is_named_next_to_it() {
        Api.City city = Api.aCity();
        city.createUser("boss", "city-admin");
        String boss = Api.token(city.code(), "boss", Api.PASSWORD);
        String name = Api.as(city.adminToken()).get("/api/v1/catalog/event/0101").then().extract().path("name");
        page(boss).get("/console").then().statusCode(200).body(containsString("/console/admin/catalog"));
        page(boss).get("/console/admin/catalog?kind=event").then().statusCode(200).body(containsString(name))
                .body(containsString("href=\"" + SUBCLASS + "\"")).body(containsString("工作小时"));

        // a radius out of range: named at its field, what was typed kept, nothing changed
        Map<String, String> attributes = new HashMap<>(Map.of("name", "暴露垃圾（改）", "majorName", "市容环境",
                "departmentCode", "urban-management", "route", "LOCALITY", "duplicateRadiusM", "99999",
                "duplicateWindowHours", "24", "active", "true", "residentName", "", "icon", "", "localLevel", "STREET"));
        followed(boss, form(boss).formParams(attributes).post(SUBCLASS)).then().statusCode(400)
                .body(containsString("id=\"duplicateRadiusM-error\"")).body(containsString("0-5000"))
                .body(containsString("value=\"暴露垃圾（改）\""));
        Api.as(city.adminToken()).get("/api/v1/catalog/event/0101").then().body("name", equalTo(name));

        // a good change, with "key class" unticked: saved and audited by name
        attributes.put("duplicateRadiusM", "80");
        followed(boss, form(boss).formParams(attributes).post(SUBCLASS)).then().statusCode(200)
                .body(containsString("已保存")).body(containsString("小类名称")).body(containsString("暴露垃圾（改）"));
        Api.as(city.adminToken()).get("/api/v1/catalog/event/0101").then().body("name", equalTo("暴露垃圾（改）"))
                .body("duplicateRadiusM", equalTo(80)).body("keyClass", equalTo(false)).body("localLevel", equalTo("street"));

        // a rule version from the past and a limit that is not a number: both named, no version stored
        int versions = Api.as(city.adminToken()).get("/api/v1/catalog/event/0101/rules").then().extract().path("size()");
        Map<String, String> rule = new HashMap<>(Map.of("effectiveFrom", "2020-01-01T00:00", "weight", "1.5",
                "code0", "A", "text0", "垃圾暴露", "amount0", "八", "unit0", "WORKING_HOURS", "closing0", "清理干净"));
        rule.putAll(Map.of("code1", "", "text1", "", "amount1", "", "unit1", "WORKING_HOURS", "closing1", ""));
        followed(boss, form(boss).formParams(rule).post(SUBCLASS + "/rules")).then().statusCode(400)
                .body(containsString("id=\"effectiveFrom-error\"")).body(containsString("id=\"condition-0-error\""))
                .body(containsString("1-10000")).body(containsString("value=\"垃圾暴露\""));
        Api.as(city.adminToken()).get("/api/v1/catalog/event/0101/rules").then().body("$", hasSize(versions));

        // from the first day of next year, eight working hours: a new version, the rule in force unchanged today
        String nextYear = LocalDate.now().plusYears(1).withDayOfYear(1) + "T00:00";
        rule.put("effectiveFrom", nextYear);
        rule.put("amount0", "8");
        followed(boss, form(boss).formParams(rule).post(SUBCLASS + "/rules")).then().statusCode(200)
                .body(containsString("新规则版本已添加")).body(containsString("规则版本（自 " + nextYear.replace('T', ' ')))
                .body(containsString("8 工作小时"));
        Api.as(city.adminToken()).get("/api/v1/catalog/event/0101/rules").then().body("$", hasSize(versions + 1))
                .body("[" + versions + "].conditions[0].limit.amount", equalTo(8))
                .body("[" + versions + "].baseCaseWeight", equalTo(1.5f));

        // routing exceptions: a malformed line is named with its number; a good one is saved
        followed(boss, form(boss).formParam("routing", "910101").post(SUBCLASS + "/routing")).then().statusCode(400)
                .body(containsString("id=\"routing-error\""));
        followed(boss, form(boss).formParam("routing", "123456 no-such-department").post(SUBCLASS + "/routing")).then()
                .statusCode(400).body(containsString("id=\"routing-error\""));
        Api.as(city.adminToken()).get("/api/v1/catalog/event/0101/routing").then().body("overrides", hasSize(0));
        page(boss).get(SUBCLASS + "?lang=en").then().statusCode(200).body(containsString("Rule versions"))
                .body(containsString("Subclass name"));
    }

    @Test
    void only_the_administrator_uses_the_pages_and_another_citys_subclasses_are_not_found() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        Api.as(a.adminToken()).body(Map.of("kind", "EVENT", "code", "0597", "majorName", "街面秩序", "name", "甲市特有",
                "departmentCode", "urban-management", "duplicateRadiusM", 50, "duplicateWindowHours", 24, "baseCaseWeight", 1,
                "conditions", List.of(Map.of("code", "A", "text", "有", "limit", Map.of("amount", 4, "unit", "WORKING_HOURS"),
                        "closing", "无")))).post("/api/v1/catalog").then().statusCode(201);
        b.createUser("bossb", "city-admin");
        String bossB = Api.token(b.code(), "bossb", Api.PASSWORD);
        a.createUser("disp", "dispatcher");
        String dispatcher = Api.token(a.code(), "disp", Api.PASSWORD);

        page(dispatcher).get("/console/admin/catalog").then().statusCode(403);
        page(dispatcher).get("/console/admin/catalog/event/0597").then().statusCode(403);
        form(dispatcher).formParam("name", "x").post("/console/admin/catalog/event/0597").then().statusCode(403);
        page(bossB).get("/console/admin/catalog").then().statusCode(200).body(not(containsString("甲市特有")));
        page(bossB).get("/console/admin/catalog/event/0597").then().statusCode(404);
        followed(bossB, form(bossB).formParams(Map.of("name", "劫持", "majorName", "x", "departmentCode", "urban-management",
                "route", "LOCALITY", "duplicateRadiusM", "1", "duplicateWindowHours", "1"))
                .post("/console/admin/catalog/event/0597")).then().statusCode(404);
        Api.as(a.adminToken()).get("/api/v1/catalog/event/0597").then().body("name", equalTo("甲市特有"));
    }
}
