package city.gridcity.points;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Point rules as city data: versions from a moment, audited, the administrator's alone, one city's only. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PointRulesApiTest {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void a_new_version_takes_effect_from_its_moment_and_awards_keep_the_rules_of_their_time() {
        PointsCity c = PointsCity.with(PointsCity.rules());
        PointsCity.Resident alice = c.resident("alice");
        Instant from = Instant.now().plus(Duration.ofHours(1));
        as(c.admin()).body(Map.of("effectiveFrom", from.toString(), "rules",
                        PointsCity.rulesWith("report", Map.of("filed", 50, "byWeight", false, "duplicate", 1))))
                .post("/api/v1/points/rules").then().statusCode(201).body("rules.report.filed", equalTo(50));
        as(c.admin()).get("/api/v1/points/rules").then().statusCode(200)
                .body("inForce.rules.report.filed", equalTo(10)).body("versions", hasSize(2));

        String before = c.report(alice.token(), 0);
        c.file(before);
        clock.set(from.plusSeconds(60));
        String after = c.report(alice.token(), 1);
        c.file(after);

        assertEquals(60, c.balance(alice.token()), "10 under the first version, 50 under the second");
        as(c.admin()).get("/api/v1/points/rules").then().body("inForce.rules.report.filed", equalTo(50));
    }

    @Test
    void every_version_is_audited_with_who_when_the_old_and_the_new_rules() {
        PointsCity c = PointsCity.with(PointsCity.rules());
        c.setRules(PointsCity.rulesWith("meToo", 4)).statusCode(201);
        as(c.admin()).get("/api/v1/points/audit-trail").then().statusCode(200)
                .body("total", equalTo(2)).body("items[0].by", equalTo("admin"))
                .body("items[0].oldValue", notNullValue()).body("items[0].newValue", notNullValue())
                .body("items[1].oldValue", nullValue());
    }

    @Test
    void rules_in_the_past_at_a_taken_moment_or_wrong_are_refused_and_nothing_changes() {
        PointsCity c = PointsCity.with(PointsCity.rules());
        as(c.admin()).body(Map.of("effectiveFrom", "2020-01-01T00:00:00Z", "rules", PointsCity.rules()))
                .post("/api/v1/points/rules").then().statusCode(400).body("errors.field", hasItem("effectiveFrom"));
        Instant later = Instant.now().plus(Duration.ofDays(3));
        as(c.admin()).body(Map.of("effectiveFrom", later.toString(), "rules", PointsCity.rules()))
                .post("/api/v1/points/rules").then().statusCode(201);
        as(c.admin()).body(Map.of("effectiveFrom", later.toString(), "rules", PointsCity.rules()))
                .post("/api/v1/points/rules").then().statusCode(409).body("code", equalTo("rules-exist"));
        Map<String, Object> wrong = PointsCity.rulesWith("levels", java.util.List.of(Map.of("from", 5, "nameZh", "一",
                "nameEn", "One")), "holdHours", 0);
        as(c.admin()).body(Map.of("rules", wrong)).post("/api/v1/points/rules").then().statusCode(400)
                .body("errors.field", hasItem("rules/levels/0/from")).body("errors.field", hasItem("rules/holdHours"));
        as(c.admin()).body(Map.of("rules", Map.of("report", Map.of("filed", 1), "bonus", 3)))
                .post("/api/v1/points/rules").then().statusCode(400);

        as(c.admin()).get("/api/v1/points/rules").then().body("versions", hasSize(2));
        as(c.admin()).get("/api/v1/points/audit-trail").then().body("total", equalTo(2));
    }

    @Test
    void only_the_citys_administrator_reads_or_changes_the_rules_and_only_their_citys() {
        PointsCity a = PointsCity.with(PointsCity.rules());
        Api.City b = Api.aCity();
        PointsCity.Resident alice = a.resident("alice");

        as(alice.token()).get("/api/v1/points/rules").then().statusCode(403);
        as(alice.token()).body(Map.of("rules", PointsCity.rules())).post("/api/v1/points/rules").then().statusCode(403);
        as(a.acceptor()).get("/api/v1/points/audit-trail").then().statusCode(403);
        as(b.adminToken()).get("/api/v1/points/rules").then().statusCode(200)
                .body("inForce", nullValue()).body("versions", hasSize(0));
        as(b.adminToken()).get("/api/v1/points/audit-trail").then().statusCode(200).body("total", equalTo(0));
    }
}
