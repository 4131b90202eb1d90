package city.gridcity.rewards;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.points.PointAwards;
import city.gridcity.points.PointsCity;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rewards with stock: hold, pickup code, confirmation, cancel, expiry, and every refusal with nothing changed. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class RedemptionTest {

    @Inject
    PointAwards awards;
    @Inject
    Redemptions redemptions;
    @Inject
    TenantRunner runner;
    @Inject
    TenantDirectory directory;
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A city whose volunteer work earns 100 points (level 城市合伙人 from 100), and a resident who did some. */
    private PointsCity aCity() {
        return aCity(100);
    }

    private PointsCity aCity(int pointsPerWork) {
        return PointsCity.with(PointsCity.rulesWith("volunteerWork", pointsPerWork));
    }

    private PointsCity.Resident residentWith100(PointsCity c, String name) {
        PointsCity.Resident r = c.resident(name);
        TenantRef city = directory.byCode(c.city.code()).orElseThrow();
        runner.run(city, () -> awards.awardVolunteerWork(r.id(), "seed:" + name, "test", Instant.now()));
        return r;
    }

    private long reward(PointsCity c, Object... fields) {
        Map<String, Object> body = new HashMap<>(Map.of("code", "r" + System.nanoTime() % 100000, "nameZh", "公交卡充值",
                "nameEn", "Bus card top-up", "price", 30, "stock", 5));
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        Number id = as(c.admin()).body(body).post("/api/v1/rewards").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    private int stock(PointsCity c, long reward) {
        return as(c.admin()).get("/api/v1/rewards/" + reward).then().statusCode(200).extract().path("stock");
    }

    @Test
    void a_hold_reserves_the_points_and_one_unit_and_staff_confirm_its_code_once() {
        PointsCity c = aCity();
        PointsCity.Resident alice = residentWith100(c, "alice");
        long reward = reward(c);

        JsonPath hold = as(alice.token()).post("/api/v1/rewards/" + reward + "/redemptions").then().statusCode(201)
                .body("status", equalTo("HELD")).body("code", matchesPattern("^[A-HJKMNP-Z2-9]{8}$"))
                .body("endedAt", nullValue()).extract().jsonPath();
        String code = hold.getString("code");
        assertEquals(70, c.balance(alice.token()));
        assertEquals(4, stock(c, reward));
        as(alice.token()).get("/api/v1/me/redemptions").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].code", equalTo(code)).body("items[0].rewardNameZh", equalTo("公交卡充值"));
        as(c.admin()).get("/api/v1/redemptions/" + code.toLowerCase()).then().statusCode(200).body("status", equalTo("HELD"));

        as(c.admin()).post("/api/v1/redemptions/" + code + "/fulfilment").then().statusCode(200)
                .body("status", equalTo("FULFILLED")).body("endedAt", notNullValue());
        as(c.admin()).post("/api/v1/redemptions/" + code + "/fulfilment").then().statusCode(409)
                .body("code", equalTo("code-already-used"));
        as(alice.token()).delete("/api/v1/me/redemptions/" + hold.getLong("id")).then().statusCode(409);

        assertEquals(70, c.balance(alice.token()));
        assertEquals(4, stock(c, reward));
        assertEquals(java.util.List.of("FULFIL", "HOLD", "VOLUNTEER_WORK"), c.kinds(alice.token()), "newest first");
        JsonPath audit = c.ledgerAudit();
        assertTrue(audit.getBoolean("balanced"));
        assertTrue(audit.getBoolean("consistent"));
    }

    @Test
    void a_cancelled_or_expired_hold_returns_both_the_points_and_the_unit_exactly_once() {
        PointsCity c = aCity();
        PointsCity.Resident alice = residentWith100(c, "alice");
        long reward = reward(c);
        long first = as(alice.token()).post("/api/v1/rewards/" + reward + "/redemptions").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        as(alice.token()).delete("/api/v1/me/redemptions/" + first).then().statusCode(200).body("status", equalTo("CANCELLED"));
        as(alice.token()).delete("/api/v1/me/redemptions/" + first).then().statusCode(409).body("code", equalTo("hold-cancelled"));
        assertEquals(100, c.balance(alice.token()));
        assertEquals(5, stock(c, reward));

        String code = as(alice.token()).post("/api/v1/rewards/" + reward + "/redemptions").then().statusCode(201)
                .extract().path("code");
        TenantRef city = directory.byCode(c.city.code()).orElseThrow();
        assertEquals(0, runner.call(city, () -> redemptions.expireDue(Instant.now())), "not due for 48 hours");
        Instant later = Instant.now().plus(Duration.ofHours(49));
        assertEquals(1, runner.call(city, () -> redemptions.expireDue(later)));
        assertEquals(0, runner.call(city, () -> redemptions.expireDue(later)), "ends once");

        as(c.admin()).post("/api/v1/redemptions/" + code + "/fulfilment").then().statusCode(409)
                .body("code", equalTo("hold-expired"));
        assertEquals(100, c.balance(alice.token()));
        assertEquals(5, stock(c, reward));
        as(alice.token()).get("/api/v1/me/redemptions").then().body("items[0].status", equalTo("EXPIRED"));
        assertTrue(c.ledgerAudit().getBoolean("consistent"));
    }

    @Test
    void a_hold_past_its_time_is_refused_at_the_counter_before_the_job_has_run_and_nothing_changes() {
        PointsCity c = aCity();
        PointsCity.Resident alice = residentWith100(c, "alice");
        long reward = reward(c);
        String code = as(alice.token()).post("/api/v1/rewards/" + reward + "/redemptions").then().statusCode(201)
                .extract().path("code");
        clock.set(Instant.now().plus(Duration.ofHours(49)));
        as(c.admin()).post("/api/v1/redemptions/" + code + "/fulfilment").then().statusCode(409)
                .body("code", equalTo("hold-expired"));
        as(alice.token()).get("/api/v1/me/redemptions").then().body("items[0].status", equalTo("HELD"));
        assertEquals(70, c.balance(alice.token()));
        assertEquals(4, stock(c, reward));
    }

    @Test
    void a_redemption_without_enough_points_or_stock_or_level_or_beyond_the_limit_is_refused_and_changes_nothing() {
        // 50 points: level 热心市民 (from 20), not 城市合伙人 (from 100)
        PointsCity c = aCity(50);
        PointsCity.Resident alice = residentWith100(c, "alice");
        long dear = reward(c, "price", 500);
        long gone = reward(c, "stock", 0);
        long once = reward(c, "perResidentLimit", 1);
        long forPartners = reward(c, "minLevel", 2);
        long later = reward(c, "availableFrom", Instant.now().plus(Duration.ofDays(3)).toString());

        as(alice.token()).post("/api/v1/rewards/" + dear + "/redemptions").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("not-enough-points"));
        as(alice.token()).post("/api/v1/rewards/" + gone + "/redemptions").then().statusCode(409)
                .body("code", equalTo("out-of-stock"));
        as(alice.token()).post("/api/v1/rewards/" + once + "/redemptions").then().statusCode(201);
        as(alice.token()).post("/api/v1/rewards/" + once + "/redemptions").then().statusCode(409)
                .body("code", equalTo("limit-reached"));
        as(alice.token()).post("/api/v1/rewards/" + forPartners + "/redemptions").then().statusCode(409)
                .body("code", equalTo("level-too-low"));
        as(alice.token()).post("/api/v1/rewards/" + later + "/redemptions").then().statusCode(409)
                .body("code", equalTo("reward-unavailable"));
        as(alice.token()).post("/api/v1/rewards/999999/redemptions").then().statusCode(404);
        as(c.admin()).post("/api/v1/redemptions/NOSUCH23/fulfilment").then().statusCode(404);

        assertEquals(20, c.balance(alice.token()), "only the one allowed hold took points");
        assertEquals(5, stock(c, dear));
        assertEquals(0, stock(c, gone));
        assertEquals(4, stock(c, once));
        assertEquals(5, stock(c, forPartners));
        as(alice.token()).get("/api/v1/me/redemptions").then().body("total", equalTo(1));
        as(alice.token()).get("/api/v1/rewards").then().statusCode(200).body("id", hasItem((int) dear))
                .body("find { it.id == " + later + " }", nullValue());
    }

    @Test
    void a_picture_must_be_an_image_and_is_stored_cleaned() throws Exception {
        PointsCity c = aCity();
        long reward = reward(c);
        as(c.admin()).contentType(ContentType.MULTIPART).multiPart("file", "tea.png", "not a picture".getBytes(), "image/png")
                .put("/api/v1/rewards/" + reward + "/picture").then().statusCode(400).body("errors.field", hasItem("file"));
        as(c.admin()).get("/api/v1/rewards/" + reward).then().body("pictureUrl", nullValue());

        as(c.admin()).contentType(ContentType.MULTIPART).multiPart("file", "tea.png", png(), "image/png")
                .put("/api/v1/rewards/" + reward + "/picture").then().statusCode(200)
                .body("pictureUrl", equalTo("/api/v1/rewards/" + reward + "/picture"));
        as(c.admin()).accept("image/png").get("/api/v1/rewards/" + reward + "/picture").then().statusCode(200)
                .contentType("image/png");
        as(c.admin()).get("/api/v1/points/audit-trail").then().body("items.subject", hasItem(org.hamcrest.Matchers
                .startsWith("reward ")));
    }

    @Test
    void a_replaced_picture_leaves_only_the_new_file_in_storage() throws Exception {
        PointsCity c = aCity();
        long reward = reward(c);
        java.nio.file.Path folder = java.nio.file.Path.of("target/test-blobs", c.city.code(), "rewards", String.valueOf(reward));
        for (int i = 0; i < 2; i++) {
            as(c.admin()).contentType(ContentType.MULTIPART).multiPart("file", "tea.png", png(), "image/png")
                    .put("/api/v1/rewards/" + reward + "/picture").then().statusCode(200);
        }

        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(folder)) {
            assertEquals(1, files.count(), "the first picture's file is removed once the second is committed");
        }
        as(c.admin()).accept("image/png").get("/api/v1/rewards/" + reward + "/picture").then().statusCode(200);
    }

    @Test
    void the_administrator_manages_rewards_and_stock_and_wrong_input_is_named() {
        PointsCity c = aCity();
        long reward = reward(c, "code", "tea");
        as(c.admin()).body(Map.of("code", "tea", "nameZh", "茶", "nameEn", "Tea", "price", 1, "stock", 1))
                .post("/api/v1/rewards").then().statusCode(409);
        as(c.admin()).body(Map.of("code", "Bad Code", "price", 0, "stock", -1)).post("/api/v1/rewards").then()
                .statusCode(400).body("errors.field", hasItem("code")).body("errors.field", hasItem("nameZh"))
                .body("errors.field", hasItem("price")).body("errors.field", hasItem("stock"));
        as(c.admin()).body(Map.of("stock", 12, "price", 45, "perResidentLimit", 2)).patch("/api/v1/rewards/" + reward)
                .then().statusCode(200).body("stock", equalTo(12)).body("price", equalTo(45)).body("perResidentLimit", equalTo(2));
        as(c.admin()).body(Map.of("clear", java.util.List.of("perResidentLimit"), "active", false))
                .patch("/api/v1/rewards/" + reward).then().statusCode(200).body("perResidentLimit", nullValue())
                .body("active", equalTo(false)).body("availableNow", equalTo(false));
        as(c.admin()).get("/api/v1/rewards?all=true").then().statusCode(200).body("", hasSize(1));
        as(c.admin()).get("/api/v1/rewards").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void each_role_does_only_its_part_and_another_citys_user_finds_nothing() {
        PointsCity a = aCity();
        PointsCity.Resident alice = residentWith100(a, "alice");
        long reward = reward(a);
        JsonPath hold = as(alice.token()).post("/api/v1/rewards/" + reward + "/redemptions").then().statusCode(201)
                .extract().jsonPath();
        String code = hold.getString("code");

        as(alice.token()).body(Map.of("code", "mine", "nameZh", "我的", "nameEn", "Mine", "price", 1, "stock", 1))
                .post("/api/v1/rewards").then().statusCode(403);
        as(alice.token()).get("/api/v1/rewards?all=true").then().statusCode(403);
        as(alice.token()).post("/api/v1/redemptions/" + code + "/fulfilment").then().statusCode(403);
        as(a.acceptor()).post("/api/v1/redemptions/" + code + "/fulfilment").then().statusCode(403);
        as(a.admin()).post("/api/v1/rewards/" + reward + "/redemptions").then().statusCode(403);
        a.city.createUser("helper", "volunteer", "resident");
        String helper = Api.token(a.city.code(), "helper", Api.PASSWORD);
        PointsCity.Resident bob = a.resident("bob");
        as(bob.token()).delete("/api/v1/me/redemptions/" + hold.getLong("id")).then().statusCode(404);

        PointsCity b = aCity();
        PointsCity.Resident stranger = residentWith100(b, "stranger");
        as(stranger.token()).get("/api/v1/rewards/" + reward).then().statusCode(404);
        as(stranger.token()).post("/api/v1/rewards/" + reward + "/redemptions").then().statusCode(404);
        as(stranger.token()).delete("/api/v1/me/redemptions/" + hold.getLong("id")).then().statusCode(404);
        as(b.admin()).post("/api/v1/redemptions/" + code + "/fulfilment").then().statusCode(404);
        as(b.admin()).body(Map.of("stock", 0)).patch("/api/v1/rewards/" + reward).then().statusCode(404);
        as(stranger.token()).get("/api/v1/me/redemptions").then().body("total", equalTo(0));

        // a volunteer at the pickup point confirms it
        as(helper).post("/api/v1/redemptions/" + code + "/fulfilment").then().statusCode(200).body("status", equalTo("FULFILLED"));
        assertEquals(4, stock(a, reward));
    }

    @Test
    void nobody_confirms_their_own_pickup_code() {
        PointsCity c = aCity();
        c.city.createUser("helper", "volunteer", "resident");
        long helperId = as(c.admin()).get("/api/v1/users?q=helper").then().extract().jsonPath()
                .getLong("items.find { it.username == 'helper' }.id");
        TenantRef city = directory.byCode(c.city.code()).orElseThrow();
        runner.run(city, () -> awards.awardVolunteerWork(helperId, "seed", "test", Instant.now()));
        String helper = Api.token(c.city.code(), "helper", Api.PASSWORD);
        long reward = reward(c);
        String code = as(helper).post("/api/v1/rewards/" + reward + "/redemptions").then().statusCode(201).extract().path("code");
        as(helper).post("/api/v1/redemptions/" + code + "/fulfilment").then().statusCode(403)
                .body("code", equalTo("own-redemption"));
        as(helper).get("/api/v1/me/redemptions").then().body("items[0].status", equalTo("HELD"));
    }

    static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0x0b6e4f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
