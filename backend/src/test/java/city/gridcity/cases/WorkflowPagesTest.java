package city.gridcity.cases;

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
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The administrator's workflow page: the settings and the case sources, as a browser uses them. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class WorkflowPagesTest {

    @Test
    void the_administrator_changes_the_limits_and_adds_a_source_and_each_wrong_field_is_named_next_to_it() {
        Api.City city = Api.aCity();
        city.createUser("boss", "city-admin");
        String boss = Api.token(city.code(), "boss", Api.PASSWORD);
        page(boss).get("/console").then().body(containsString("/console/admin/workflow"));
        page(boss).get("/console/admin/workflow").then().statusCode(200).body(containsString("受理立案时限"))
                .body(containsString("热线"));

        Map<String, String> settings = new HashMap<>(Map.of("numberPrefix", "kc", "filingMinutes", "45",
                "dispatchMinutes", "0", "verificationHours", "4", "reminderSharePercent", "80",
                "selfHandlingAuditPercent", "10", "ratingWindowDays", "7", "volunteerConfirmMinutes", "10"));
        settings.putAll(Map.of("volunteerMergeMinutes", "5", "volunteerInvalidMinutes", "5", "volunteerFixMinutes", "20",
                "localLoopHours", "16", "localLoop", "true"));
        // a lower-case prefix and a zero dispatch limit: both named at their fields, nothing changed
        followed(boss, form(boss).formParams(settings).post("/console/admin/workflow/settings")).then().statusCode(400)
                .body(containsString("id=\"numberPrefix-error\"")).body(containsString("id=\"dispatchMinutes-error\""))
                .body(containsString("请填写 1-10080 的整数")).body(containsString("value=\"45\""));
        Api.as(city.adminToken()).get("/api/v1/workflow/settings").then().body("filingMinutes", equalTo(30));

        settings.put("numberPrefix", "KC");
        settings.put("dispatchMinutes", "20");
        followed(boss, form(boss).formParams(settings).post("/console/admin/workflow/settings")).then().statusCode(200)
                .body(containsString("流程设置已保存"));
        Api.as(city.adminToken()).get("/api/v1/workflow/settings").then().body("filingMinutes", equalTo(45))
                .body("dispatchMinutes", equalTo(20)).body("localLoop", equalTo(true)).body("numberPrefix", equalTo("KC"));

        // a source: a bad code named; then added; then renamed and deactivated
        followed(boss, form(boss).formParams(Map.of("code", "Bad Code", "nameZh", "抖音", "nameEn", "Douyin",
                "channel", "STAFF")).post("/console/admin/workflow/sources")).then().statusCode(400)
                .body(containsString("id=\"code-error\"")).body(containsString("value=\"抖音\""));
        followed(boss, form(boss).formParams(Map.of("code", "douyin", "nameZh", "抖音", "nameEn", "Douyin",
                "channel", "STAFF")).post("/console/admin/workflow/sources")).then().statusCode(200)
                .body(containsString("案件来源已添加")).body(containsString("id=\"source-douyin\""));
        followed(boss, form(boss).formParams(Map.of("code", "douyin", "nameZh", "重复", "nameEn", "Again",
                "channel", "STAFF")).post("/console/admin/workflow/sources")).then().statusCode(409);
        followed(boss, form(boss).formParams(Map.of("nameZh", "", "nameEn", "Douyin", "channel", "STAFF"))
                .post("/console/admin/workflow/sources/douyin")).then().statusCode(400)
                .body(containsString("id=\"source-douyin\" open")).body(containsString("id=\"nameZh-error\""));
        followed(boss, form(boss).formParams(Map.of("nameZh", "抖音短视频", "nameEn", "Douyin", "channel", "STAFF"))
                .post("/console/admin/workflow/sources/douyin")).then().statusCode(200).body(containsString("已停用"));
        Api.as(city.adminToken()).get("/api/v1/workflow/sources").then()
                .body("find { it.code == 'douyin' }.nameZh", equalTo("抖音短视频"))
                .body("find { it.code == 'douyin' }.active", equalTo(false));
        page(boss).get("/console/admin/workflow?lang=en").then().body(containsString("Filing limit"));
    }

    @Test
    void only_the_administrator_uses_the_page_and_another_citys_sources_are_not_found() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        Api.as(a.adminToken()).body(Map.of("nameZh", "甲市来源", "nameEn", "A only", "channel", "STAFF"))
                .put("/api/v1/workflow/sources/a-only").then().statusCode(200);
        a.createUser("disp", "dispatcher");
        String dispatcher = Api.token(a.code(), "disp", Api.PASSWORD);
        b.createUser("bossb", "city-admin");
        String bossB = Api.token(b.code(), "bossb", Api.PASSWORD);

        page(dispatcher).get("/console/admin/workflow").then().statusCode(403);
        form(dispatcher).formParam("filingMinutes", "1").post("/console/admin/workflow/settings").then().statusCode(403);
        page(bossB).get("/console/admin/workflow").then().statusCode(200).body(not(containsString("甲市来源")));
        form(bossB).formParams(Map.of("nameZh", "劫持", "nameEn", "x", "channel", "STAFF"))
                .post("/console/admin/workflow/sources/a-only").then().statusCode(404);
        Api.as(a.adminToken()).get("/api/v1/workflow/sources").then().body("nameZh", hasItem("甲市来源"));
    }
}
