package city.gridcity.points;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.integration.outbox.OutboxWorker;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every award rule of the points programme, walked through the real workflow and the real ledger. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PointAwardsTest {

    @Inject
    PointAwards awards;
    @Inject
    PointsExpiry expiry;
    @Inject
    Ledger ledger;
    @Inject
    city.gridcity.rewards.Redemptions redemptions;
    @Inject
    TenantRunner runner;
    @Inject
    TenantDirectory directory;
    @Inject
    OutboxWorker outbox;
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void a_resident_earns_the_rules_points_once_their_report_is_filed_and_nothing_when_it_is_rejected() {
        PointsCity c = PointsCity.with(PointsCity.rules());
        PointsCity.Resident alice = c.resident("alice");
        String filed = c.report(alice.token(), 0);
        String rejected = c.report(alice.token(), 1);

        assertEquals(0, c.balance(alice.token()), "a report earns nothing on arrival");
        c.file(filed);
        c.reject(rejected);

        JsonPath history = c.transfers(alice.token());
        assertEquals(1, history.getInt("total"));
        assertEquals("REPORT_FILED", history.getString("items[0].kind"));
        assertEquals(10, history.getInt("items[0].points"));
        assertEquals(filed, history.getString("items[0].caseNumber"));
        assertEquals(10, c.balance(alice.token()));
    }

    @Test
    void a_residents_rating_of_the_closed_case_earns_the_rating_points_once() {
        // given a resident's report, filed and closed through the loop
        PointsCity c = PointsCity.with(PointsCity.rules());
        PointsCity.Resident alice = c.resident("alice");
        String number = c.report(alice.token(), 0);
        c.loop.closeThroughTheLoop(number);
        assertEquals(10, c.balance(alice.token()));
        // when she rates it, then the rating's 3 points arrive, as a transfer of their own
        rating(alice.token()).multiPart("solved", "true").multiPart("rating", "satisfied")
                .post("/api/v1/cases/" + number + "/rating").then().statusCode(201);
        assertEquals(13, c.balance(alice.token()));
        assertTrue(c.kinds(alice.token()).contains("RATING"), "kinds: " + c.kinds(alice.token()));
        // and a second rating is refused and pays nothing
        rating(alice.token()).multiPart("solved", "true").multiPart("rating", "satisfied")
                .post("/api/v1/cases/" + number + "/rating").then().statusCode(409);
        assertEquals(13, c.balance(alice.token()));
    }

    private static io.restassured.specification.RequestSpecification rating(String token) {
        return io.restassured.RestAssured.given().header("Authorization", "Bearer " + token).accept("application/json");
    }

    @Test
    void points_for_a_filed_report_follow_the_subclass_or_the_base_case_weight() {
        PointsCity c = PointsCity.with(PointsCity.rulesWith("report",
                Map.of("filed", 10, "byWeight", true, "duplicate", 0, "byClass", Map.of("component/0301", 25))));
        PointsCity.Resident alice = c.resident("alice");
        String number = c.report(alice.token(), 0);
        c.file(number);
        assertEquals(25, c.balance(alice.token()), "the subclass's own points come first");

        // without the subclass's entry, 10 per base case weight (the toilet's weight is 1.00)
        c.setRules(PointsCity.rulesWith("report", Map.of("filed", 10, "byWeight", true, "duplicate", 0)))
                .statusCode(201);
        String second = c.report(alice.token(), 2);
        c.file(second);
        assertEquals(35, c.balance(alice.token()));
    }

    @Test
    void first_reporter_wins_a_duplicate_earns_the_small_amount_and_its_reporter_is_told_which_case_it_joined() {
        PointsCity c = PointsCity.with(PointsCity.rules());
        PointsCity.Resident first = c.resident("first");
        PointsCity.Resident second = c.resident("second");
        String original = c.report(first.token(), 0);
        String duplicate = c.report(second.token(), 0);
        c.file(original);

        c.act(c.acceptor(), duplicate, "merge", Map.of("duplicateOf", original)).statusCode(200);

        assertEquals(10, c.balance(first.token()));
        assertEquals(1, c.balance(second.token()));
        assertEquals("DUPLICATE_REPORT", c.transfers(second.token()).getString("items[0].kind"));
        TenantRef city = directory.byCode(c.city.code()).orElseThrow();
        outbox.deliverDue(city, Instant.now().plusSeconds(1));
        as(second.token()).get("/api/v1/me/messages").then().statusCode(200)
                .body("items.summary", hasItem(containsString("已并入该案件")))
                .body("items.data.joined", hasItem(original));
    }

    @Test
    void a_me_too_is_confirmed_when_the_followed_case_is_filed_and_at_once_on_a_filed_case() {
        PointsCity c = PointsCity.with(PointsCity.rules());
        PointsCity.Resident reporter = c.resident("reporter");
        PointsCity.Resident early = c.resident("early");
        PointsCity.Resident late = c.resident("late");
        String number = c.report(reporter.token(), 0);
        c.meToo(early.token(), number, 0);
        assertEquals(0, c.balance(early.token()), "not confirmed while the case awaits filing");

        c.file(number);
        assertEquals(2, c.balance(early.token()));

        c.meToo(late.token(), number, 0);
        assertEquals(2, c.balance(late.token()));
        assertEquals(List.of("ME_TOO"), c.kinds(late.token()));
        assertEquals(10, c.balance(reporter.token()), "the reporter earns for the report, not for following it");
    }

    @Test
    void a_me_too_on_a_case_that_is_rejected_earns_nothing() {
        PointsCity c = PointsCity.with(PointsCity.rules());
        PointsCity.Resident reporter = c.resident("reporter");
        PointsCity.Resident follower = c.resident("follower");
        String number = c.report(reporter.token(), 0);
        c.meToo(follower.token(), number, 0);
        c.reject(number);
        assertEquals(0, c.balance(follower.token()));
        assertEquals(0, c.transfers(follower.token()).getInt("total"));
    }

    @Test
    void earnings_stop_at_the_daily_cap() {
        PointsCity c = PointsCity.with(PointsCity.rulesWith("caps", Map.of("perDay", 15)));
        PointsCity.Resident alice = c.resident("alice");
        String a = c.report(alice.token(), 0);
        String b = c.report(alice.token(), 1);
        String d = c.report(alice.token(), 2);
        c.file(a);
        c.file(b);
        c.file(d);
        assertEquals(15, c.balance(alice.token()), "10, then 5 up to the daily cap of 15, then nothing");
        JsonPath history = c.transfers(alice.token());
        assertEquals(2, history.getInt("total"));
        assertTrue(history.getString("items[0].reason").contains("capped"));
    }

    @Test
    void earnings_stop_at_the_monthly_cap_and_start_again_the_next_month() {
        PointsCity c = PointsCity.with(PointsCity.rulesWith("volunteerWork", 10, "caps", Map.of("perDay", 15, "perMonth", 25)));
        PointsCity.Resident alice = c.resident("alice");
        TenantRef city = directory.byCode(c.city.code()).orElseThrow();
        // at 10:00 in the city (UTC+8) on each day
        List<PointAwards.Award> got = List.of(
                award(city, alice.id(), "a", "2027-03-01T02:00:00Z"), award(city, alice.id(), "b", "2027-03-02T02:00:00Z"),
                award(city, alice.id(), "c", "2027-03-03T02:00:00Z"), award(city, alice.id(), "d", "2027-03-31T15:59:00Z"),
                award(city, alice.id(), "e", "2027-03-31T16:00:00Z"));
        assertEquals(List.of(10L, 10L, 5L, 0L, 10L), got.stream().map(PointAwards.Award::points).toList(),
                "25 in March (the last at 23:59 on the 31st refused), then April 1st 00:00 in the city earns again");
        assertEquals(PointAwards.Outcome.CAPPED, got.get(2).outcome());
        assertEquals(35, c.balance(alice.token()));
    }

    private PointAwards.Award award(TenantRef city, long userId, String key, String at) {
        return runner.call(city, () -> awards.awardVolunteerWork(userId, key, "test", Instant.parse(at)));
    }

    @Test
    void the_level_follows_lifetime_points_with_the_citys_names_and_the_next_level() {
        PointsCity c = PointsCity.with(PointsCity.rulesWith("volunteerWork", 15));
        PointsCity.Resident alice = c.resident("alice");
        JsonPath before = c.points(alice.token());
        assertEquals("新手市民", before.getString("level.nameZh"));
        assertEquals("Active resident", before.getString("nextLevel.nameEn"));
        assertEquals(20, before.getInt("pointsToNextLevel"));

        volunteer(c, alice.id(), "task:1");
        volunteer(c, alice.id(), "task:2");

        JsonPath after = c.points(alice.token());
        assertEquals(30, after.getLong("balance"));
        assertEquals(30, after.getLong("lifetimePoints"));
        assertEquals("热心市民", after.getString("level.nameZh"));
        assertEquals(1, after.getInt("level.index"));
        assertEquals("城市合伙人", after.getString("nextLevel.nameZh"));
        assertEquals(70, after.getInt("pointsToNextLevel"));
    }

    @Test
    void points_earned_in_a_year_expire_at_the_end_of_the_following_year_as_ledger_entries_oldest_first() {
        PointsCity c = PointsCity.with(PointsCity.rulesWith("volunteerWork", 10, "expiry", Map.of("afterYears", 1)));
        PointsCity.Resident alice = c.resident("alice");
        TenantRef city = directory.byCode(c.city.code()).orElseThrow();
        awardAt(city, alice.id(), "2027", Instant.parse("2027-06-01T02:00:00Z"));
        awardAt(city, alice.id(), "2028", Instant.parse("2028-06-01T02:00:00Z"));

        assertEquals(0, runner.call(city, () -> expiry.sweep(Instant.parse("2028-12-31T15:59:00Z"))),
                "31 December 2028, 23:59 in the city: nothing is due yet");
        // 1 January 2029, 00:00 in the city: 2027's points are past the end of the following year
        long expired = runner.call(city, () -> expiry.sweep(Instant.parse("2028-12-31T16:00:00Z")));
        assertEquals(10, expired);
        assertEquals(0, runner.call(city, () -> expiry.sweep(Instant.parse("2029-01-02T00:00:00Z"))),
                "the same year expires once");
        assertEquals(10, c.balance(alice.token()));
        JsonPath history = c.transfers(alice.token());
        assertEquals("EXPIRY", history.getString("items[0].kind"));
        assertEquals(-10, history.getInt("items[0].points"));
        JsonPath audit = c.ledgerAudit();
        assertTrue(audit.getBoolean("balanced"));
        assertTrue(audit.getBoolean("consistent"));
    }

    @Test
    void points_already_spent_do_not_expire_again() {
        PointsCity c = PointsCity.with(PointsCity.rulesWith("volunteerWork", 10, "expiry", Map.of("afterYears", 1)));
        PointsCity.Resident alice = c.resident("alice");
        TenantRef city = directory.byCode(c.city.code()).orElseThrow();
        awardAt(city, alice.id(), "2027", Instant.parse("2027-06-01T02:00:00Z"));
        // 4 of 2027's 10 points are spent on a reward in 2028: only the other 6 are left to expire
        Number reward = as(c.admin()).body(Map.of("code", "bag", "nameZh", "环保袋", "nameEn", "Tote bag", "price", 4, "stock", 5))
                .post("/api/v1/rewards").then().statusCode(201).extract().path("id");
        clock.set(Instant.parse("2028-03-01T02:00:00Z"));
        runner.run(city, () -> redemptions.hold(reward.longValue(), alice.id()));
        clock.reset();
        awardAt(city, alice.id(), "2028", Instant.parse("2028-06-01T02:00:00Z"));

        assertEquals(6, runner.call(city, () -> expiry.sweep(Instant.parse("2029-01-05T00:00:00Z"))));
        assertEquals(10, c.balance(alice.token()));
    }

    @Test
    void so_many_rejected_reports_in_the_period_suspend_earning_for_the_configured_time() {
        PointsCity c = PointsCity.with(PointsCity.rulesWith("abuse", Map.of("strikes", 2, "periodDays", 30, "suspendDays", 10)));
        PointsCity.Resident alice = c.resident("alice");
        c.reject(c.report(alice.token(), 0));
        assertTrue(c.points(alice.token()).get("suspendedUntil") == null, "one strike is not enough");
        c.reject(c.report(alice.token(), 1));
        assertNotNull(c.points(alice.token()).get("suspendedUntil"));

        String good = c.report(alice.token(), 2);
        c.file(good);
        assertEquals(0, c.balance(alice.token()), "earning is suspended");

        clock.set(Instant.now().plus(Duration.ofDays(11)));
        as(alice.token()).get("/api/v1/me/points").then().body("suspendedUntil", nullValue());
        String later = c.report(alice.token(), 3);
        c.file(later);
        assertEquals(10, c.balance(alice.token()), "after the suspension, points again");
    }

    @Test
    void staff_earn_nothing_on_a_case_they_handle() {
        PointsCity c = PointsCity.with(PointsCity.rules());
        c.city.createUser("clerk", "resident", "acceptor");
        String clerk = Api.token(c.city.code(), "clerk", Api.PASSWORD);
        String own = c.report(clerk, 0);
        c.act(clerk, own, "file", Map.of("conditionCode", "A")).statusCode(200);
        assertEquals(0, c.balance(clerk), "filed by the reporter themselves");

        String other = c.report(clerk, 1);
        c.file(other);
        assertEquals(10, c.balance(clerk), "a report filed by someone else earns as anyone's");

        TenantRef city = directory.byCode(c.city.code()).orElseThrow();
        long caseId = runner.call(city, () -> ledger.ofResident(idOf(c, "clerk"), 0, 10).get(0).caseId());
        PointAwards.Award rating = runner.call(city, () -> awards.awardRating(caseId, other, idOf(c, "acceptor"),
                Instant.now()));
        assertEquals(PointAwards.Outcome.STAFF_ON_CASE, rating.outcome(), "the acceptor who filed it cannot earn by rating it");
    }

    @Test
    void a_rating_and_a_piece_of_volunteer_work_are_awarded_once_however_often_they_are_replayed() {
        PointsCity c = PointsCity.with(PointsCity.rules());
        PointsCity.Resident alice = c.resident("alice");
        PointsCity.Resident bob = c.resident("bob");
        String number = c.report(alice.token(), 0);
        c.file(number);
        TenantRef city = directory.byCode(c.city.code()).orElseThrow();
        long caseId = runner.call(city, () -> ledger.ofResident(alice.id(), 0, 10).get(0).caseId());

        PointAwards.Award first = runner.call(city, () -> awards.awardRating(caseId, number, bob.id(), Instant.now()));
        PointAwards.Award again = runner.call(city, () -> awards.awardRating(caseId, number, bob.id(), Instant.now()));
        PointAwards.Award work = runner.call(city, () -> awards.awardVolunteerWork(bob.id(), "task:7", "清理小广告", Instant.now()));
        PointAwards.Award workAgain = runner.call(city, () -> awards.awardVolunteerWork(bob.id(), "task:7", "清理小广告",
                Instant.now()));

        assertEquals(PointAwards.Outcome.AWARDED, first.outcome());
        assertEquals(PointAwards.Outcome.ALREADY_AWARDED, again.outcome());
        assertEquals(first.transferId(), again.transferId(), "the id is the business key's");
        assertEquals(PointAwards.Outcome.AWARDED, work.outcome());
        assertEquals(PointAwards.Outcome.ALREADY_AWARDED, workAgain.outcome());
        assertEquals(3 + 5, c.balance(bob.token()));
        assertEquals(2, c.transfers(bob.token()).getInt("total"));
    }

    @Test
    void a_voided_case_and_a_report_judged_false_are_clawed_back_by_new_entries_naming_the_original() {
        PointsCity c = PointsCity.with(PointsCity.rulesWith("abuse", Map.of("strikes", 1, "periodDays", 30, "suspendDays", 5)));
        PointsCity.Resident alice = c.resident("alice");
        String voided = c.report(alice.token(), 0);
        c.file(voided);
        String judged = c.report(alice.token(), 1);
        c.file(judged);
        assertEquals(20, c.balance(alice.token()));
        String awardOfVoided = c.transfers(alice.token()).getString("items.find { it.caseNumber == '" + voided + "' }.id");

        c.act(c.acceptor(), voided, "request-void", Map.of("reason", "误立案")).statusCode(200);
        c.act(c.admin(), voided, "approve-void", Map.of()).statusCode(200);
        assertEquals(10, c.balance(alice.token()));
        JsonPath history = c.transfers(alice.token());
        assertEquals("CLAWBACK", history.getString("items[0].kind"));
        assertEquals(awardOfVoided, history.getString("items[0].corrects"));
        assertEquals(10, history.getInt("items.find { it.id == '" + awardOfVoided + "' }.points"),
                "the original stays as it was");

        as(c.admin()).body(Map.of("caseNumber", judged, "reason", "照片与现场不符")).post("/api/v1/points/false-reports")
                .then().statusCode(200).body("pointsTakenBack", equalTo(10)).body("suspended", equalTo(true));
        as(c.admin()).body(Map.of("caseNumber", judged, "reason", "again")).post("/api/v1/points/false-reports")
                .then().statusCode(200).body("pointsTakenBack", equalTo(0));
        assertEquals(0, c.balance(alice.token()));
        assertEquals(0, c.points(alice.token()).getLong("lifetimePoints"));
        assertNotNull(c.points(alice.token()).get("suspendedUntil"));
        as(c.admin()).body(Map.of("caseNumber", "KC-NOPE", "reason", "x")).post("/api/v1/points/false-reports")
                .then().statusCode(404);
        JsonPath audit = c.ledgerAudit();
        assertTrue(audit.getBoolean("balanced"));
        assertTrue(audit.getBoolean("consistent"));
    }

    @Test
    void a_city_without_point_rules_awards_nothing() {
        PointsCity c = PointsCity.with(PointsCity.rules());
        Api.City other = Api.aCity();
        long bob = other.createUser("bob", "resident");
        TenantRef city = directory.byCode(other.code()).orElseThrow();
        PointAwards.Award a = runner.call(city, () -> awards.awardVolunteerWork(bob, "task:1", "x", Instant.now()));
        assertEquals(PointAwards.Outcome.NO_RULES, a.outcome());
        as(Api.token(other.code(), "bob", Api.PASSWORD)).get("/api/v1/me/points").then().statusCode(200)
                .body("balance", equalTo(0)).body("level", nullValue());
        assertNotNull(c);
    }

    private void volunteer(PointsCity c, long userId, String key) {
        TenantRef city = directory.byCode(c.city.code()).orElseThrow();
        runner.run(city, () -> awards.awardVolunteerWork(userId, key, "test", Instant.now()));
    }

    private void awardAt(TenantRef city, long userId, String key, Instant at) {
        clock.set(at);
        runner.run(city, () -> awards.awardVolunteerWork(userId, key, "test", at));
        clock.reset();
    }

    private static long idOf(PointsCity c, String username) {
        Number id = as(c.admin()).get("/api/v1/users?q=" + username).then().statusCode(200).extract()
                .path("items.find { it.username == '" + username + "' }.id");
        assertNotNull(id, username);
        return id.longValue();
    }
}
