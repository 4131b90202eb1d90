package city.gridcity.audit;

import static city.gridcity.support.Api.as;
import static city.gridcity.support.ConsoleForms.form;
import static city.gridcity.support.ConsoleForms.page;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.grid.GridGenerator;
import city.gridcity.integration.OutboxFixtures;
import city.gridcity.integration.outbox.Recipient;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Webhooks, grid imports and the platform operator's actions write the city's change log; refusals write nothing. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ChangeLogGapsTest {

    private static final GridGenerator.Spec SMALL = new GridGenerator.Spec("9702", 12L, 118.50, 31.50, 2, 3, 6, 12, 90,
            200, 1, 1);

    @Inject
    OutboxFixtures fixtures;

    @Test
    void webhook_changes_and_a_dead_letter_sent_again_are_in_the_change_log_and_refusals_are_not() throws Exception {
        Api.City city = Api.aCity();
        long id = as(city.adminToken()).body(Map.of("name", "环卫工单", "url", "https://hooks.example.cn/in",
                "eventTypes", List.of("case.dispatched"))).post("/api/v1/webhooks").then().statusCode(201)
                .extract().jsonPath().getLong("subscription.id");
        as(city.adminToken()).body(Map.of("name", "环卫工单", "url", "ftp://hooks.example.cn/in",
                "eventTypes", List.of("case.dispatched"))).post("/api/v1/webhooks").then().statusCode(400);
        as(city.adminToken()).body(Map.of("name", "环卫工单系统", "url", "https://hooks.example.cn/v2",
                "eventTypes", List.of("case.*"))).put("/api/v1/webhooks/" + id).then().statusCode(200);
        as(city.adminToken()).body(Map.of("name", "x", "url", "http://plain.example.cn/",
                "eventTypes", List.of("case.*"))).put("/api/v1/webhooks/" + id).then().statusCode(400);
        String secret = as(city.adminToken()).post("/api/v1/webhooks/" + id + "/secret").then().statusCode(200)
                .extract().path("secret");
        as(city.adminToken()).post("/api/v1/webhooks/" + id + "/resume").then().statusCode(200);

        long message = fixtures.enqueue(city, OutboxFixtures.dispatched("C2026-0101"), Recipient.citySubscribers()).get(0)
                .messageId();
        as(city.adminToken()).post("/api/v1/outbox/" + message + "/retry").then().statusCode(409);
        try (Connection c = PostgresResource.superuser();
             PreparedStatement ps = c.prepareStatement("UPDATE outbox_message SET status = 'DEAD' WHERE id = ?")) {
            ps.setLong(1, message);
            ps.executeUpdate();
        }
        as(city.adminToken()).post("/api/v1/outbox/" + message + "/retry").then().statusCode(200);
        as(city.adminToken()).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        as(city.adminToken()).delete("/api/v1/webhooks/" + id).then().statusCode(404);

        assertEquals(List.of("created admin", "name admin", "url admin", "eventTypes admin", "secret admin",
                "resumed admin", "retried admin", "deleted admin"), entries(city.code(), "WEBHOOKS"));
        String boss = bossOf(city);
        page(boss).get("/console/admin/audit?area=webhooks").then().statusCode(200)
                .body(containsString("Webhook 订阅 · #" + id + " 环卫工单系统 · 接收地址"))
                .body(containsString("https://hooks.example.cn/v2")).body(containsString("重新投递死信"))
                .body(org.hamcrest.Matchers.not(containsString(secret)));
        page(boss).get("/console/admin/audit?area=webhooks&lang=en").then()
                .body(containsString("Dead letter sent again")).body(containsString("Signing secret"));
    }

    @Test
    void an_imported_layout_and_a_draft_uploaded_and_imported_are_in_the_change_log_but_a_refused_layout_is_not() throws Exception {
        Api.City city = Api.aCity();
        ObjectNode good = GridGenerator.generate(SMALL);
        ObjectNode broken = good.deepCopy();
        ((ObjectNode) ((ArrayNode) broken.get("features")).get(3).get("properties")).put("code", "123");
        as(city.adminToken()).body(broken.toString()).post("/api/v1/grid/layouts").then().statusCode(400);
        as(city.adminToken()).body(good.toString()).post("/api/v1/grid/layouts?dryRun=true").then().statusCode(200);
        assertEquals(List.of(), entries(city.code(), "GRID"));

        as(city.adminToken()).body(good.toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01").then()
                .statusCode(201);
        String boss = bossOf(city);
        String draft = page(boss).cookie("gc_csrf", "t0ken").multiPart("_csrf", "t0ken")
                .multiPart("effectiveFrom", "2099-01-01")
                .multiPart("file", "redrawn.geojson", good.toString().getBytes(StandardCharsets.UTF_8), "application/geo+json")
                .post("/console/admin/grid/drafts").then().statusCode(303).extract().header("Location");
        form(boss).formParam("effectiveFrom", "2099-01-01")
                .post(draft + "/import").then().statusCode(303);

        assertEquals(List.of("layoutImported admin", "draftUploaded boss", "layoutImported boss", "draftImported boss"),
                entries(city.code(), "GRID"));
        page(boss).get("/console/admin/audit?area=grid").then().statusCode(200)
                .body(containsString("网格 · v1 · 导入网格版本")).body(containsString("redrawn.geojson · 上传网格草稿"))
                .body(containsString("导入网格草稿")).body(containsString("v2 · from 2099-01-01"));
    }

    @Test
    void the_operators_actions_on_a_city_are_in_its_change_log_and_on_the_cities_page() throws Exception {
        Api.City city = Api.aCity();
        String op = Api.operatorToken();
        String base = "/api/v1/platform/tenants/" + city.code();
        as(op).body(Map.of()).post(base + "/suspend").then().statusCode(400);
        as(op).post(base + "/resume").then().statusCode(200); // already active: nothing changes, nothing recorded
        as(op).body(Map.of("reason", "欠费")).post(base + "/suspend").then().statusCode(200);
        as(op).post(base + "/resume").then().statusCode(200);
        as(op).body(Map.of("username", "rescue")).post(base + "/administrators").then().statusCode(200);
        as(op).body(Map.of("username", "x")).post("/api/v1/platform/tenants/nosuchcity/administrators").then()
                .statusCode(404);

        assertEquals(List.of("cityCreated platform:root", "suspended platform:root", "resumed platform:root",
                "administratorRestored platform:root"), entries(city.code(), "PLATFORM"));
        // the city's administrator reads what the platform did to the city
        page(bossOf(city)).get("/console/admin/audit?area=platform").then().statusCode(200)
                .body(containsString("平台运营 · " + city.code() + " · 暂停城市")).body(containsString("欠费"))
                .body(containsString("platform:root")).body(containsString("恢复管理员"));
        // and the operator on the cities page
        page(op).get("/console/platform").then().statusCode(200).body(containsString("最近的平台操作"))
                .body(containsString("id=\"actions-" + city.code() + "\"")).body(containsString("创建城市"))
                .body(containsString("暂停城市"));
        page(op).get("/console/platform?lang=en").then().body(containsString("City suspended"));
    }

    /** A second administrator with a password of their own (the first one's one-time password sends pages elsewhere). */
    private static String bossOf(Api.City city) {
        return city.userWith("boss", "city-admin");
    }

    /** The city's entries of one area, oldest first, as "field by". */
    private static List<String> entries(String city, String area) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = PostgresResource.superuser(); PreparedStatement ps = c.prepareStatement(
                "SELECT field, by_user FROM admin_audit WHERE tenant_id = ? AND area = ? ORDER BY id")) {
            ps.setString(1, city);
            ps.setString(2, area);
            ResultSet rs = ps.executeQuery();
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return out;
    }
}
