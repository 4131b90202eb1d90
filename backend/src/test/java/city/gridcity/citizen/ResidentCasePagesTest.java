package city.gridcity.citizen;

import static city.gridcity.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import city.gridcity.cases.CaseState;
import city.gridcity.cases.ResidentPhase;
import city.gridcity.integration.OutboxFixtures;
import city.gridcity.integration.outbox.OutboxWorker;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a resident sees of their own reports and what the public sees of the city's cases: residents'
 * words, public steps, approved photos only; never another resident's identity, staff names or internal reasons.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ResidentCasePagesTest {

    @Inject
    Messages messages;
    @Inject
    OutboxWorker worker;
    @Inject
    OutboxFixtures fixtures;

    @Test
    void every_case_state_has_residents_words_and_a_next_step_in_chinese_and_english() {
        for (String language : Messages.LANGUAGES) {
            Messages.Msg msg = messages.bundle("portal", language);
            for (CaseState state : CaseState.values()) {
                ResidentPhase phase = ResidentPhase.of(state);
                assertNotEquals("rstate." + phase.name(), msg.t("rstate." + phase.name()), language + " " + state);
                assertNotEquals("rnext." + phase.name(), msg.t("rnext." + phase.name()), language + " " + state);
            }
        }
        assertEquals(ResidentPhase.SUBMITTED, ResidentPhase.of(CaseState.REPORTED));
        assertEquals(ResidentPhase.ACCEPTED, ResidentPhase.of(CaseState.FILED));
        assertEquals(ResidentPhase.IN_HAND, ResidentPhase.of(CaseState.IN_DISPOSAL));
        assertEquals(ResidentPhase.SOLVED, ResidentPhase.of(CaseState.CLOSED));
        assertEquals("已受理", messages.bundle("portal", Messages.CHINESE).t("rstate.ACCEPTED"));
        assertEquals("Being handled", messages.bundle("portal", Messages.ENGLISH).t("rstate.IN_HAND"));
    }

    @Test
    void a_resident_follows_their_report_in_residents_words_without_staff_names_or_internal_reasons() {
        Portal portal = Portal.aCity();
        Portal.Resident zhang = portal.resident("13900001111", "居民张三");
        String number = portal.reported(zhang, 0, "公共厕所门坏了");
        String page = "/c/" + portal.code() + "/my/cases/" + number;
        zhang.get(page).then().statusCode(200).body(containsString("id=\"phase\">已提交"));

        portal.act(portal.acceptor, number, "file", Map.of("conditionCode", "A"));
        zhang.get(page).then().statusCode(200).body(containsString("id=\"phase\">已受理"));
        portal.act(portal.dispatcher, number, "dispatch", Map.of());
        portal.act(portal.handler, number, "accept", Map.of());
        zhang.get(page).then().statusCode(200).body(containsString("id=\"phase\">处理中"));
        // an after-photo from the department, then report back with an internal note and verify
        long after = ((Number) given().header("Authorization", "Bearer " + portal.handler)
                .multiPart("file", "after.jpg", Portal.jpeg(), "image/jpeg").queryParam("stage", "AFTER")
                .post("/api/v1/cases/" + number + "/photos").then().statusCode(201).extract().path("id")).longValue();
        zhang.get(page).then().body(not(containsString("id=\"photo-" + after + "\"")));
        portal.act(portal.handler, number, "report-back", Map.of("reason", "内部备注：保洁班组王师傅已修好门锁"));
        portal.act(portal.supervisor, number, "verify-pass", Map.of());

        zhang.get(page).then().statusCode(200)
                .body(containsString("id=\"phase\">已办结")).body(containsString("问题已解决"))
                .body(containsString("已提交")).body(containsString("已受理")).body(containsString("处理中"))
                .body(containsString("待核实"))
                // the after-photo once solved, served to the reporter through the portal
                .body(containsString("id=\"photo-" + after + "\"")).body(containsString("处置后"))
                // no staff names, no internal reasons, no roles
                .body(not(containsString("内部备注"))).body(not(containsString("王师傅")))
                .body(not(containsString("acceptor"))).body(not(containsString("handler")))
                .body(not(containsString("dispatcher")))
                // the rating part adds its form here
                .body(containsString("id=\"rating\""));
        zhang.get("/c/" + portal.code() + "/cases/" + number + "/photos/" + after + "/thumbnail").then().statusCode(200)
                .contentType("image/jpeg").header("Cache-Control", containsString("private"));
        zhang.get("/c/" + portal.code() + "/my/cases").then().statusCode(200).body(containsString(number))
                .body(containsString("已办结"));
    }

    @Test
    void a_resident_does_not_see_another_residents_report_and_another_city_sees_nothing() {
        Portal portal = Portal.aCity();
        Portal.Resident zhang = portal.resident("13900001111", "居民张三");
        Portal.Resident li = portal.resident("13900002222", "居民李四");
        String number = portal.reported(zhang, 0, "张三家门口的厕所坏了");
        li.get("/c/" + portal.code() + "/my/cases/" + number).then().statusCode(404)
                .body(not(containsString("张三家门口")));
        li.get("/c/" + portal.code() + "/my/cases").then().statusCode(200).body(not(containsString(number)));

        Portal other = Portal.aCity();
        Portal.Resident stranger = other.resident("13900003333", "外市居民");
        stranger.get("/c/" + portal.code() + "/my/cases").then().statusCode(403);
        stranger.get("/c/" + portal.code() + "/my/cases/" + number).then().statusCode(403);
        stranger.get("/c/" + other.code() + "/my/cases/" + number).then().statusCode(404);
        given().get("/c/" + other.code() + "/cases/" + number).then().statusCode(404);
    }

    @Test
    void the_public_sees_category_place_state_and_age_never_the_reporter_their_words_or_unapproved_photos() {
        Portal portal = Portal.aCity();
        Portal.Resident zhang = portal.resident("13900001111", "居民张三");
        Response sent = zhang.reportForm(portal.toiletAt(0, "张三的原话：我家楼下的厕所门坏了"))
                .multiPart("photos", "door.jpg", Portal.jpeg(), "image/jpeg").post("/c/" + portal.code() + "/report");
        sent.then().statusCode(303);
        String number = sent.getHeader("Location").replaceAll(".*/my/cases/([^?]+)\\?.*", "$1");
        long photo = ((Number) as(portal.acceptor).get("/api/v1/cases/" + number + "/photos").then()
                .extract().path("[0].id")).longValue();
        String thumbnail = "/c/" + portal.code() + "/cases/" + number + "/photos/" + photo + "/thumbnail";

        given().get("/c/" + portal.code() + "/cases").then().statusCode(200)
                .body(containsString(number)).body(containsString("公共厕所")).body(containsString("已提交"))
                .body(containsString("社区"))
                .body(not(containsString("居民张三"))).body(not(containsString("13900001111")))
                .body(not(containsString("张三的原话")));
        given().get("/c/" + portal.code() + "/cases/" + number).then().statusCode(200)
                .body(containsString("id=\"place\">")).body(containsString("已提交"))
                .body(not(containsString("居民张三"))).body(not(containsString("13900001111")))
                .body(not(containsString("张三的原话"))).body(not(containsString("photo-" + photo)))
                .body(not(containsString(String.valueOf(portal.spots.get(0)[0]))));
        given().get(thumbnail).then().statusCode(404);
        given().get("/c/" + portal.code() + "/map/cases.geojson").then().statusCode(200)
                .body("features", hasSize(1)).body("features[0].properties.number", equalTo(number))
                .body(not(containsString("居民张三"))).body(not(containsString("张三的原话")));

        // a moderator approves: now the photo is public
        as(portal.acceptor).post("/api/v1/photo-moderation/" + photo + "/approval").then().statusCode(200)
                .body("moderation", equalTo("APPROVED"));
        given().get("/c/" + portal.code() + "/cases/" + number).then().statusCode(200)
                .body(containsString("id=\"photo-" + photo + "\""));
        given().get(thumbnail).then().statusCode(200).contentType("image/jpeg")
                .header("Cache-Control", containsString("public"));

        // rejected cases are not the public's
        portal.act(portal.acceptor, number, "reject", Map.of("reason", "不属于城市管理范围"));
        given().get("/c/" + portal.code() + "/cases/" + number).then().statusCode(404);
        given().get("/c/" + portal.code() + "/cases").then().statusCode(200).body(not(containsString(number)));
        zhang.get("/c/" + portal.code() + "/my/cases/" + number).then().statusCode(200)
                .body(containsString("未受理")).body(not(containsString("不属于城市管理范围")));
    }

    @Test
    void cases_of_classes_hidden_from_residents_stay_off_the_public_pages() {
        Portal portal = Portal.aCity();
        String hazard = as(portal.supervisor).body(Map.of("kind", "component", "classCode", "0603",
                        "lon", portal.spots.get(2)[0], "lat", portal.spots.get(2)[1], "description", "重大危险源"))
                .post("/api/v1/cases").then().statusCode(201).extract().path("number");
        String toilet = as(portal.supervisor).body(Map.of("kind", "component", "classCode", "0301",
                        "lon", portal.spots.get(4)[0], "lat", portal.spots.get(4)[1], "description", "厕所坏了"))
                .post("/api/v1/cases").then().statusCode(201).extract().path("number");
        given().get("/c/" + portal.code() + "/cases").then().statusCode(200)
                .body(containsString(toilet)).body(not(containsString(hazard))).body(containsString("共1件"));
        given().get("/c/" + portal.code() + "/cases/" + hazard).then().statusCode(404);
        given().get("/c/" + portal.code() + "/map/cases.geojson").then().body("features", hasSize(1));
    }

    @Test
    void messages_are_a_portal_page_and_the_header_counts_the_unread_ones_on_every_page() {
        Portal portal = Portal.aCity();
        Portal.Resident zhang = portal.resident("13900001111", "居民张三");
        String number = portal.reported(zhang, 0, "公共厕所门坏了");
        portal.act(portal.acceptor, number, "file", Map.of("conditionCode", "A"));
        int delivered = worker.deliverDue(fixtures.ref(portal.city), Instant.now()).delivered();
        long unread = ((Number) as(zhang.token()).get("/api/v1/me/messages").then().statusCode(200)
                .extract().path("unread")).longValue();
        assertEquals(true, delivered >= 1 && unread >= 1, "delivered " + delivered + ", unread " + unread);

        for (String path : new String[] {"", "/report", "/my/cases", "/cases", "/messages"}) {
            zhang.get("/c/" + portal.code() + path).then().statusCode(200)
                    .body(containsString("id=\"unread\" aria-label=\"未读消息\">" + unread + "</span>"));
        }
        String list = zhang.get("/c/" + portal.code() + "/messages").then().statusCode(200)
                .body(containsString(number)).body(containsString("查看案件")).extract().asString();
        long id = Long.parseLong(list.replaceAll("(?s).*id=\"message-(\\d+)\".*", "$1"));

        // another resident cannot mark it read
        Portal.Resident li = portal.resident("13900002222", "居民李四");
        li.get("/c/" + portal.code() + "/messages").then().statusCode(200).body(containsString("id=\"messages-empty\""))
                .body(not(containsString("id=\"unread\"")));
        li.form("/c/" + portal.code() + "/messages/" + id + "/read", Map.of()).then().statusCode(404);

        zhang.form("/c/" + portal.code() + "/messages/" + id + "/read", Map.of("open", "1")).then().statusCode(303)
                .header("Location", containsString("/my/cases/" + number));
        as(zhang.token()).get("/api/v1/me/messages").then().body("unread", equalTo((int) unread - 1));
        // a visitor has no messages
        given().redirects().follow(false).get("/c/" + portal.code() + "/messages").then().statusCode(303);
    }

    @Test
    void a_residents_messages_are_written_in_the_readers_language_while_the_api_keeps_the_stored_summary() {
        // given a resident whose report was filed and closed, and the news delivered
        Portal portal = Portal.aCity();
        Portal.Resident wang = portal.resident("13900003333", "居民王五");
        String number = portal.reported(wang, 1, "公共厕所水龙头坏了");
        portal.close(number);
        worker.deliverDue(fixtures.ref(portal.city), Instant.now());

        // when they read the list in Chinese, then in English
        String zh = wang.get("/c/" + portal.code() + "/messages?lang=zh-CN").then().statusCode(200).extract().asString();
        String en = wang.get("/c/" + portal.code() + "/messages?lang=en").then().statusCode(200).extract().asString();

        // then each page has its own language only
        assertEquals(true, zh.contains("您关注的问题 " + number + " 已立案，将派遣处置"), zh);
        assertEquals(true, zh.contains("您关注的问题 " + number + " 已办结，欢迎评价"), zh);
        assertEquals(false, zh.contains("was filed") || zh.contains("tell us how it went"), zh);
        assertEquals(true, en.contains("Your case " + number + " was filed and will be dispatched"), en);
        assertEquals(true, en.contains("Your case " + number + " is closed; tell us how it went"), en);
        assertEquals(false, en.contains("您关注的问题"), en);
        // and the API's summary is what was stored when the news was sent
        as(wang.token()).get("/api/v1/me/messages").then().statusCode(200)
                .body("items.summary", org.hamcrest.Matchers.hasItem("您关注的问题 " + number
                        + " 已办结，欢迎评价 · is closed; tell us how it went"));
    }
}
