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
import java.util.List;
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

    /** A form's answer as the browser ends up seeing it: the page its redirect names, with the note it left. */
    private static Response followed(String access, Response post) {
        post.then().statusCode(303);
        String location = java.net.URI.create(post.getHeader("Location")).getRawPath();
        String query = java.net.URI.create(post.getHeader("Location")).getRawQuery();
        return as(access).cookie("gc_flash", post.getCookie("gc_flash")).get(location + (query == null ? "" : "?" + query));
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
        Response refused = as(portal).post("/c/" + c.city.code() + "/rewards/" + reward + "/redeem");
        // post-redirect-get: back to the rewards page, which shows the refusal once
        refused.then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/c/" + c.city.code() + "/rewards"));
        followed(portal, refused).then().statusCode(409).body(containsString("积分不足"))
                .body(containsString("<p class=\"error\" role=\"alert\">"));

        c.city.createUser("boss", "city-admin");
        String admin = consoleSession(c.city.code(), "boss");
        as(admin).get("/console/rewards").then().statusCode(200).body(containsString("茶叶礼盒"));
        as(admin).get("/console/points/rules").then().statusCode(200).body(containsString("新手市民"));
        as(admin).get("/console/pickup?code=" + code).then().statusCode(200).body(containsString("确认核销"));
        followed(admin, as(admin).formParam("code", code).post("/console/pickup")).then().statusCode(200)
                .body(containsString("核销成功"));
        followed(admin, as(admin).formParam("code", code).post("/console/pickup")).then().statusCode(409)
                .body(containsString("已使用"))
                .body(not(containsString("核销成功")));
        // the resident's page keeps the used code as a record, no longer as one "to show at pickup"
        String after = as(portalSession(c.city.code(), "alice")).get("/c/" + c.city.code() + "/rewards").then().statusCode(200)
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(after.contains(">核销码 " + code + " · "), after);
        org.junit.jupiter.api.Assertions.assertFalse(after.contains("核销码（领取时出示） " + code), after);

        // (a resident signing in at the console is sent to the portal: their portal session is what they hold)
        String resident = portalSession(c.city.code(), "alice");
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
        followed(admin, as(admin).formParams(Map.of("code", "bag2", "nameZh", "袋", "nameEn", "Bag", "price", "many",
                "stock", "1")).post("/console/rewards")).then().statusCode(400).body(containsString("price"));
    }

    /** The rules form as the page prefills it for the default rules, with some fields replaced. */
    private static Map<String, String> rulesForm(String... replaced) {
        Map<String, String> form = new java.util.LinkedHashMap<>(Map.ofEntries(Map.entry("report/filed", "10"),
                Map.entry("report/duplicate", "1"), Map.entry("meToo", "2"), Map.entry("rating", "3"),
                Map.entry("volunteerWork", "5"), Map.entry("levels/0/from", "0"), Map.entry("levels/0/nameZh", "新手市民"),
                Map.entry("levels/0/nameEn", "Newcomer"), Map.entry("levels/1/from", "20"),
                Map.entry("levels/1/nameZh", "热心市民"), Map.entry("levels/1/nameEn", "Active resident"),
                Map.entry("holdHours", "48")));
        for (int i = 0; i < replaced.length; i += 2) {
            form.put(replaced[i], replaced[i + 1]);
        }
        return form;
    }

    @Test
    void the_rules_page_lists_its_changes_in_the_city_time_and_in_words_not_as_stored_codes() {
        // given a city with rules in force and a reward its administrator added on the console
        PointsCity c = PointsCity.with(PointsCity.rules());
        c.city.createUser("boss", "city-admin");
        String admin = consoleSession(c.city.code(), "boss");
        as(admin).formParams(Map.of("code", "bag", "nameZh", "环保袋", "nameEn", "Tote bag", "price", "20", "stock", "50"))
                .post("/console/rewards").then().statusCode(303);

        // when the administrator reads the rules page, in Chinese and in English
        String zh = as(admin).get("/console/points/rules").then().statusCode(200).extract().asString();
        String en = as(admin).header("Accept-Language", "en").get("/console/points/rules").then().statusCode(200)
                .extract().asString();

        // then each change reads as words, the reward's code second, the rules' start in the city's time
        String list = zh.substring(zh.indexOf("id=\"rules-audit\""));
        org.junit.jupiter.api.Assertions.assertTrue(list.contains("奖品 <code>bag</code>"), list);
        org.junit.jupiter.api.Assertions.assertTrue(list.contains("积分规则（自 "), list);
        org.junit.jupiter.api.Assertions.assertTrue(list.contains("data-label=\"变更内容\""), list);
        org.junit.jupiter.api.Assertions.assertTrue(en.contains("Reward <code>bag</code>"), en);
        org.junit.jupiter.api.Assertions.assertTrue(en.contains("Point rules (in force from "), en);
        for (String whole : List.of(zh, en)) {
            String page = whole.substring(whole.lastIndexOf("</form>"));
            org.junit.jupiter.api.Assertions.assertFalse(page.contains("reward bag"), "the stored subject is not shown");
            org.junit.jupiter.api.Assertions.assertFalse(page.contains("rules from"), "the stored subject is not shown");
            org.junit.jupiter.api.Assertions.assertFalse(java.util.regex.Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:").matcher(page).find(),
                    "no ISO instant on the page");
        }
    }

    @Test
    void the_rules_form_names_each_problem_next_to_its_field_keeps_what_was_typed_and_stores_nothing() {
        // given a city with rules in force and its administrator on the rules page, which shows a field per rule
        PointsCity c = PointsCity.with(PointsCity.rules());
        c.city.createUser("boss", "city-admin");
        String admin = consoleSession(c.city.code(), "boss");
        as(admin).get("/console/points/rules").then().statusCode(200)
                .body(containsString("name=\"report/filed\" value=\"10\""))
                .body(containsString("name=\"levels/2/nameZh\" value=\"城市合伙人\""))
                .body(containsString("name=\"holdHours\" value=\"48\"")).body(not(containsString("<textarea")));
        int versions = Api.as(c.admin()).get("/api/v1/points/rules").then().extract().jsonPath().getList("versions").size();

        // when the form has a word for a number, a level not above the one before, a month cap below the day's,
        // half an anti-abuse rule and no hold time: 400, each message under its field, nothing stored
        String page = followed(admin, utf8(as(admin)).formParams(rulesForm("rating", "three", "levels/1/from", "0",
                "caps/perDay", "50", "caps/perMonth", "20", "abuse/strikes", "3", "holdHours", "0"))
                .post("/console/points/rules")).then().statusCode(400).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(page.contains("请修改下面标出的内容"), page);
        assertError(page, "rating", "请填写 0 或以上的整数积分");
        org.junit.jupiter.api.Assertions.assertTrue(page.contains("name=\"rating\" value=\"three\""), "kept as typed");
        assertError(page, "abuse/periodDays", "三项须同时填写或同时留空");
        // the rules' own checks run once every field is a number: fix the word and the abuse rule, keep the rest
        page = followed(admin, utf8(as(admin)).formParams(rulesForm("levels/1/from", "0", "caps/perDay", "50",
                "caps/perMonth", "20", "holdHours", "0")).post("/console/points/rules")).then().statusCode(400)
                .extract().asString();
        assertError(page, "levels/1/from", "其后每一级须高于上一级");
        assertError(page, "caps/perMonth", "不低于每日上限");
        assertError(page, "holdHours", "1 至 720");
        org.junit.jupiter.api.Assertions.assertFalse(page.contains("id=\"error-rating\""), "no problem where there is none");
        // and in English too
        Response english = utf8(as(admin)).header("Accept-Language", "en").formParams(rulesForm("holdHours", "0"))
                .post("/console/points/rules");
        page = as(admin).header("Accept-Language", "en").cookie("gc_flash", english.getCookie("gc_flash"))
                .get("/console/points/rules").then().statusCode(400).extract().asString();
        assertError(page, "holdHours", "Whole hours from 1 to 720");
        Api.as(c.admin()).get("/api/v1/points/rules").then().body("versions.size()", org.hamcrest.Matchers.equalTo(versions))
                .body("inForce.rules.rating", org.hamcrest.Matchers.equalTo(3));

        // when it is right: stored, and the browser is sent back to the page, which says so (post, redirect, get)
        io.restassured.response.Response saved = utf8(as(admin)).formParams(rulesForm("rating", "4", "caps/perDay", "30",
                "abuse/strikes", "3", "abuse/periodDays", "30", "abuse/suspendDays", "14", "expiry/afterYears", "1",
                "levels/3/from", "500", "levels/3/nameZh", "城市之星", "levels/3/nameEn", "City star",
                "byClass/1/key", "event/0102", "byClass/1/points", "15")).post("/console/points/rules");
        saved.then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/console/points/rules?saved=1"));
        as(admin).get("/console/points/rules?saved=1").then().statusCode(200).body(containsString("id=\"saved\""))
                .body(containsString("城市之星"));
        Api.as(c.admin()).get("/api/v1/points/rules").then().body("versions.size()", org.hamcrest.Matchers.equalTo(versions + 1))
                .body("inForce.rules.rating", org.hamcrest.Matchers.equalTo(4))
                .body("inForce.rules.caps.perDay", org.hamcrest.Matchers.equalTo(30))
                .body("inForce.rules.caps.perMonth", org.hamcrest.Matchers.nullValue())
                .body("inForce.rules.abuse.suspendDays", org.hamcrest.Matchers.equalTo(14))
                .body("inForce.rules.expiry.afterYears", org.hamcrest.Matchers.equalTo(1))
                .body("inForce.rules.levels.nameEn", org.hamcrest.Matchers.equalTo(List.of("Newcomer", "Active resident",
                        "City star")))
                .body("inForce.rules.report.byClass.'event/0102'", org.hamcrest.Matchers.equalTo(15));

        // a resident may not see the page, another city's administrator sees their own rules only
        String resident = portalSession(c.city.code(), c.resident("eve").name());
        as(resident).get("/console/points/rules").then().statusCode(403);
        as(resident).formParams(rulesForm()).post("/console/points/rules").then().statusCode(403);
        PointsCity other = PointsCity.with(PointsCity.rulesWith("rating", 9));
        other.city.createUser("boss", "city-admin");
        as(consoleSession(other.city.code(), "boss")).get("/console/points/rules").then().statusCode(200)
                .body(containsString("name=\"rating\" value=\"9\"")).body(not(containsString("城市之星")));
    }

    /** A form sent as browsers send it, in UTF-8. */
    private static RequestSpecification utf8(RequestSpecification spec) {
        return spec.contentType("application/x-www-form-urlencoded; charset=UTF-8");
    }

    /** The page shows {@code text} as the problem of field {@code name}, beside it. */
    private static void assertError(String page, String name, String text) {
        Matcher m = Pattern.compile("id=\"error-" + Pattern.quote(name) + "\">([^<]*)<").matcher(page);
        org.junit.jupiter.api.Assertions.assertTrue(m.find(), "a problem shown for " + name);
        org.junit.jupiter.api.Assertions.assertTrue(m.group(1).contains(text), name + ": " + m.group(1));
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

    @Test
    void a_reward_the_resident_cannot_redeem_offers_no_button_says_why_in_their_language_and_the_api_refuses_it_alike() {
        // given a resident with 50 points (level 热心市民, from 20), 40 left after holding one "once", and a reward for
        // each reason not to redeem
        PointsCity c = PointsCity.with(PointsCity.rulesWith("volunteerWork", 50));
        PointsCity.Resident dan = c.resident("dan");
        runner.run(directory.byCode(c.city.code()).orElseThrow(),
                () -> awards.awardVolunteerWork(dan.id(), "task:1", "清理小广告", Instant.now()));
        long open = reward(c, "open", "price", 5);
        long dear = reward(c, "dear", "price", 500);
        long gone = reward(c, "gone", "stock", 0);
        long once = reward(c, "once", "price", 10, "perResidentLimit", 1);
        long forPartners = reward(c, "partners", "minLevel", 2);
        long later = reward(c, "later", "availableFrom", Instant.now().plus(java.time.Duration.ofDays(3)).toString());
        long ended = reward(c, "ended", "availableUntil", Instant.now().minus(java.time.Duration.ofDays(1)).toString());
        Api.as(dan.token()).post("/api/v1/rewards/" + once + "/redemptions").then().statusCode(201);
        String portal = portalSession(c.city.code(), "dan");

        // when they open the rewards page, then only the reward they can have offers 兑换 and each other one says why
        String zh = as(portal).get("/c/" + c.city.code() + "/rewards?lang=zh-CN").then().statusCode(200).extract().asString();
        String en = as(portal).get("/c/" + c.city.code() + "/rewards?lang=en").then().statusCode(200).extract().asString();
        String city = c.city.code();
        org.junit.jupiter.api.Assertions.assertTrue(zh.contains("action=\"/c/" + city + "/rewards/" + open + "/redeem\""));
        Map<Long, String[]> why = Map.of(
                dear, new String[]{"积分不足，还差 460 积分", "Not enough points: 460 more needed"},
                gone, new String[]{"已兑完", "Out of stock"},
                once, new String[]{"每人限兑 1 次，您已兑满", "Limit reached: 1 per resident"},
                forPartners, new String[]{"需达到“城市合伙人”等级才能兑换，您现在是“热心市民”",
                        "For residents of level City partner and above; yours is Active resident"},
                later, new String[]{"起开放兑换", "Can be redeemed from "},
                ended, new String[]{"停止兑换", "No longer available: redemption ended "});
        why.forEach((id, words) -> {
            org.junit.jupiter.api.Assertions.assertFalse(zh.contains("/rewards/" + id + "/redeem"), "no 兑换 for " + id);
            org.junit.jupiter.api.Assertions.assertTrue(reason(zh, id).contains(words[0]), reason(zh, id));
            org.junit.jupiter.api.Assertions.assertTrue(reason(en, id).contains(words[1]), reason(en, id));
        });

        // and the server refuses each the same way with a problem detail, taking nothing
        Map<Long, String> codes = Map.of(dear, "not-enough-points", gone, "out-of-stock", once, "limit-reached",
                forPartners, "level-too-low", later, "reward-unavailable", ended, "reward-unavailable");
        codes.forEach((id, code) -> Api.as(dan.token()).post("/api/v1/rewards/" + id + "/redemptions").then()
                .statusCode(409).contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo(code)));
        Api.as(dan.token()).post("/api/v1/rewards/" + ended + "/redemptions").then()
                .body("detail", containsString("it has ended"));
        Api.as(dan.token()).post("/api/v1/rewards/" + dear + "/redemptions").then()
                .body("detail", containsString("460 more are needed"));
        // a form sent anyway (an old page) is refused on the page, next to the reward, with its reason
        followed(portal, as(portal).post("/c/" + city + "/rewards/" + dear + "/redeem")).then().statusCode(409)
                .body(containsString("积分不足"));
        org.junit.jupiter.api.Assertions.assertEquals(40, c.balance(dan.token()), "only the one allowed hold took points");
    }

    /** The reason shown under reward {@code id} on the page. */
    private static String reason(String page, long id) {
        Matcher m = Pattern.compile("id=\"why-" + id + "\">([^<]*)<").matcher(page);
        return m.find() ? m.group(1) : "(no reason shown for " + id + ")";
    }

    private static long reward(PointsCity c, String code, Object... fields) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("code", code, "nameZh", "奖品" + code, "nameEn", "Reward " + code,
                "price", 30, "stock", 5));
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return Api.as(c.admin()).body(body).post("/api/v1/rewards").then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
