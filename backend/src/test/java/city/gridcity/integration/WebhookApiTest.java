package city.gridcity.integration;

import static city.gridcity.integration.OutboxFixtures.dispatched;
import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import city.gridcity.integration.outbox.Enqueued;
import city.gridcity.integration.outbox.Recipient;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The city administrator's webhook subscriptions and outbox view, and who else may not touch them. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class WebhookApiTest {

    @Inject
    OutboxFixtures fixtures;

    @Test
    void a_city_administrator_creates_lists_updates_and_deletes_a_subscription_and_sees_its_secret_only_once() {
        Api.City city = Api.aCity();
        var created = as(city.adminToken()).body(Map.of("name", "环卫集团工单系统", "url", "https://hooks.example.cn/gridcity",
                        "eventTypes", List.of("case.dispatched", "case.rework"), "departmentCode", "sanitation"))
                .post("/api/v1/webhooks").then().statusCode(201)
                .header("Location", containsString("/api/v1/webhooks/"))
                .body("secret", matchesPattern("^gcws_[A-Za-z0-9_-]{43}$"))
                .body("subscription.active", equalTo(true))
                .body("subscription.departmentCode", equalTo("sanitation"))
                .body("subscription.eventTypes", equalTo(List.of("case.dispatched", "case.rework")))
                .extract().jsonPath();
        long id = created.getLong("subscription.id");
        String secret = created.getString("secret");

        as(city.adminToken()).get("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("$", not(hasKey("secret"))).body("secretHint", equalTo("…" + secret.substring(secret.length() - 4)));
        as(city.adminToken()).get("/api/v1/webhooks").then().statusCode(200).body("id", hasItem((int) id))
                .body("[0]", not(hasKey("secret")));

        as(city.adminToken()).body(Map.of("name", "市级大屏", "url", "https://dashboard.example.cn/in", "eventTypes", List.of("*"),
                        "active", false))
                .put("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("name", equalTo("市级大屏")).body("departmentCode", equalTo(null)).body("active", equalTo(false))
                .body("secretHint", equalTo("…" + secret.substring(secret.length() - 4)));

        String rotated = as(city.adminToken()).post("/api/v1/webhooks/" + id + "/secret").then().statusCode(200)
                .extract().path("secret");
        org.junit.jupiter.api.Assertions.assertNotEquals(secret, rotated);

        as(city.adminToken()).get("/api/v1/webhooks/event-types").then().statusCode(200)
                .body("type", hasItems("case.dispatched", "case.closed"));

        as(city.adminToken()).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        as(city.adminToken()).get("/api/v1/webhooks/" + id).then().statusCode(404);
        as(city.adminToken()).delete("/api/v1/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void invalid_subscriptions_are_refused_naming_the_field_and_how_to_fix_it() {
        Api.City city = Api.aCity();
        refused(city, body("url", "ftp://hooks.example.cn/x"), "url").body("errors[0].message", containsString("https://"));
        refused(city, body("url", null), "url");
        refused(city, body("url", "http://hooks.example.cn/x"), "url").body("errors[0].message", containsString("https://"));
        refused(city, body("url", "not a url"), "url");
        refused(city, body("url", "https://user:pass@hooks.example.cn/x"), "url");
        refused(city, body("url", "https://10.1.2.3/x"), "url").body("errors[0].message", containsString("public address"));
        refused(city, body("url", "https://169.254.169.254/latest/meta-data"), "url");
        refused(city, body("url", "https://[::1]/x"), "url");
        refused(city, body("url", "https://printer.localhost/x"), "url");
        refused(city, body("url", "https://hooks.example.cn/" + "x".repeat(2000)), "url");
        refused(city, body("eventTypes", List.of("case.dispatchd")), "eventTypes[0]")
                .body("errors[0].message", containsString("case.dispatched"));
        refused(city, body("eventTypes", List.of()), "eventTypes");
        refused(city, body("eventTypes", null), "eventTypes");
        refused(city, body("name", "名".repeat(101)), "name");
        refused(city, body("name", " "), "name");
        refused(city, body("departmentCode", "no-such-department"), "departmentCode");

        // every problem at once
        as(city.adminToken()).body(Map.of("name", "", "url", "ftp://x", "eventTypes", List.of("nope")))
                .post("/api/v1/webhooks").then().statusCode(400).body("errors.field", hasItems("name", "url", "eventTypes[0]"));
        // and the same rules on update
        long id = OutboxFixtures.subscribe(city, "https://hooks.example.cn/ok", List.of("*"), null).getLong("subscription.id");
        as(city.adminToken()).body(body("url", "ftp://hooks.example.cn/x")).put("/api/v1/webhooks/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("url"));
        as(city.adminToken()).body("{\"name\":\"x\",\"url\":\"https://a.example.cn\",\"eventTypes\":[\"*\"],\"colour\":1}")
                .post("/api/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("colour"));
        as(city.adminToken()).get("/api/v1/outbox?status=LOST").then().statusCode(400).body("errors[0].field", equalTo("status"));
        as(city.adminToken()).get("/api/v1/outbox?size=1000").then().statusCode(400);
    }

    @Test
    void another_citys_administrator_gets_404_for_a_citys_subscriptions_and_outbox_messages() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        long id = OutboxFixtures.subscribe(a, "https://hooks.example.cn/a", List.of("*"), null).getLong("subscription.id");
        Enqueued m = fixtures.enqueue(a, dispatched("A-404"), Recipient.citySubscribers()).get(0);
        String tokenB = b.adminToken();

        as(tokenB).get("/api/v1/webhooks/" + id).then().statusCode(404).body("code", equalTo("not-found"));
        as(tokenB).body(body("name", "hijack")).put("/api/v1/webhooks/" + id).then().statusCode(404);
        as(tokenB).post("/api/v1/webhooks/" + id + "/secret").then().statusCode(404);
        as(tokenB).post("/api/v1/webhooks/" + id + "/resume").then().statusCode(404);
        as(tokenB).delete("/api/v1/webhooks/" + id).then().statusCode(404);
        as(tokenB).get("/api/v1/webhooks").then().statusCode(200).body("$", hasSize(0));
        as(tokenB).get("/api/v1/outbox/" + m.messageId()).then().statusCode(404);
        as(tokenB).post("/api/v1/outbox/" + m.messageId() + "/retry").then().statusCode(404);
        as(tokenB).get("/api/v1/outbox").then().statusCode(200).body("total", equalTo(0));
        as(tokenB).get("/api/v1/outbox/counts").then().statusCode(200).body("pending", equalTo(0));

        // while city A's administrator sees both
        as(a.adminToken()).get("/api/v1/webhooks/" + id).then().statusCode(200);
        as(a.adminToken()).get("/api/v1/outbox/" + m.messageId()).then().statusCode(200)
                .body("status", equalTo("PENDING")).body("payload.caseNumber", equalTo("A-404"))
                .body("idempotencyKey", equalTo(m.idempotencyKey().toString()));
        as(a.adminToken()).get("/api/v1/outbox?status=pending&channel=WEBHOOK").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].payload", equalTo(null));
    }

    @Test
    void residents_staff_and_operators_are_refused_the_administrators_endpoints() {
        Api.City city = Api.aCity();
        long id = OutboxFixtures.subscribe(city, "https://hooks.example.cn/r", List.of("*"), null).getLong("subscription.id");
        for (String token : List.of(city.userWith("resi", "resident"), city.userWith("disp", "dispatcher"),
                city.userWith("handler", "department-handler"), Api.operatorToken())) {
            as(token).get("/api/v1/webhooks").then().statusCode(403);
            as(token).get("/api/v1/webhooks/" + id).then().statusCode(403);
            as(token).body(body("name", "x")).post("/api/v1/webhooks").then().statusCode(403);
            as(token).delete("/api/v1/webhooks/" + id).then().statusCode(403);
            as(token).get("/api/v1/outbox").then().statusCode(403);
            as(token).get("/api/v1/outbox/counts").then().statusCode(403);
            as(token).post("/api/v1/outbox/1/retry").then().statusCode(403);
        }
        Api.json().get("/api/v1/webhooks").then().statusCode(401);
        Api.json().get("/api/v1/outbox").then().statusCode(401);
    }

    /** A valid subscription body with one field changed (null: left out). */
    private static Map<String, Object> body(String field, Object value) {
        Map<String, Object> b = new HashMap<>(Map.of("name", "接收方", "url", "https://hooks.example.cn/gridcity",
                "eventTypes", List.of("case.*")));
        if (value == null) {
            b.remove(field);
        } else {
            b.put(field, value);
        }
        return b;
    }

    private static ValidatableResponse refused(Api.City city, Map<String, Object> body, String field) {
        return as(city.adminToken()).body(body).post("/api/v1/webhooks").then().statusCode(400)
                .body("code", equalTo("invalid-field")).body("errors", hasSize(1)).body("errors[0].field", equalTo(field))
                .body("detail", startsWith(field));
    }
}
