package city.gridcity.assessment;

import static city.gridcity.support.Api.as;
import static city.gridcity.support.ConsoleForms.followed;
import static city.gridcity.support.ConsoleForms.form;
import static city.gridcity.support.ConsoleForms.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Linked deductions (关联扣分) in the scheme editor and the API: the city administrator adds, changes and removes a
 * departments' scheme's same-grid (同网同责) and same-item (同项同责) rules, each a new version from a date that is not in
 * the past, seen by name (the districts' scheme and its item, the kind in words, the share as a percent); each bad input
 * is refused next to its field (page) or naming it (API) with nothing stored; a new version of an existing scheme dated
 * before today is refused on both channels; another city and the wrong roles are refused.
 * The city has the districts' scheme 城区考评 (立案率, 按期结案率) and the departments' scheme 部门考评 (按期处置率, 变化率),
 * both from 1 January, without linked deductions.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class LinkedDeductionsEditorTest {

    static final String PAGE = "/console/assessment/schemes";
    static final String DEPARTMENTS = PAGE + "/baseline/departments";
    static final String API = "/api/v1/assessment/schemes/departments";

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    static final String YESTERDAY = TODAY.minusDays(1).toString();
    static final String NOW = TODAY.toString();
    static final String IN_9 = TODAY.plusDays(9).toString();
    static final String IN_14 = TODAY.plusDays(14).toString();

    static final String DEPARTMENTS_SCHEME = """
            {"effectiveFrom": "2026-01-01", "scheme": {"code": "departments", "name": "部门考评", "targets": "DEPARTMENT",
             "weightsMustAddUp": true, "components": [{"code": "system", "name": "系统数据", "weight": 1, "items": [
               {"code": "on-time-disposal", "name": "按期处置率", "indicator": "on-time-closure-rate", "points": 60,
                "rule": "threshold-linear", "params": {"threshold": 0.8, "k": 1}, "noData": "FULL"},
               {"code": "change", "name": "变化率", "indicator": "change-rate", "points": 40, "rule": "proportional",
                "noData": "FULL"}]}]}}
            """;

    Api.City city;
    String admin;
    String assessor;

    @BeforeEach
    void aCityWithADistrictsAndADepartmentsScheme() {
        city = Api.aCity();
        // a second administrator: the first one's pages ask for a new password first
        admin = city.userWith("boss", "city-admin");
        assessor = city.userWith("assessor", "assessor");
        as(admin).body(AssessmentApiTest.districtScheme("1")).put("/api/v1/assessment/schemes/districts").then()
                .statusCode(201);
        as(admin).body(DEPARTMENTS_SCHEME).put(API).then().statusCode(201);
    }

    @Test
    void the_administrator_adds_changes_and_removes_a_linked_deduction_on_the_page_each_a_new_version_seen_by_name() {
        page(admin).get(DEPARTMENTS).then().statusCode(200).body(containsString("id=\"linked\""))
                .body(containsString("本方案还没有关联扣分")).body(containsString("id=\"linked-form\""))
                .body(containsString("<option value=\"SAME_GRID\" selected>同网同责</option>")).body(containsString("<option value=\"districts\""))
                .body(containsString(">城区考评</option>")).body(containsString("data-scheme=\"districts\""))
                // the change rate lists no cases behind its deduction: it cannot be linked
                .body(not(containsString("<option value=\"change\"")));

        // added: half of what a district loses on 按期结案率 for a case overdue at the department, from today
        followed(admin, linked(admin, "linkedCode", "same-grid", "linkedName", "同网同责", "linkedKind", "SAME_GRID",
                "linkedScheme", "districts", "linkedItem", "on-time", "linkedShare", "50", "effectiveFrom", NOW)
                .post(DEPARTMENTS + "/linked")).then().statusCode(200).body(containsString("已保存关联扣分"))
                .body(containsString("id=\"linked-same-grid\"")).body(containsString("城区考评 · 按期结案率"))
                .body(containsString("50%")).body(containsString("新增关联扣分“同网同责”"));
        as(admin).get(API + "/versions").then().statusCode(200).body("version", equalTo(List.of(1, 2)))
                .body("[1].effectiveFrom", equalTo(NOW)).body("[1].createdBy", equalTo("boss"))
                .body("[1].body.linked[0].kind", equalTo("SAME_GRID"))
                .body("[1].body.linked[0].scheme", equalTo("districts"))
                .body("[1].body.linked[0].item", equalTo("on-time"))
                .body("[1].body.linked[0].share", equalTo(0.5f));

        // the form of the rule shows it as it is, and an item edit keeps it (an item edit used to drop the linked rules)
        page(admin).get(DEPARTMENTS + "?linked=same-grid").then().statusCode(200)
                .body(containsString("name=\"linkedShare\" inputmode=\"decimal\" value=\"50\""))
                .body(containsString("<option value=\"SAME_GRID\" selected>"))
                .body(containsString("<option value=\"on-time\" selected>"))
                .body(containsString("id=\"remove-linked-form\""));
        followed(admin, form(admin).formParam("original", "change").formParam("component", "system")
                .formParam("code", "change").formParam("name", "变化率").formParam("indicator", "change-rate")
                .formParam("points", "40").formParam("rule", "proportional").formParam("noData", "ZERO")
                .formParam("effectiveFrom", NOW).post(DEPARTMENTS + "/items")).then().statusCode(200)
                .body(containsString("已保存指标项"));
        as(admin).get(API + "/versions").then().body("[2].body.linked[0].code", equalTo("same-grid"));

        // changed: a same-item rule at 30 %, from the 10th day; the scheme select does not apply
        followed(admin, linked(admin, "original", "same-grid", "linkedCode", "same-grid", "linkedName", "同项同责",
                "linkedKind", "SAME_ITEM", "linkedScheme", "districts", "linkedItem", "on-time-disposal",
                "linkedShare", "30", "effectiveFrom", IN_9).post(DEPARTMENTS + "/linked")).then().statusCode(200)
                .body(containsString("本方案 · 按期处置率")).body(containsString("30%"))
                .body(containsString("修改关联扣分“同项同责”"));
        as(admin).get(API + "/versions").then().body("version", equalTo(List.of(1, 2, 3, 4)))
                .body("[3].effectiveFrom", equalTo(IN_9)).body("[3].body.linked", hasSize(1))
                .body("[3].body.linked[0].kind", equalTo("SAME_ITEM"))
                .body("[3].body.linked[0].scheme", nullValue())
                .body("[3].body.linked[0].share", equalTo(0.3f));
        page(admin).get(DEPARTMENTS + "?lang=en").then().statusCode(200).body(containsString("Linked deductions"))
                .body(containsString("Same item, same duty")).body(containsString("This scheme · 按期处置率"));

        // removed from the 15th day; until then it is in force
        followed(admin, form(admin).formParam("effectiveFrom", IN_14)
                .post(DEPARTMENTS + "/linked/same-grid/removal")).then().statusCode(200)
                .body(containsString("已删除关联扣分")).body(containsString("删除关联扣分“同项同责”"))
                .body(containsString("本方案还没有关联扣分"));
        as(admin).get(API + "/versions").then().body("$", hasSize(5)).body("[4].body.linked", nullValue())
                .body("[4].effectiveFrom", equalTo(IN_14));
        as(admin).get(API + "/composite?on=" + TODAY.plusDays(13)).then().body("linked[0].code", equalTo("same-grid"));
        as(admin).get(API + "/composite?on=" + IN_14).then().body("linked", nullValue());
    }

    @Test
    void each_bad_linked_deduction_on_the_page_is_shown_next_to_its_field_and_nothing_is_stored() {
        // a districts' scheme whose first version starts on the 10th day: not in force today
        as(admin).body(AssessmentApiTest.districtScheme("1").replace("\"code\": \"districts\"", "\"code\": \"later\"")
                .replace("2026-01-01", IN_9)).put("/api/v1/assessment/schemes/later").then().statusCode(201);
        as(admin).body(Map.of("effectiveFrom", NOW, "name", "同网同责", "kind", "SAME_GRID", "scheme", "districts",
                "item", "on-time", "share", 0.5)).put(API + "/linked/same-grid").then().statusCode(201);

        // an item the districts' scheme does not have; a share over 100 %
        followed(admin, linked(admin, "linkedItem", "no-such", "linkedShare", "150").post(DEPARTMENTS + "/linked"))
                .then().statusCode(400).body(containsString("id=\"linkedItem-error\""))
                .body(containsString("请选择所依据方案中已有、且扣分能对应到案件的指标项"))
                .body(containsString("id=\"linkedShare-error\"")).body(containsString("请填写 0～100 之间的百分比"))
                .body(containsString("value=\"150\"")).body(containsString("未保存"));
        // a share below 0, and one that is no number, in English
        followed(admin, linked(admin, "linkedShare", "-5").post(DEPARTMENTS + "/linked")).then().statusCode(400)
                .body(containsString("id=\"linkedShare-error\""));
        String word = linked(admin, "linkedShare", "一半").post(DEPARTMENTS + "/linked").getCookie("gc_flash");
        page(admin).cookie("gc_flash", word).queryParam("lang", "en").get(DEPARTMENTS).then().statusCode(400)
                .body(containsString("id=\"linkedShare-error\"")).body(containsString("Give a percentage from 0 to 100"))
                .body(containsString("value=\"一半\""));
        // a districts' scheme not in force on the date; no kind; a code an item has
        followed(admin, linked(admin, "linkedScheme", "later", "effectiveFrom", NOW).post(DEPARTMENTS + "/linked")).then().statusCode(400)
                .body(containsString("id=\"linkedScheme-error\"")).body(containsString("请选择在生效日期已生效的城区考评方案"));
        followed(admin, linked(admin, "linkedKind", "").post(DEPARTMENTS + "/linked")).then().statusCode(400)
                .body(containsString("id=\"linkedKind-error\""));
        followed(admin, linked(admin, "linkedCode", "change").post(DEPARTMENTS + "/linked")).then().statusCode(400)
                .body(containsString("id=\"linkedCode-error\""));
        // a date in the past, as the only fault: 422, next to the field; and of a removal
        followed(admin, linked(admin, "effectiveFrom", YESTERDAY).post(DEPARTMENTS + "/linked")).then().statusCode(422)
                .body(containsString("id=\"linked-effectiveFrom-error\"")).body(containsString("不能早于今天"))
                .body(containsString("value=\"" + YESTERDAY + "\""));
        followed(admin, form(admin).formParam("effectiveFrom", YESTERDAY).post(DEPARTMENTS + "/linked/same-grid/removal"))
                .then().statusCode(422).body(containsString("id=\"remove-linked-effectiveFrom-error\""));
        // a change of a rule the scheme does not have
        linked(admin, "original", "no-such-rule").post(DEPARTMENTS + "/linked").then().statusCode(404);

        as(admin).get(API + "/versions").then().body("version", equalTo(List.of(1, 2)))
                .body("[1].body.linked[0].share", equalTo(0.5f));
    }

    @Test
    void the_api_adds_changes_and_removes_a_linked_deduction_and_refuses_bad_input_and_past_dates_storing_nothing() {
        as(admin).body(Map.of("effectiveFrom", NOW, "name", "同网同责", "kind", "SAME_GRID", "scheme", "districts",
                "item", "on-time", "share", 0.5)).put(API + "/linked/same-grid").then().statusCode(201)
                .body("version", equalTo(2)).body("createdBy", equalTo("boss"))
                .body("body.linked[0].item", equalTo("on-time"));
        as(admin).body(Map.of("effectiveFrom", IN_9, "name", "同项同责", "kind", "SAME_ITEM",
                "item", "on-time-disposal", "share", 0.3)).put(API + "/linked/same-item").then().statusCode(201)
                .body("version", equalTo(3)).body("body.linked.code", equalTo(List.of("same-grid", "same-item")));
        as(admin).body(Map.of("effectiveFrom", IN_9, "name", "同网同责", "kind", "SAME_GRID", "scheme", "districts",
                "item", "filing", "share", 0.25)).put(API + "/linked/same-grid").then().statusCode(201)
                .body("body.linked[0].item", equalTo("filing")).body("body.linked[0].share", equalTo(0.25f));
        as(admin).delete(API + "/linked/same-item?effectiveFrom=" + IN_14).then().statusCode(201)
                .body("version", equalTo(5)).body("body.linked.code", equalTo(List.of("same-grid")));

        // bad input: 400 naming each field
        as(admin).body(Map.of("effectiveFrom", IN_14, "kind", "SAME_GRID", "scheme", "districts", "item", "no-such",
                "share", 1.5)).put(API + "/linked/x").then().statusCode(400)
                .body("errors.field", hasItems("linked.item", "linked.share"));
        as(admin).body(Map.of("effectiveFrom", IN_14, "kind", "SAME_GRID", "scheme", "nowhere", "item", "on-time",
                "share", 0.5)).put(API + "/linked/x").then().statusCode(400)
                .body("errors.field", hasItems("linked.scheme"));
        as(admin).body(Map.of("effectiveFrom", IN_14, "kind", "SAME_ITEM", "item", "change", "share", 0.5))
                .put(API + "/linked/x").then().statusCode(400).body("errors.field", hasItems("linked.item"));
        // a date in the past: 422, an RFC 9457 problem naming the field and the fix
        as(admin).body(Map.of("effectiveFrom", YESTERDAY, "kind", "SAME_GRID", "scheme", "districts", "item", "on-time",
                "share", 0.5)).put(API + "/linked/x").then().statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("type", containsString("effective-from-in-past")).body("status", equalTo(422))
                .body("errors[0].field", equalTo("effectiveFrom"))
                .body("errors[0].message", containsString("give today (" + NOW));
        as(admin).delete(API + "/linked/same-grid?effectiveFrom=" + YESTERDAY).then().statusCode(422)
                .body("errors[0].field", equalTo("effectiveFrom"));
        as(admin).delete(API + "/linked/no-such?effectiveFrom=" + IN_14).then().statusCode(404);
        as(admin).get(API + "/versions").then().body("$", hasSize(5));
    }

    @Test
    void a_new_version_of_an_existing_scheme_dated_before_today_is_refused_by_the_api_but_a_first_version_may_be() {
        // the whole scheme again from yesterday: 422 naming effectiveFrom
        as(admin).body(DEPARTMENTS_SCHEME.replace("2026-01-01", YESTERDAY)).put(API).then().statusCode(422)
                .body("errors.field", equalTo(List.of("effectiveFrom")))
                .body("detail", containsString("runs of past periods"));
        // with another fault as well: 400 listing both
        as(admin).body(DEPARTMENTS_SCHEME.replace("2026-01-01", YESTERDAY).replace("change-rate", "happiness-rate"))
                .put(API).then().statusCode(400)
                .body("errors.field", hasItems("effectiveFrom", "components[0].items[1].indicator"));
        // an overlay's second version too
        String dust = AssessmentApiTest.DUST;
        as(admin).body(dust).put("/api/v1/assessment/overlays/dust").then().statusCode(201);
        as(admin).body(dust.replace("2026-01-01", YESTERDAY)).put("/api/v1/assessment/overlays/dust").then()
                .statusCode(422).body("errors[0].field", equalTo("effectiveFrom"));
        // today is fine
        as(admin).body(DEPARTMENTS_SCHEME.replace("2026-01-01", NOW)).put(API).then().statusCode(201)
                .body("version", equalTo(2));
        as(admin).get(API + "/versions").then().body("$", hasSize(2));
        as(admin).get("/api/v1/assessment/overlays/dust/versions").then().body("$", hasSize(1));
        // a first version may start in the past (nothing was assessed under its code; a city arrives with history)
        as(admin).body(DEPARTMENTS_SCHEME.replace("\"code\": \"departments\"", "\"code\": \"fresh\"")
                .replace("2026-01-01", YESTERDAY)).put("/api/v1/assessment/schemes/fresh").then().statusCode(201);
    }

    @Test
    void another_citys_administrator_and_the_wrong_roles_are_refused_on_the_linked_deduction_page_and_api() {
        as(admin).body(Map.of("effectiveFrom", NOW, "name", "同网同责", "kind", "SAME_GRID", "scheme", "districts",
                "item", "on-time", "share", 0.5)).put(API + "/linked/same-grid").then().statusCode(201);
        Map<String, Object> rule = Map.of("effectiveFrom", IN_9, "kind", "SAME_GRID", "scheme", "districts",
                "item", "on-time", "share", 0.2);

        // an assessor reads them but does not edit them
        page(assessor).get(DEPARTMENTS).then().statusCode(200).body(containsString("城区考评 · 按期结案率"))
                .body(not(containsString("id=\"linked-form\""))).body(not(containsString("?linked=same-grid")));
        linked(assessor, "linkedShare", "20").post(DEPARTMENTS + "/linked").then().statusCode(403);
        form(assessor).formParam("effectiveFrom", IN_9).post(DEPARTMENTS + "/linked/same-grid/removal").then()
                .statusCode(403);
        as(assessor).body(rule).put(API + "/linked/same-grid").then().statusCode(403);
        as(assessor).delete(API + "/linked/same-grid?effectiveFrom=" + IN_9).then().statusCode(403);
        // a dispatcher does not even see them
        String dispatcher = city.userWith("dispatcher", "dispatcher");
        page(dispatcher).get(DEPARTMENTS).then().statusCode(403);
        linked(dispatcher, "linkedShare", "20").post(DEPARTMENTS + "/linked").then().statusCode(403);
        as(dispatcher).body(rule).put(API + "/linked/same-grid").then().statusCode(403);

        // another city's administrator finds nothing of this city
        String other = Api.aCity().userWith("bossb", "city-admin");
        page(other).get(DEPARTMENTS).then().statusCode(404);
        linked(other, "linkedShare", "20").post(DEPARTMENTS + "/linked").then().statusCode(404);
        linked(other, "original", "same-grid", "linkedShare", "20").post(DEPARTMENTS + "/linked").then().statusCode(404);
        form(other).formParam("effectiveFrom", IN_9).post(DEPARTMENTS + "/linked/same-grid/removal").then()
                .statusCode(404);
        as(other).body(rule).put(API + "/linked/same-grid").then().statusCode(404);
        as(other).delete(API + "/linked/same-grid?effectiveFrom=" + IN_9).then().statusCode(404);

        as(admin).get(API + "/versions").then().body("version", equalTo(List.of(1, 2)))
                .body("[1].body.linked[0].share", equalTo(0.5f));
    }

    /**
     * The linked deduction form as a browser sends it: a same-grid rule "same-grid" on 按期结案率 of 城区考评 at 50 %
     * from the 10th day, then the pairs of field and value given.
     */
    private static RequestSpecification linked(String token, String... changes) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("original", "");
        fields.put("linkedCode", "same-grid-2");
        fields.put("linkedName", "同网同责");
        fields.put("linkedKind", "SAME_GRID");
        fields.put("linkedScheme", "districts");
        fields.put("linkedItem", "on-time");
        fields.put("linkedShare", "50");
        fields.put("effectiveFrom", IN_9);
        for (int i = 0; i < changes.length; i += 2) {
            fields.put(changes[i], changes[i + 1]);
        }
        return form(token).formParams(fields);
    }
}
