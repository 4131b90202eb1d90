package city.gridcity.integration;

import static city.gridcity.integration.OutboxFixtures.dispatched;
import static city.gridcity.support.ConsoleForms.followed;
import static city.gridcity.support.ConsoleForms.form;
import static city.gridcity.support.ConsoleForms.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.integration.outbox.Enqueued;
import city.gridcity.integration.outbox.OutboxWorker;
import city.gridcity.integration.outbox.Recipient;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.WebhookReceiver;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The administrator's webhooks page, as a browser uses it: add, the secret once, health, resume, dead letters. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class WebhookPagesTest {

    @Inject
    OutboxFixtures fixtures;
    @Inject
    OutboxWorker worker;
    @Inject
    city.gridcity.integration.outbox.OutboxConfig config;

    @Test
    void the_administrator_adds_a_receiver_gets_its_secret_once_and_wrong_input_is_named_next_to_the_field() {
        Api.City city = Api.aCity();
        city.createUser("boss", "city-admin");
        String boss = Api.token(city.code(), "boss", Api.PASSWORD);

        // the home page leads there
        page(boss).get("/console").then().statusCode(200).body(containsString("/console/admin/webhooks"));
        page(boss).get("/console/admin/webhooks").then().statusCode(200).body(containsString("还没有接收方"));

        // a plain-http public address and no event: both named, in Chinese, nothing stored
        Response refused = followed(boss, form(boss).formParam("name", "环卫工单").formParam("url", "http://hooks.example.cn/in")
                .post("/console/admin/webhooks"));
        refused.then().statusCode(400).body(containsString("id=\"url-error\""))
                .body(containsString("请填写 https:// 开头的公网地址"))
                .body(containsString("id=\"eventTypes-error\""))
                .body(containsString("value=\"环卫工单\""));
        Api.as(city.adminToken()).get("/api/v1/webhooks").then().body("size()", org.hamcrest.Matchers.equalTo(0));

        // a good one: the page marks it and offers the secret, which is shown on its own answer only
        Response added = form(boss).formParam("name", "环卫工单").formParam("url", "https://hooks.example.cn/in")
                .formParam("eventTypes", "case.*").post("/console/admin/webhooks");
        Response shown = followed(boss, added);
        shown.then().statusCode(200).body(containsString("id=\"created\"")).body(containsString("全部案件事件"))
                .body(containsString("正常"));
        long id = Long.parseLong(added.getHeader("Location").replaceAll(".*created=", ""));
        Response secret = form(boss).post("/console/admin/webhooks/" + id + "/secret");
        secret.then().statusCode(200).header("Cache-Control", containsString("no-store"));
        Matcher m = Pattern.compile("<code class=\"secret\">([^<]+)</code>").matcher(secret.asString());
        org.junit.jupiter.api.Assertions.assertTrue(m.find(), "the secret is on the answer");
        String hint = Api.as(city.adminToken()).get("/api/v1/webhooks/" + id).then().extract().path("secretHint");
        assertEquals(hint.substring(1), m.group(1).substring(m.group(1).length() - 4));
        page(boss).get("/console/admin/webhooks").then().body(not(containsString(m.group(1))));

        // English, names not codes
        page(boss).get("/console/admin/webhooks?lang=en").then().statusCode(200).body(containsString("Every case event"))
                .body(containsString("Add a receiver"));
    }

    @Test
    void a_paused_receiver_shows_since_when_and_until_when_and_the_administrator_resumes_it_and_retries_a_dead_letter() {
        Api.City city = Api.aCity();
        city.createUser("boss", "city-admin");
        String boss = Api.token(city.code(), "boss", Api.PASSWORD);
        try (WebhookReceiver receiver = WebhookReceiver.start().alwaysAnswering(503)) {
            long id = OutboxFixtures.subscribe(city, receiver.url(), List.of("*"), null).getLong("subscription.id");
            Enqueued first = null;
            for (int i = 0; i < 10; i++) {
                Enqueued e = fixtures.enqueue(city, dispatched("W-" + i), Recipient.citySubscribers()).get(0);
                first = first == null ? e : first;
            }
            worker.deliverDue(fixtures.ref(city), Instant.now());
            page(boss).get("/console/admin/webhooks").then().statusCode(200).body(containsString("已暂停至"))
                    .body(containsString("连续失败 10 次")).body(containsString("id=\"resume-" + id + "\""));

            receiver.alwaysAnswering(200);
            followed(boss, form(boss).post("/console/admin/webhooks/" + id + "/resume")).then().statusCode(200)
                    .body(containsString("已恢复")).body(not(containsString("已暂停至")));

            // what waited goes out; then a message the receiver refuses until its attempts run out is a dead letter
            assertEquals(10, worker.deliverDue(fixtures.ref(city), Instant.now().plus(java.time.Duration.ofMinutes(61))).delivered());
            receiver.alwaysAnswering(500);
            Enqueued doomed = fixtures.enqueue(city, dispatched("W-dead"), Recipient.citySubscribers()).get(0);
            Instant t = Instant.now();
            for (int attempt = 0; attempt < config.maxAttempts(); attempt++) {
                t = t.plus(java.time.Duration.ofMinutes(61));
                worker.deliverDue(fixtures.ref(city), t);
            }
            page(boss).get("/console/admin/webhooks").then().body(containsString("id=\"dead-" + doomed.messageId() + "\""))
                    .body(containsString("HTTP 500")).body(containsString("id=\"count-dead\">1<"));
            first = doomed;
            followed(boss, form(boss).post("/console/admin/webhooks/dead/" + first.messageId() + "/retry")).then()
                    .statusCode(200).body(containsString("已重新排入发送队列"))
                    .body(not(containsString("id=\"dead-" + first.messageId() + "\"")));
        }
    }

    @Test
    void only_the_citys_administrator_may_use_the_page_and_another_citys_receivers_are_not_found() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        long id = OutboxFixtures.subscribe(a, "https://hooks.example.cn/a", List.of("*"), null).getLong("subscription.id");
        b.createUser("bossb", "city-admin");
        String bossB = Api.token(b.code(), "bossb", Api.PASSWORD);
        a.createUser("disp", "dispatcher");
        String dispatcher = Api.token(a.code(), "disp", Api.PASSWORD);

        page(dispatcher).get("/console/admin/webhooks").then().statusCode(403);
        form(dispatcher).post("/console/admin/webhooks/" + id + "/resume").then().statusCode(403);
        RestAssured.given().redirects().follow(false).get("/console/admin/webhooks").then().statusCode(303)
                .header("Location", containsString("/console/login"));

        // city B's administrator: A's receiver is not on B's page and every action on it is refused as not found
        page(bossB).get("/console/admin/webhooks").then().statusCode(200).body(not(containsString("hooks.example.cn/a")));
        for (String action : List.of("resume", "active", "delete")) {
            followed(bossB, form(bossB).formParam("active", "false").post("/console/admin/webhooks/" + id + "/" + action))
                    .then().statusCode(404);
        }
        form(bossB).post("/console/admin/webhooks/" + id + "/secret").then().statusCode(303);
        Api.as(a.adminToken()).get("/api/v1/webhooks/" + id).then().statusCode(200).body("active", org.hamcrest.Matchers.equalTo(true));
    }
}
