package city.gridcity.assessment;

import static city.gridcity.support.Api.as;
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
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's scheme editor as a browser uses it: the city's schemes and overlays by name, a scheme's items in
 * words, an overlay's composite, edits saved as new versions from a date with what they changed, each bad input
 * next to its field with nothing stored, and the walls (another city, the wrong role). Dates count from today in
 * the city (the editor refuses one in the past); the district scheme (立案率 50 proportional, 按期结案率 ≥ 70 % 50 −1 per point) and
 * the dust overlay (a component of its own weighing 0.2, the system data reweighted to 0.8) are in force from 1 January.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class SchemeEditorPagesTest {

    static final String PAGE = "/console/assessment/schemes";
    static final String DISTRICTS = PAGE + "/baseline/districts";
    static final String DUST = PAGE + "/overlay/dust";

    /** Today in the city (Asia/Shanghai), and days from it: the editor refuses a date before today. */
    static final java.time.LocalDate TODAY = java.time.LocalDate.now(ZoneId.of("Asia/Shanghai"));
    static final String YESTERDAY = TODAY.minusDays(1).toString();
    static final String NOW = TODAY.toString();
    static final String IN_9 = TODAY.plusDays(9).toString();
    static final String IN_14 = TODAY.plusDays(14).toString();
    static final String IN_19 = TODAY.plusDays(19).toString();

    Api.City city;
    String admin;
    String assessor;

    @BeforeEach
    void aCityWithTheDistrictSchemeAndTheDustOverlay() {
        city = Api.aCity();
        // a second administrator: the first one's pages ask for a new password first
        admin = city.userWith("boss", "city-admin");
        assessor = city.userWith("assessor", "assessor");
        as(admin).body(AssessmentApiTest.districtScheme("1")).put("/api/v1/assessment/schemes/districts").then()
                .statusCode(201);
        as(admin).body(AssessmentApiTest.DUST).put("/api/v1/assessment/overlays/dust").then().statusCode(201);
    }

    @Test
    void the_administrator_changes_an_item_and_it_is_a_new_version_from_the_chosen_date_with_its_change_in_the_audit() {
        page(admin).get(PAGE).then().statusCode(200).body(containsString("城区考评")).body(containsString("扬尘治理"))
                .body(containsString("href=\"" + DISTRICTS + "\"")).body(containsString("href=\"" + DUST + "\""))
                .body(containsString("name=\"viewport\"")).body(not(containsString("onclick=")))
                .body(not(containsString("onchange=")));
        page(admin).get(DISTRICTS).then().statusCode(200).body(containsString("按期结案率"))
                .body(containsString("达标线性扣分"))
                .body(containsString("达到 70% 得满分 50 分，每低 1 个百分点扣 1 分，扣完为止"))
                .body(containsString("得满分")).body(containsString("id=\"item-form\""))
                .body(containsString("/console/scheme-editor.js"));
        page(admin).get(DISTRICTS + "?item=on-time").then().statusCode(200)
                .body(containsString("<option value=\"threshold-linear\" selected>"))
                .body(containsString("name=\"threshold\" inputmode=\"decimal\" value=\"0.7\""))
                .body(containsString("id=\"remove-form\""));
        RestAssured.given().get("/console/scheme-editor.js").then().statusCode(200);

        followed(admin, item(admin, "on-time", "points", "40", "threshold", "0.8", "k", "2", "noData", "ZERO",
                "effectiveFrom", IN_14)
                .post(DISTRICTS + "/items")).then().statusCode(200).body(containsString("已保存指标项"))
                .body(containsString("达到 80% 得满分 40 分，每低 1 个百分点扣 2 分"))
                .body(containsString("修改“按期结案率”")).body(containsString(IN_14));
        as(admin).get("/api/v1/assessment/schemes/districts/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2))).body("[1].effectiveFrom", equalTo(IN_14))
                .body("[1].body.components[0].items[1].params.threshold", equalTo(0.8f))
                .body("[1].body.components[0].items[1].noData", equalTo("ZERO"));
        // until the 15th the first version is in force
        as(admin).get("/api/v1/assessment/schemes/districts/composite?on=" + TODAY.plusDays(13)).then()
                .body("components[0].items[1].points", equalTo(50));

        // a new item in bands, from today; the filing item removed; the groups
        followed(admin, form(admin).formParam("component", "system").formParam("code", "reports")
                .formParam("name", "上报数").formParam("indicator", "reports").formParam("points", "10")
                .formParam("rule", "bands").formParam("at1", "5").formParam("points1", "5").formParam("at2", "10")
                .formParam("points2", "10").formParam("noData", "FULL").formParam("effectiveFrom", NOW)
                .post(DISTRICTS + "/items")).then().statusCode(200).body(containsString("新增“上报数”"))
                .body(containsString("按下限分档：5 → 5 分；10 → 10 分"));
        followed(admin, form(admin).formParam("effectiveFrom", IN_19)
                .post(DISTRICTS + "/items/filing/removal")).then().statusCode(200)
                .body(containsString("已删除指标项")).body(containsString("删除“立案率”"));
        followed(admin, form(admin).formParam("groupCode0", "core").formParam("groupName0", "核心区")
                .formParam("groupMembers0", "d1, d2").formParam("groupCode1", "").formParam("groupName1", "")
                .formParam("groupMembers1", "").formParam("effectiveFrom", IN_19)
                .post(DISTRICTS + "/groups")).then().statusCode(200).body(containsString("核心区"))
                .body(containsString("d1、d2")).body(containsString("排名分组调整"));
        as(admin).get("/api/v1/assessment/schemes/districts/versions").then().body("$", hasSize(5))
                .body("[4].body.groups[0].members", equalTo(List.of("d1", "d2")))
                .body("[4].createdBy", equalTo("boss"));

        // the overlay: its composite as computed, new weights, a new overlay with its first item
        page(admin).get(DUST).then().statusCode(200).body(containsString("叠加结果"))
                .body(containsString("城区考评 + 扬尘治理")).body(containsString("权重合计 1"));
        followed(admin, form(admin).formParam("weight-system", "0.7").formParam("weight-dust", "0.3")
                .formParam("effectiveFrom", IN_9).post(DUST + "/weights")).then().statusCode(200)
                .body(containsString("已保存权重")).body(containsString("system 0.8→0.7"));
        followed(admin, form(admin).formParam("code", "civil").formParam("name", "文明城").formParam("baseline", "districts")
                .formParam("effectiveFrom", NOW).post(PAGE + "/overlays")).then().statusCode(200)
                .body(containsString("已创建叠加方案")).body(containsString("文明城"));
        followed(admin, form(admin).formParam("component", "system").formParam("code", "civil-satisfaction")
                .formParam("name", "群众满意率").formParam("indicator", "satisfaction-rate").formParam("points", "10")
                .formParam("rule", "proportional").formParam("noData", "EXCLUDED").formParam("effectiveFrom", NOW)
                .post(PAGE + "/overlay/civil/items")).then().statusCode(200).body(containsString("群众满意率"))
                .body(containsString("城区考评 + 文明城"));
        as(admin).get("/api/v1/assessment/overlays/civil/versions").then().body("version", equalTo(List.of(1, 2)))
                .body("[1].body.items[0].component", equalTo("system"));
        page(admin).get(PAGE + "?lang=en").then().body(containsString("Campaign overlays"))
                .body(containsString("文明城"));
    }

    @Test
    void each_bad_input_is_shown_next_to_its_field_and_nothing_is_stored() {
        // an unknown indicator, points that are no number, a rule without its threshold, a date in the past
        followed(admin, item(admin, "on-time", "indicator", "no-such-indicator", "points", "四十", "threshold", "",
                "effectiveFrom", YESTERDAY)
                .post(DISTRICTS + "/items")).then().statusCode(400)
                .body(containsString("id=\"indicator-error\"")).body(containsString("请从列表中选择本系统已有的指标"))
                .body(containsString("id=\"points-error\"")).body(containsString("id=\"threshold-error\""))
                .body(containsString("id=\"effectiveFrom-error\"")).body(containsString("不能早于今天"))
                .body(containsString("value=\"" + YESTERDAY + "\"")).body(containsString("value=\"四十\""))
                .body(containsString("未保存"));
        // a band without its points; a bad code, in English in the service's own words
        followed(admin, item(admin, "on-time", "rule", "bands", "at1", "0.9", "effectiveFrom", IN_9)
                .post(DISTRICTS + "/items")).then().statusCode(400)
                .body(containsString("id=\"points1-error\""));
        String refused = item(admin, "on-time", "code", "Bad Code", "effectiveFrom", IN_9)
                .post(DISTRICTS + "/items").getCookie("gc_flash");
        page(admin).cookie("gc_flash", refused).queryParam("lang", "en").get(DISTRICTS).then().statusCode(400)
                .body(containsString("id=\"code-error\"")).body(containsString("lower-case letters"));
        // weights that do not add up where the scheme requires it, a weight out of range, a word for a weight
        followed(admin, form(admin).formParam("weight-system", "0.5").formParam("weight-dust", "0.2")
                .formParam("effectiveFrom", IN_9).post(DUST + "/weights")).then().statusCode(400)
                .body(containsString("id=\"weights-error\"")).body(containsString("各部分权重之和不等于 1"))
                .body(containsString("value=\"0.5\""));
        followed(admin, form(admin).formParam("weight-system", "1.5").formParam("effectiveFrom", IN_9)
                .post(DISTRICTS + "/weights")).then().statusCode(400).body(containsString("id=\"weight-system-error\""));
        followed(admin, form(admin).formParam("weight-system", "一").formParam("effectiveFrom", IN_9)
                .post(DISTRICTS + "/weights")).then().statusCode(400).body(containsString("id=\"weight-system-error\""));
        // a target in two groups; the past date of a removal
        followed(admin, form(admin).formParam("groupCode0", "a").formParam("groupName0", "甲").formParam("groupMembers0", "d1")
                .formParam("groupCode1", "b").formParam("groupName1", "乙").formParam("groupMembers1", "d1, d2")
                .formParam("effectiveFrom", IN_9).post(DISTRICTS + "/groups")).then().statusCode(400)
                .body(containsString("id=\"groupMembers1-error\"")).body(containsString("value=\"d1, d2\""));
        followed(admin, form(admin).formParam("effectiveFrom", YESTERDAY).post(DISTRICTS + "/items/filing/removal"))
                .then().statusCode(422).body(containsString("id=\"remove-effectiveFrom-error\""));
        // a new overlay with a bad code on no baseline, and one whose code is taken
        followed(admin, form(admin).formParam("code", "Civil!").formParam("name", "").formParam("baseline", "nosuch")
                .formParam("effectiveFrom", IN_9).post(PAGE + "/overlays")).then().statusCode(400)
                .body(containsString("id=\"code-error\"")).body(containsString("id=\"baseline-error\""))
                .body(containsString("id=\"name-error\""));
        followed(admin, form(admin).formParam("code", "dust").formParam("name", "扬尘").formParam("baseline", "districts")
                .formParam("effectiveFrom", IN_9).post(PAGE + "/overlays")).then().statusCode(400)
                .body(containsString("id=\"code-error\""));

        as(admin).get("/api/v1/assessment/schemes/districts/versions").then().body("version", equalTo(List.of(1)));
        as(admin).get("/api/v1/assessment/overlays/dust/versions").then().body("version", equalTo(List.of(1)));
        as(admin).get("/api/v1/assessment/schemes").then().body("$", hasSize(2));
    }

    @Test
    void another_citys_administrator_and_the_wrong_roles_are_refused_and_nothing_is_stored() {
        // an assessor reads the schemes but does not edit them
        page(assessor).get(DISTRICTS).then().statusCode(200).body(containsString("按期结案率"))
                .body(not(containsString("id=\"item-form\""))).body(not(containsString("id=\"weights-form\"")));
        page(assessor).get(PAGE).then().statusCode(200).body(not(containsString("id=\"new-overlay-form\"")));
        item(assessor, "on-time", "points", "40", "effectiveFrom", IN_9)
                .post(DISTRICTS + "/items").then().statusCode(403);
        form(assessor).formParam("weight-system", "0.7").formParam("weight-dust", "0.3")
                .formParam("effectiveFrom", IN_9).post(DUST + "/weights").then().statusCode(403);
        form(assessor).formParam("code", "civil").formParam("name", "文明城").formParam("baseline", "districts")
                .formParam("effectiveFrom", IN_9).post(PAGE + "/overlays").then().statusCode(403);
        // a dispatcher does not see them
        String dispatcher = city.userWith("dispatcher", "dispatcher");
        page(dispatcher).get(PAGE).then().statusCode(403);
        page(dispatcher).get(DISTRICTS).then().statusCode(403);
        form(dispatcher).formParam("effectiveFrom", IN_9).post(DISTRICTS + "/items/filing/removal").then()
                .statusCode(403);

        // another city's administrator finds nothing of this city
        String other = Api.aCity().userWith("bossb", "city-admin");
        page(other).get(PAGE).then().statusCode(200).body(not(containsString("城区考评")));
        page(other).get(DISTRICTS).then().statusCode(404);
        page(other).get(DUST).then().statusCode(404);
        item(other, "on-time", "points", "40", "effectiveFrom", IN_9)
                .post(DISTRICTS + "/items").then().statusCode(404);
        form(other).formParam("weight-system", "0.7").formParam("weight-dust", "0.3")
                .formParam("effectiveFrom", IN_9).post(DUST + "/weights").then().statusCode(404);
        form(other).formParam("effectiveFrom", IN_9).post(DISTRICTS + "/items/filing/removal").then()
                .statusCode(404);
        // an overlay on this city's baseline is refused there (no such baseline in their city: the form is not even shown)
        followed(other, form(other).formParam("code", "civil").formParam("name", "文明城").formParam("baseline", "districts")
                .formParam("effectiveFrom", IN_9).post(PAGE + "/overlays")).then().statusCode(400)
                .body(containsString("id=\"refusal\"")).body(not(containsString("id=\"new-overlay-form\"")));
        as(other).get("/api/v1/assessment/schemes").then().body("$", hasSize(0));

        as(admin).get("/api/v1/assessment/schemes/districts/versions").then().body("version", equalTo(List.of(1)));
        as(admin).get("/api/v1/assessment/overlays/dust/versions").then().body("version", equalTo(List.of(1)));
        RestAssured.given().redirects().follow(false).get(DISTRICTS).then().statusCode(303);
    }

    /**
     * The item form for a change of {@code original} in the system component: its fields as they are (按期结案率), then
     * the pairs of field and value given.
     */
    private static RequestSpecification item(String token, String original, String... changes) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("original", original);
        fields.put("component", "system");
        fields.put("code", original);
        fields.put("name", "按期结案率");
        fields.put("indicator", "on-time-closure-rate");
        fields.put("points", "50");
        fields.put("rule", "threshold-linear");
        fields.put("threshold", "0.7");
        fields.put("k", "1");
        fields.put("noData", "FULL");
        for (int i = 0; i < changes.length; i += 2) {
            fields.put(changes[i], changes[i + 1]);
        }
        return form(token).formParams(fields);
    }
}
