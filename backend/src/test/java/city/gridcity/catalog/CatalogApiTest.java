package city.gridcity.catalog;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class CatalogApiTest {

    static final List<Map<String, Object>> CONDITIONS = List.of(Map.of("code", "A", "text", "共享单车乱停放超过5辆",
            "limit", Map.of("amount", 2, "unit", "WORKING_HOURS"), "closing", "车辆规整到位"));

    @Test
    void a_new_city_gets_its_own_copy_of_the_national_baseline() {
        Api.City city = Api.aCity();
        String token = city.userWith("reader", "acceptor");
        as(token).get("/api/v1/catalog?kind=component").then().statusCode(200)
                .body("size()", greaterThan(20)).body("majorName", hasItems("公用设施", "道路交通", "市容环境", "园林绿化",
                        "房屋土地", "其他设施"))
                .body("name", hasItems("上水井盖", "路灯", "果皮箱", "公交站亭"));
        as(token).get("/api/v1/catalog?kind=event").then().statusCode(200)
                .body("majorName", hasItems("市容环境", "宣传广告", "施工管理", "突发事件", "街面秩序", "其他事件"))
                .body("name", hasItems("暴露垃圾", "非法小广告", "工地扬尘", "共享单车乱停放"));
        as(token).get("/api/v1/catalog/component/0101").then().statusCode(200)
                .body("name", equalTo("上水井盖")).body("route", equalTo("owner")).body("keyClass", equalTo(true))
                .body("rule.conditions[0].limit.unit", equalTo("NATURAL_HOURS"))
                .body("rule.baseCaseWeight", equalTo(2.0f));
        as(token).get("/api/v1/catalog/event/0506").then().statusCode(200).body("route", equalTo("locality"))
                .body("minor", equalTo(true));
    }

    @Test
    void a_city_edits_its_own_copy_and_neither_the_baseline_nor_other_cities_change() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        as(a.adminToken()).body(Map.of("code", "kc-water", "name", "K市自来水公司", "kind", "CITY_DEPARTMENT"))
                .post("/api/v1/departments").then().statusCode(201);
        as(a.adminToken()).body(Map.of("name", "井盖（自来水）", "departmentCode", "kc-water", "minor", true))
                .patch("/api/v1/catalog/component/0101").then().statusCode(200)
                .body("name", equalTo("井盖（自来水）")).body("departmentCode", equalTo("kc-water"));
        as(b.adminToken()).get("/api/v1/catalog/component/0101").then().body("name", equalTo("上水井盖"))
                .body("departmentCode", equalTo("water"));
        Api.City c = Api.aCity();
        as(c.adminToken()).get("/api/v1/catalog/component/0101").then().body("name", equalTo("上水井盖"));
        // every change is audited: who, when, old, new
        as(a.adminToken()).get("/api/v1/catalog/component/0101/audit").then().statusCode(200)
                .body("field", hasItems("name", "departmentCode", "minor"))
                .body("find { it.field == 'name' }.oldValue", equalTo("上水井盖"))
                .body("find { it.field == 'name' }.newValue", equalTo("井盖（自来水）"))
                .body("find { it.field == 'name' }.by", equalTo("admin"));
    }

    @Test
    void a_rule_change_applies_from_its_moment_on_and_earlier_filings_keep_the_old_rule() {
        Api.City city = Api.aCity();
        OffsetDateTime inAnHour = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusHours(1).truncatedTo(ChronoUnit.SECONDS);
        as(city.adminToken()).body(Map.of("effectiveFrom", inAnHour.toString(), "baseCaseWeight", 1.5,
                "conditions", CONDITIONS)).post("/api/v1/catalog/event/0506/rules").then().statusCode(201);

        // a case filed now is held to the old rule; one filed after the change to the new rule
        as(city.adminToken()).get("/api/v1/catalog/event/0506").then()
                .body("rule.baseCaseWeight", equalTo(1.0f)).body("rule.conditions", hasSize(2));
        as(city.adminToken()).queryParam("at", inAnHour.plusMinutes(1).toString()).get("/api/v1/catalog/event/0506").then()
                .body("rule.baseCaseWeight", equalTo(1.5f)).body("rule.conditions", hasSize(1))
                .body("rule.conditions[0].limit.amount", equalTo(2));
        as(city.adminToken()).get("/api/v1/catalog/event/0506/rules").then().body("$", hasSize(2));
        as(city.adminToken()).get("/api/v1/catalog/event/0506/audit").then()
                .body("field", hasItem(containsString("rule from")));

        // the past cannot be rewritten
        as(city.adminToken()).body(Map.of("effectiveFrom", "2026-01-01T00:00:00+08:00", "baseCaseWeight", 3,
                "conditions", CONDITIONS)).post("/api/v1/catalog/event/0506/rules").then().statusCode(400)
                .body("errors[0].field", equalTo("effectiveFrom"));
    }

    @Test
    void a_city_sets_and_clears_a_subclass_s_english_names_and_a_name_too_long_is_refused_and_nothing_changes() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        String admin = a.adminToken();
        // the baseline's English comes with the copy
        as(admin).get("/api/v1/catalog/event/0102").then().statusCode(200).body("nameEn", equalTo("Exposed rubbish"))
                .body("majorEn", equalTo("Cityscape and environment"));

        as(admin).body(Map.of("nameEn", "x".repeat(101))).patch("/api/v1/catalog/event/0102").then().statusCode(400)
                .body("errors[0].field", equalTo("nameEn"));
        as(admin).body(Map.of("majorEn", "x".repeat(51))).patch("/api/v1/catalog/event/0102").then().statusCode(400)
                .body("errors[0].field", equalTo("majorEn"));
        as(admin).get("/api/v1/catalog/event/0102").then().body("nameEn", equalTo("Exposed rubbish"));

        as(admin).body(Map.of("nameEn", "Uncollected rubbish")).patch("/api/v1/catalog/event/0102").then()
                .statusCode(200).body("nameEn", equalTo("Uncollected rubbish"));
        as(b.adminToken()).get("/api/v1/catalog/event/0102").then().body("nameEn", equalTo("Exposed rubbish"));
        // a blank English name removes it: English pages then show the Chinese
        as(admin).body(Map.of("nameEn", " ")).patch("/api/v1/catalog/event/0102").then().statusCode(200)
                .body("nameEn", org.hamcrest.Matchers.nullValue());
        as(admin).get("/api/v1/catalog/event/0102/audit").then().body("field", hasItems("nameEn"));
    }

    @Test
    void bad_catalog_input_is_refused_naming_the_field() {
        Api.City city = Api.aCity();
        String admin = city.adminToken();
        as(admin).body(Map.of("baseCaseWeight", 0, "conditions", List.of(Map.of("code", "A", "text", "x",
                "limit", Map.of("amount", 0, "unit", "WORKING_HOURS"))))).post("/api/v1/catalog/event/0101/rules").then()
                .statusCode(400).body("errors.field", hasItems("baseCaseWeight", "conditions[0].closing", "conditions[0].limit"));
        as(admin).body(Map.of("baseCaseWeight", 1, "conditions", List.of(Map.of("code", "A", "text", "x",
                "limit", Map.of("amount", 1, "unit", "FORTNIGHTS"), "closing", "y")))).post("/api/v1/catalog/event/0101/rules")
                .then().statusCode(400).body("errors[0].field", containsString("unit"));
        as(admin).body(Map.of("duplicateRadiusM", 99999)).patch("/api/v1/catalog/event/0101").then().statusCode(400)
                .body("errors[0].field", equalTo("duplicateRadiusM"));
        as(admin).get("/api/v1/catalog/planet/0101").then().statusCode(400).body("errors[0].field", equalTo("kind"));
        as(admin).get("/api/v1/catalog/event/9999").then().statusCode(404);
    }

    @Test
    void a_city_adds_a_subclass_of_its_own() {
        Api.City city = Api.aCity();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("kind", "EVENT", "code", "0599", "majorName", "街面秩序",
                "name", "违规遛狗", "departmentCode", "urban-management", "duplicateRadiusM", 50,
                "duplicateWindowHours", 24, "baseCaseWeight", 0.8, "conditions", CONDITIONS));
        as(city.adminToken()).body(body).post("/api/v1/catalog").then().statusCode(201)
                .body("name", equalTo("违规遛狗")).body("route", equalTo("locality")).body("rule.baseCaseWeight", equalTo(0.8f));
        as(city.adminToken()).body(body).post("/api/v1/catalog").then().statusCode(409);
        body.put("code", "5");
        as(city.adminToken()).body(body).post("/api/v1/catalog").then().statusCode(400).body("errors[0].field", equalTo("code"));
    }

    @Test
    void only_the_administrator_changes_the_catalog_and_other_cities_cannot_see_it() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        String dispatcher = a.userWith("disp", "dispatcher");
        as(dispatcher).body(Map.of("name", "x")).patch("/api/v1/catalog/component/0101").then().statusCode(403);
        as(dispatcher).body(Map.of("baseCaseWeight", 1, "conditions", CONDITIONS)).post("/api/v1/catalog/event/0101/rules")
                .then().statusCode(403);
        as(dispatcher).get("/api/v1/catalog/component/0101/audit").then().statusCode(403);
        as(Api.operatorToken()).get("/api/v1/catalog").then().statusCode(403);
        // B's own-code subclass does not exist in A
        as(b.adminToken()).body(Map.of("kind", "EVENT", "code", "0598", "majorName", "街面秩序", "name", "B市特有",
                "departmentCode", "urban-management", "duplicateRadiusM", 50, "duplicateWindowHours", 24, "baseCaseWeight", 1,
                "conditions", CONDITIONS)).post("/api/v1/catalog").then().statusCode(201);
        as(a.adminToken()).get("/api/v1/catalog/event/0598").then().statusCode(404);
    }

    @Test
    void a_subclass_can_only_go_to_an_existing_department_and_weights_have_two_decimals() {
        Api.City city = Api.aCity();
        as(city.adminToken()).body(Map.of("departmentCode", "no-such-dept")).patch("/api/v1/catalog/event/0101").then()
                .statusCode(400).body("errors[0].field", equalTo("departmentCode"));
        as(city.adminToken()).body(Map.of("baseCaseWeight", 0.001, "conditions", CONDITIONS))
                .post("/api/v1/catalog/event/0101/rules").then().statusCode(400)
                .body("errors[0].field", equalTo("baseCaseWeight"));
        as(city.adminToken()).get("/api/v1/catalog/event/0101").then().body("departmentCode", equalTo("urban-management"));
    }

    @Test
    void another_city_cannot_read_or_change_a_citys_own_subclass_rules_audit_or_routing_and_residents_see_no_staff_views() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        as(a.adminToken()).body(Map.of("kind", "EVENT", "code", "0597", "majorName", "街面秩序", "name", "A市特有",
                "departmentCode", "urban-management", "duplicateRadiusM", 50, "duplicateWindowHours", 24,
                "baseCaseWeight", 1, "conditions", CONDITIONS)).post("/api/v1/catalog").then().statusCode(201);
        String path = "/api/v1/catalog/event/0597";
        as(b.adminToken()).get(path + "/rules").then().statusCode(404);
        as(b.adminToken()).get(path + "/audit").then().statusCode(404);
        as(b.adminToken()).get(path + "/routing").then().statusCode(404);
        as(b.adminToken()).body(Map.of("name", "hijack")).patch(path).then().statusCode(404);
        as(b.adminToken()).body(Map.of("baseCaseWeight", 1, "conditions", CONDITIONS)).post(path + "/rules").then()
                .statusCode(404);
        as(b.adminToken()).body(Map.of("overrides", List.of())).put(path + "/routing").then().statusCode(404);
        as(a.adminToken()).get(path + "/audit").then().statusCode(200).body("field", hasItem("created"));

        String resident = a.userWith("resi", "resident");
        as(resident).get("/api/v1/catalog").then().statusCode(403);
        as(resident).get(path + "/rules").then().statusCode(403);
        as(resident).get(path + "/responsible?lon=118.5&lat=31.5").then().statusCode(403);
    }
}
