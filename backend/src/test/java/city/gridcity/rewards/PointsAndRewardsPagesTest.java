package city.gridcity.rewards;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import city.gridcity.points.PointAwards;
import city.gridcity.points.PointsCity;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRunner;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The portal's points and rewards pages and the console's rewards, rules and pickup pages, as a browser uses them. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PointsAndRewardsPagesTest {

    @Inject
    PointAwards awards;
    @Inject
    TenantRunner runner;
    @Inject
    TenantDirectory directory;

    private static String portalSession(String city, String username) {
        Response form = given().get("/c/" + city + "/login");
        String csrf = form.getCookie("gc_csrf");
        Response signedIn = given().redirects().follow(false).cookie("gc_csrf", csrf).formParam("username", username)
                .formParam("password", Api.PASSWORD).formParam("_csrf", csrf).post("/c/" + city + "/login");
        signedIn.then().statusCode(303);
        return signedIn.getDetailedCookie("gc_access").getValue();
    }

    private static String consoleSession(String city, String username) {
        Response form = given().get("/console/login");
        String csrf = form.getCookie("gc_csrf");
        Response signedIn = given().redirects().follow(false).cookie("gc_csrf", csrf).formParam("city", city)
                .formParam("username", username).formParam("password", Api.PASSWORD).formParam("_csrf", csrf)
                .post("/console/login");
        signedIn.then().statusCode(303);
        return signedIn.getDetailedCookie("gc_access").getValue();
    }

    private static RequestSpecification as(String access) {
        return given().redirects().follow(false).cookie("gc_access", access).cookie("gc_csrf", "t0ken").formParam("_csrf", "t0ken");
    }

    @Test
    void a_resident_sees_points_level_and_history_redeems_a_reward_and_staff_confirm_the_code_on_the_console() {
        PointsCity c = PointsCity.with(PointsCity.rulesWith("volunteerWork", 40));
        PointsCity.Resident alice = c.resident("alice");
        runner.run(directory.byCode(c.city.code()).orElseThrow(),
                () -> awards.awardVolunteerWork(alice.id(), "task:1", "清理小广告", Instant.now()));
        Number reward = Api.as(c.admin()).body(Map.of("code", "tea", "nameZh", "茶叶礼盒", "nameEn", "Tea box", "price", 15,
                "stock", 2)).post("/api/v1/rewards").then().statusCode(201).extract().path("id");
        String portal = portalSession(c.city.code(), "alice");

        given().redirects().follow(false).get("/c/" + c.city.code() + "/points").then().statusCode(303);
        as(portal).get("/c/" + c.city.code() + "/points").then().statusCode(200)
                .body(containsString("我的积分")).body(containsString("40")).body(containsString("热心市民"))
                .body(containsString("志愿服务")).body(containsString("清理小广告"));

        as(portal).get("/c/" + c.city.code() + "/rewards").then().statusCode(200).body(containsString("茶叶礼盒"));
        Response redeemed = as(portal).post("/c/" + c.city.code() + "/rewards/" + reward + "/redeem");
        redeemed.then().statusCode(303);
        String page = as(portal).get(redeemed.getHeader("Location")).then().statusCode(200)
                .body(containsString("待领取")).extract().asString();
        Matcher m = Pattern.compile("class=\"pickup\" id=\"code-\\d+\">([A-Z0-9]{8})<").matcher(page);
        org.junit.jupiter.api.Assertions.assertTrue(m.find(), "the pickup code is on the page");
        String code = m.group(1);

        // 10 points left after a second: the refusal of a third is next to the reward, nothing changes
        as(portal).post("/c/" + c.city.code() + "/rewards/" + reward + "/redeem").then().statusCode(303);
        as(portal).post("/c/" + c.city.code() + "/rewards/" + reward + "/redeem").then().statusCode(409)
                .body(containsString("积分不足"));

        c.city.createUser("boss", "city-admin");
        String admin = consoleSession(c.city.code(), "boss");
        as(admin).get("/console/rewards").then().statusCode(200).body(containsString("茶叶礼盒"));
        as(admin).get("/console/points/rules").then().statusCode(200).body(containsString("新手市民"));
        as(admin).get("/console/pickup?code=" + code).then().statusCode(200).body(containsString("确认核销"));
        as(admin).formParam("code", code).post("/console/pickup").then().statusCode(200).body(containsString("核销成功"));
        as(admin).formParam("code", code).post("/console/pickup").then().statusCode(409).body(containsString("已使用"))
                .body(not(containsString("核销成功")));

        String resident = consoleSession(c.city.code(), "alice");
        as(resident).get("/console/rewards").then().statusCode(403);
        as(resident).get("/console/pickup").then().statusCode(403);
    }

    @Test
    void the_administrator_adds_a_reward_and_a_rules_version_on_the_console_and_wrong_input_is_named_on_the_page() {
        PointsCity c = PointsCity.with(PointsCity.rules());
        c.city.createUser("boss", "city-admin");
        String admin = consoleSession(c.city.code(), "boss");
        as(admin).formParams(Map.of("code", "bag", "nameZh", "环保袋", "nameEn", "Tote bag", "price", "20", "stock", "50"))
                .post("/console/rewards").then().statusCode(303);
        as(admin).get("/console/rewards").then().body(containsString("<code>bag</code>"));
        as(admin).formParams(Map.of("code", "bag2", "nameZh", "袋", "nameEn", "Bag", "price", "many", "stock", "1"))
                .post("/console/rewards").then().statusCode(400).body(containsString("price"));
        as(admin).formParam("rules", "{ not json").post("/console/points/rules").then().statusCode(400)
                .body(containsString("rules"));
    }

    @Test
    void each_transfers_reason_is_shown_in_the_readers_language_and_the_api_keeps_both() {
        // given a resident awarded for volunteer work, the task named in both languages
        PointsCity c = PointsCity.with(PointsCity.rulesWith("volunteerWork", 40));
        PointsCity.Resident bea = c.resident("bea");
        runner.run(directory.byCode(c.city.code()).orElseThrow(),
                () -> awards.awardVolunteerWork(bea.id(), "task:7", "清理小广告 · removing illegal adverts", Instant.now()));
        String portal = portalSession(c.city.code(), "bea");

        // when they read the points page in Chinese and in English, then each shows its own half only
        as(portal).get("/c/" + c.city.code() + "/points?lang=zh-CN").then().statusCode(200)
                .body(containsString("志愿服务：清理小广告")).body(not(containsString("volunteer work")))
                .body(not(containsString("removing illegal adverts")));
        as(portal).get("/c/" + c.city.code() + "/points?lang=en").then().statusCode(200)
                .body(containsString("volunteer work: removing illegal adverts")).body(not(containsString("清理小广告")));
        // and the API gives the reason as stored, in both languages
        Api.as(bea.token()).get("/api/v1/me/points/transfers").then().statusCode(200)
                .body("items[0].reason", org.hamcrest.Matchers.equalTo(
                        "志愿服务：清理小广告 · volunteer work: removing illegal adverts"));
    }
}
