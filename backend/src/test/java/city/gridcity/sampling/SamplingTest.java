package city.gridcity.sampling;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The daily sample of district supervisors' reports (重复案件率 / 假错案件率): a seeded, recorded, reproducible draw,
 * judged by city reviewers; overdue samples listed; the duplicate and false rates of an assessment run.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class SamplingTest {

    static final String ELEVENTH = "2026-11-11";

    @Inject
    TestClock clock;

    @Inject
    SamplingJob job;

    @Inject
    city.gridcity.platform.PackLibrary packs;

    @Inject
    city.gridcity.platform.TenantProvisioning provisioning;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void a_days_draw_is_the_share_of_district_supervisor_reports_the_seed_of_city_and_day_picks_and_is_kept_once() {
        SamplingWorld w = new SamplingWorld(clock).withReports();
        as(w.city.adminToken()).body(Map.of("share", 0.5, "judgeWorkingDays", 3)).put("/api/v1/sampling/settings")
                .then().statusCode(200).body("share", equalTo(0.5f)).body("configured", equalTo(true));
        // a day that has not ended is not drawn
        as(w.assessor).body(Map.of("day", "2026-11-10")).post("/api/v1/sampling/draws").then().statusCode(400)
                .body("errors[0].field", equalTo("day"));

        w.at(tenthPlus(1), 9, 0);
        JsonPath draw = as(w.assessor).body(Map.of("day", "2026-11-10")).post("/api/v1/sampling/draws").then()
                .statusCode(200).body("reports", equalTo(5)).body("drawn", equalTo(3)).extract().jsonPath();
        long seed = draw.getLong("seed");
        assertEquals(Sampling.seed(w.city.code(), SamplingWorld.TENTH), seed);
        assertNotEquals(Sampling.seed(w.city.code(), SamplingWorld.TENTH.plusDays(1)), seed, "another day, another seed");
        // ceil(0.5 × 5) = 3 of the five, never the city supervisor's report; anyone repeats it from the seed
        List<String> drawn = draw.getList("samples.caseNumber");
        assertEquals(Sampling.pick(w.reports, 3, new SplittableRandom(seed)), drawn);
        assertTrue(w.reports.containsAll(drawn));
        assertFalse(drawn.contains(w.cityReport));

        // drawing the day again, by hand or by the job, changes nothing
        List<Integer> ids = draw.getList("samples.id");
        as(w.city.adminToken()).body(Map.of("day", "2026-11-10")).post("/api/v1/sampling/draws").then().statusCode(200)
                .body("samples.id", equalTo(ids)).body("drawnBy", equalTo("assessor"));
        w.at(tenthPlus(1), 10, 0);
        job.drawYesterday(clock);
        as(w.reviewer).queryParam("day", "2026-11-10").get("/api/v1/sampling/samples").then().statusCode(200)
                .body("id", equalTo(ids));
        // the job draws yesterday, with the city's rule: the 11th had no report, so nothing
        w.at(tenthPlus(2), 10, 0);
        job.drawYesterday(clock);
        as(w.assessor).get("/api/v1/sampling/draws/" + ELEVENTH).then().statusCode(200).body("reports", equalTo(0))
                .body("samples", empty()).body("drawnBy", equalTo("system"));
    }

    @Test
    void the_pick_depends_only_on_the_seed_and_the_set_of_reports() {
        List<String> reports = List.of("KC5", "KC1", "KC3", "KC2", "KC4", "KC6", "KC7", "KC8");
        List<String> once = Sampling.pick(reports, 3, new SplittableRandom(42));
        assertEquals(once, Sampling.pick(List.of("KC8", "KC7", "KC6", "KC5", "KC4", "KC3", "KC2", "KC1"), 3,
                new SplittableRandom(42)), "the order reports are read in does not matter");
        assertEquals(3, once.stream().distinct().count());
        assertEquals(1, Sampling.size(new BigDecimal("0.05"), 1), "a day with a report draws at least one");
        assertEquals(2, Sampling.size(new BigDecimal("0.05"), 30), "5 % of 30 = 1.5, rounded up");
        assertEquals(0, Sampling.size(BigDecimal.ZERO, 30));
        assertEquals(0, Sampling.size(new BigDecimal("0.05"), 0));
    }

    @Test
    void a_reviewer_judges_a_sample_once_and_bad_input_is_named() {
        SamplingWorld w = drawn();
        List<Integer> ids = as(w.reviewer).queryParam("day", "2026-11-10").get("/api/v1/sampling/samples").then()
                .statusCode(200).extract().path("id");
        int first = ids.get(0);
        as(w.reviewer).body(Map.of("verdict", "MAYBE")).post("/api/v1/sampling/samples/" + first + "/judgement").then()
                .statusCode(400).body("errors[0].field", equalTo("verdict"));
        as(w.reviewer).body(Map.of("verdict", "VALID", "note", "x".repeat(501)))
                .post("/api/v1/sampling/samples/" + first + "/judgement").then().statusCode(400)
                .body("errors[0].field", equalTo("note"));
        as(w.reviewer).body(Map.of("verdict", "duplicate", "note", "与上午同一处"))
                .post("/api/v1/sampling/samples/" + first + "/judgement").then().statusCode(200)
                .body("verdict", equalTo("DUPLICATE")).body("judgedBy", equalTo("csup")).body("note", equalTo("与上午同一处"));
        as(w.assessor).body(Map.of("verdict", "VALID")).post("/api/v1/sampling/samples/" + first + "/judgement").then()
                .statusCode(409).body("errors[0].field", equalTo("verdict"));
        as(w.assessor).body(Map.of("verdict", "VALID")).post("/api/v1/sampling/samples/999999999/judgement").then()
                .statusCode(404);

        as(w.assessor).queryParam("day", "2026-11-10").queryParam("status", "JUDGED").get("/api/v1/sampling/samples")
                .then().statusCode(200).body("id", equalTo(List.of(first)));
        as(w.assessor).queryParam("day", "2026-11-10").queryParam("status", "UNJUDGED").get("/api/v1/sampling/samples")
                .then().statusCode(200).body("$", hasSize(2));
        as(w.assessor).queryParam("status", "SOMETIMES").get("/api/v1/sampling/samples").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        as(w.assessor).queryParam("day", "10/11/2026").get("/api/v1/sampling/samples").then().statusCode(400)
                .body("errors[0].field", equalTo("day"));
        as(w.city.adminToken()).body(Map.of("share", 1.5, "judgeWorkingDays", 0)).put("/api/v1/sampling/settings")
                .then().statusCode(400).body("errors.field", equalTo(List.of("share", "judgeWorkingDays")));
    }

    @Test
    void unjudged_samples_after_the_deadline_of_three_working_days_are_listed_overdue_to_the_assessor() {
        SamplingWorld w = drawn();
        List<Integer> ids = as(w.reviewer).queryParam("day", "2026-11-10").get("/api/v1/sampling/samples").then()
                .extract().path("id");
        as(w.reviewer).body(Map.of("verdict", "FALSE")).post("/api/v1/sampling/samples/" + ids.get(1) + "/judgement")
                .then().statusCode(200);
        // three working days after the 10th: Wed 11, Thu 12, Fri 13 November, to the end of the working day
        w.at(LocalDate.of(2026, 11, 13), 17, 0);
        as(w.assessor).queryParam("status", "OVERDUE").get("/api/v1/sampling/samples").then().statusCode(200)
                .body("$", empty());
        w.at(LocalDate.of(2026, 11, 16), 9, 0);
        as(w.assessor).queryParam("status", "OVERDUE").get("/api/v1/sampling/samples").then().statusCode(200)
                .body("id", equalTo(List.of(ids.get(0), ids.get(2)))).body("overdue", equalTo(List.of(true, true)));
        // judging an overdue sample is still allowed, and it leaves the list
        as(w.reviewer).body(Map.of("verdict", "VALID")).post("/api/v1/sampling/samples/" + ids.get(0) + "/judgement")
                .then().statusCode(200);
        as(w.assessor).queryParam("status", "OVERDUE").get("/api/v1/sampling/samples").then()
                .body("id", equalTo(List.of(ids.get(2))));
    }

    @Test
    void a_run_scores_the_duplicate_and_false_rates_of_the_judged_samples_worked_example() {
        SamplingWorld w = drawn();
        String district = w.districtOf(w.reports.get(0));
        for (String n : w.reports) {
            assertEquals(district, w.districtOf(n), "neighbouring spots lie in one district");
        }
        JsonPath samples = as(w.reviewer).queryParam("day", "2026-11-10").get("/api/v1/sampling/samples").then()
                .extract().jsonPath();
        List<Integer> ids = samples.getList("id");
        List<String> numbers = samples.getList("caseNumber");
        // of the three samples: two duplicates and one valid → duplicate rate 2/3, false rate 0/3
        String[] verdicts = {"DUPLICATE", "VALID", "DUPLICATE"};
        for (int i = 0; i < 3; i++) {
            as(w.reviewer).body(Map.of("verdict", verdicts[i])).post("/api/v1/sampling/samples/" + ids.get(i)
                    + "/judgement").then().statusCode(200);
        }
        as(w.city.adminToken()).body("""
                {"effectiveFrom": "2026-01-01", "scheme": {"code": "districts", "name": "城区考评", "targets": "DISTRICT",
                 "weightsMustAddUp": true, "components": [{"code": "system", "name": "系统数据", "weight": 1, "items": [
                   {"code": "duplicates", "name": "重复案件率", "indicator": "duplicate-rate", "points": 50,
                    "rule": "proportional-inverse", "noData": "FULL"},
                   {"code": "false", "name": "假错案件率", "indicator": "false-rate", "points": 50,
                    "rule": "proportional-inverse", "noData": "FULL"}]}]}}
                """).put("/api/v1/assessment/schemes/districts").then().statusCode(201);
        w.at(LocalDate.of(2026, 12, 1), 10, 0);
        int run = as(w.assessor).body("{\"scheme\": \"districts\", \"from\": \"2026-11-01\", \"to\": \"2026-12-01\"}")
                .post("/api/v1/assessment/runs").then().statusCode(201).extract().path("id");
        JsonPath card = as(w.assessor).get("/api/v1/assessment/runs/" + run + "/cards/" + district).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(0.6667f, card.getFloat("items.find { it.code == 'duplicates' }.measure.value"));
        assertEquals(3.0f, card.getFloat("items.find { it.code == 'duplicates' }.measure.denominator"));
        // the cases behind the rate, in case-number order (the draw's order depends on the city's seed)
        assertEquals(java.util.stream.Stream.of(numbers.get(0), numbers.get(2)).sorted().toList(),
                card.getList("items.find { it.code == 'duplicates' }.measure.inputs"));
        assertEquals(0.0f, card.getFloat("items.find { it.code == 'false' }.measure.value"));
    }

    @Test
    void another_citys_users_and_other_roles_are_refused_on_every_endpoint() {
        SamplingWorld w = drawn();
        int id = as(w.reviewer).queryParam("day", "2026-11-10").get("/api/v1/sampling/samples").then().extract()
                .path("[0].id");
        clock.reset();
        Api.City other = Api.aCity();
        String otherAssessor = other.userWith("assessor", "assessor");
        String otherReviewer = other.userWith("csup", "city-supervisor");
        w.at(tenthPlus(1), 10, 0);
        // another city sees none of it and cannot judge it
        as(otherReviewer).queryParam("day", "2026-11-10").get("/api/v1/sampling/samples").then().statusCode(200)
                .body("$", empty());
        as(otherAssessor).get("/api/v1/sampling/draws/2026-11-10").then().statusCode(404);
        as(otherReviewer).body(Map.of("verdict", "FALSE")).post("/api/v1/sampling/samples/" + id + "/judgement").then()
                .statusCode(404);
        as(other.adminToken()).get("/api/v1/sampling/settings").then().statusCode(200).body("configured", equalTo(false));
        as(w.reviewer).queryParam("day", "2026-11-10").queryParam("status", "UNJUDGED")
                .get("/api/v1/sampling/samples").then().body("$", hasSize(3));

        // wrong roles
        as(w.supervisor).get("/api/v1/sampling/samples").then().statusCode(403);
        as(w.dispatcher).body(Map.of("verdict", "FALSE")).post("/api/v1/sampling/samples/" + id + "/judgement").then()
                .statusCode(403);
        as(w.supervisor).body(Map.of("verdict", "FALSE")).post("/api/v1/sampling/samples/" + id + "/judgement").then()
                .statusCode(403);
        as(w.reviewer).body(Map.of("day", "2026-11-10")).post("/api/v1/sampling/draws").then().statusCode(403);
        as(w.dispatcher).get("/api/v1/sampling/draws/2026-11-10").then().statusCode(403);
        as(w.assessor).body(Map.of("share", 0.1, "judgeWorkingDays", 2)).put("/api/v1/sampling/settings").then()
                .statusCode(403);
        as(w.dispatcher).get("/api/v1/sampling/settings").then().statusCode(403);
        as(Api.operatorToken()).get("/api/v1/sampling/samples").then().statusCode(401);
    }

    @Test
    void the_demo_pack_brings_the_citys_rule_and_a_bad_rule_is_named() {
        city.gridcity.support.DemoCity demo = city.gridcity.support.DemoCity.from("kcity", packs, provisioning);
        String admin = Api.token(demo.code(), "admin", demo.staffPassword());
        as(admin).get("/api/v1/sampling/settings").then().statusCode(200).body("share", equalTo(0.05f))
                .body("judgeWorkingDays", equalTo(3)).body("configured", equalTo(true));
        assertEquals(List.of("tenant.yaml#/sampling/share"), Sampling.check(new BigDecimal("0.12345"), 3,
                "tenant.yaml#/sampling/share", "tenant.yaml#/sampling/judgeWorkingDays").stream()
                .map(city.gridcity.shared.problem.Problem.FieldError::field).toList());
    }

    /** The world with its reports, the rule at half, and the 10th drawn on the 11th: three samples. */
    private SamplingWorld drawn() {
        SamplingWorld w = new SamplingWorld(clock).withReports();
        as(w.city.adminToken()).body(Map.of("share", 0.5, "judgeWorkingDays", 3)).put("/api/v1/sampling/settings")
                .then().statusCode(200);
        w.at(tenthPlus(1), 9, 0);
        as(w.assessor).body(Map.of("day", "2026-11-10")).post("/api/v1/sampling/draws").then().statusCode(200)
                .body("drawn", equalTo(3));
        return w;
    }

    private static LocalDate tenthPlus(int days) {
        return SamplingWorld.TENTH.plusDays(days);
    }
}
