package city.gridcity.cases;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What other features read about cases: the case facts of a week, counted by hand. Monday 12 October
 * 2026 (Asia/Shanghai): a case closed on time, one reworked, one left unfiled until the job flags it,
 * a resident's report rejected, one whistled to the water company; the next Monday one more.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class CaseFactsQueriesTest {

    static final String WEEK = "from=2026-10-12&to=2026-10-19";

    @Inject
    TestClock clock;

    @Inject
    CaseDeadlineJob job;

    @Inject
    TenantRunner runner;

    @Inject
    TenantDirectory directory;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    record Week(Loop loop, String closed, String reworked, String unfiled, String rejected, String whistled,
                String nextWeek, java.time.Instant sweptAt) {
    }

    /** One week, made by the first test that asks for it: the tests only read it. */
    private static Week week;

    Week aWeek() {
        if (week == null) {
            week = makeWeek();
        }
        return week;
    }

    Week makeWeek() {
        Loop loop = Loop.aCity();
        String water = CaseWorkflowTest.handlerOf(loop, "water");
        clock.set(CaseDeadlinesTest.local("2026-10-12", "09:00"));
        CaseFactsRebuildTest.rule(loop, "component", Loop.TOILET, 2);

        String closed = loop.reported(loop.districtSupervisor, 0);
        throughDisposal(loop, closed);
        loop.did(loop.districtSupervisor, closed, "verify-pass");

        // a city supervisor's report the district had not made: a missed report
        String reworked = loop.reported(loop.citySupervisor, 1);
        throughDisposal(loop, reworked);
        loop.did(loop.districtSupervisor, reworked, "verify-fail", Map.of("reason", "未修好"));
        loop.did(loop.handler, reworked, "report-back");
        loop.did(loop.districtSupervisor, reworked, "verify-pass");

        String unfiled = loop.reported(loop.districtSupervisor, 2);
        String rejected = loop.reported(loop.resident, 3);
        loop.did(loop.acceptor, rejected, "reject", Map.of("reason", "非城管问题"));

        String whistled = loop.reported(loop.districtSupervisor, 4);
        loop.did(loop.acceptor, whistled, "file", Map.of("conditionCode", "B"));
        loop.did(loop.dispatcher, whistled, "dispatch");
        loop.did(loop.handler, whistled, "accept");
        loop.did(loop.handler, whistled, "whistle", Map.of("departments", List.of("water")));
        loop.did(water, whistled, "report-part", Map.of("reason", "已关阀"));
        loop.did(loop.handler, whistled, "report-part", Map.of("reason", "已修复"));
        loop.did(loop.districtSupervisor, whistled, "verify-pass");

        // the 30 filing minutes of the unfiled report pass
        clock.advance(Duration.ofHours(1));
        java.time.Instant sweptAt = clock.instant();
        sweep(loop);
        clock.set(CaseDeadlinesTest.local("2026-10-19", "09:00"));
        String nextWeek = loop.reported(loop.districtSupervisor, 5);
        clock.reset();
        return new Week(loop, closed, reworked, unfiled, rejected, whistled, nextWeek, sweptAt);
    }

    void throughDisposal(Loop loop, String number) {
        clock.advance(Duration.ofMinutes(5));
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "B"));
        loop.did(loop.dispatcher, number, "dispatch");
        loop.did(loop.handler, number, "accept");
        clock.advance(Duration.ofMinutes(30));
        loop.did(loop.handler, number, "report-back");
    }

    void sweep(Loop loop) {
        TenantRef city = directory.byCode(loop.city.code()).orElseThrow();
        runner.run(city, () -> job.sweep(clock.instant(), ZoneId.of(city.timeZone())));
    }

    @Test
    void the_summary_of_a_week_counts_what_happened_to_its_cases() {
        Week w = aWeek();

        as(w.loop.assessor).get("/api/v1/case-facts/summary?" + WEEK).then().statusCode(200)
                .body("cases", equalTo(5)).body("filed", equalTo(3)).body("dispatched", equalTo(3))
                .body("closed", equalTo(3)).body("closedOnTime", equalTo(3)).body("rejected", equalTo(1))
                .body("merged", equalTo(0)).body("voided", equalTo(0)).body("open", equalTo(1))
                .body("overdue.filing", equalTo(1)).body("overdue.dispatch", equalTo(0))
                .body("overdue.disposal", equalTo(0)).body("reworks", equalTo(1)).body("returns", equalTo(0))
                .body("missedReports", equalTo(1))
                // five toilets of weight 2, three of them closed
                .body("baseCaseWeight", equalTo(10.0f)).body("closedBaseCaseWeight", equalTo(6.0f));
        // the next week holds the one report of Monday 19 October
        as(w.loop.assessor).get("/api/v1/case-facts/summary?from=2026-10-19&to=2026-10-26").then()
                .body("cases", equalTo(1)).body("open", equalTo(1));
        // on the moment of closing: the three closed on Monday 12 October
        as(w.loop.dispatcher).get("/api/v1/case-facts/summary?from=2026-10-12&to=2026-10-13&on=closed").then()
                .body("cases", equalTo(3));
        // the water company took part in one; sanitation answered for three
        as(w.loop.admin()).get("/api/v1/case-facts/summary?" + WEEK + "&department=water").then().body("cases", equalTo(1));
        as(w.loop.admin()).get("/api/v1/case-facts/summary?" + WEEK + "&department=sanitation").then()
                .body("cases", equalTo(3));
        as(w.loop.admin()).get("/api/v1/case-facts/summary?" + WEEK + "&kind=component&classCode=0301").then()
                .body("cases", equalTo(5));
        as(w.loop.admin()).get("/api/v1/case-facts/summary?" + WEEK + "&kind=event").then().body("cases", equalTo(0));
    }

    @Test
    void a_grid_filter_counts_the_cases_located_beneath_the_code() {
        Week w = aWeek();
        List<String> numbers = List.of(w.closed, w.reworked, w.unfiled, w.rejected, w.whistled);
        String district = w.loop.get(w.loop.admin(), w.closed).extract().path("grid.district");
        String street = w.loop.get(w.loop.admin(), w.closed).extract().path("grid.street");
        long inDistrict = numbers.stream().filter(n -> district.equals(w.loop.get(w.loop.admin(), n).extract()
                .path("grid.district"))).count();
        long inStreet = numbers.stream().filter(n -> street.equals(w.loop.get(w.loop.admin(), n).extract()
                .path("grid.street"))).count();

        as(w.loop.assessor).get("/api/v1/case-facts/summary?" + WEEK + "&level=district&code=" + district).then()
                .statusCode(200).body("cases", equalTo((int) inDistrict));
        as(w.loop.assessor).get("/api/v1/case-facts/summary?" + WEEK + "&level=street&code=" + street).then()
                .body("cases", equalTo((int) inStreet));
        as(w.loop.assessor).get("/api/v1/case-facts?" + WEEK + "&level=street&code=" + street).then()
                .body("total", equalTo((int) inStreet)).body("items.grid.street", equalTo(
                        java.util.Collections.nCopies((int) inStreet, street)));
    }

    @Test
    void the_facts_of_a_case_say_who_reported_it_how_it_went_and_who_was_involved() {
        Week w = aWeek();

        as(w.loop.assessor).get("/api/v1/case-facts/" + w.reworked).then().statusCode(200)
                .body("reporterRole", equalTo("city-supervisor")).body("channel", equalTo("CITY_SUPERVISOR"))
                .body("missedReport", equalTo(true)).body("reworks", equalTo(1)).body("disposal.attempts", equalTo(2))
                .body("disposal.onTime", equalTo(true)).body("verification.attempts", equalTo(2))
                .body("responsibleDepartment", equalTo("sanitation")).body("routedDepartment", equalTo("sanitation"))
                .body("state", equalTo("CLOSED")).body("open", equalTo(false)).body("conditionCode", equalTo("B"))
                .body("baseCaseWeight", equalTo(2.0f)).body("eventCount", equalTo(8));
        as(w.loop.assessor).get("/api/v1/case-facts/" + w.unfiled).then()
                .body("filing.overdueAt", equalTo(w.sweptAt.toString())).body("filing.onTime", equalTo(null))
                .body("filing.attempts", equalTo(1)).body("open", equalTo(true));
        as(w.loop.assessor).get("/api/v1/case-facts/" + w.whistled).then()
                .body("participants", equalTo(List.of("water", "sanitation"))).body("problemType", equalTo("COORDINATION"));
        // the level solved at is the workflow's own
        for (String n : List.of(w.closed, w.reworked, w.whistled)) {
            String level = w.loop.get(w.loop.admin(), n).extract().path("solvedLevel");
            as(w.loop.assessor).get("/api/v1/case-facts/" + n).then().body("solvedLevel", equalTo(level));
        }
        as(w.loop.assessor).get("/api/v1/case-facts/" + w.rejected).then().body("reporterRole", equalTo("resident"))
                .body("rejectedAt", org.hamcrest.Matchers.notNullValue()).body("filedAt", equalTo(null));
    }

    @Test
    void the_list_is_paged_in_order_of_reporting() {
        Week w = aWeek();
        as(w.loop.assessor).get("/api/v1/case-facts?" + WEEK + "&size=2").then().statusCode(200)
                .body("total", equalTo(5)).body("items.number", equalTo(List.of(w.closed, w.reworked)));
        as(w.loop.assessor).get("/api/v1/case-facts?" + WEEK + "&size=2&page=2").then()
                .body("items.number", equalTo(List.of(w.whistled)));
        as(w.loop.assessor).get("/api/v1/case-facts?" + WEEK + "&size=2&page=3").then().body("items", hasSize(0));
    }

    @Test
    void a_user_of_another_city_gets_none_of_its_facts() {
        Week w = aWeek();
        Loop other = Loop.aCity();
        as(other.assessor).get("/api/v1/case-facts/" + w.closed).then().statusCode(404);
        as(other.admin()).get("/api/v1/case-facts?" + WEEK).then().statusCode(200).body("total", equalTo(0));
        as(other.admin()).get("/api/v1/case-facts/summary?" + WEEK).then().body("cases", equalTo(0));
        // and the city's own see them
        as(w.loop.citySupervisor).get("/api/v1/case-facts/" + w.closed).then().statusCode(200);
    }

    @Test
    void residents_volunteers_handlers_and_acceptors_are_refused() {
        Loop loop = aWeek().loop;
        for (String token : List.of(loop.resident, loop.volunteer, loop.handler, loop.acceptor)) {
            as(token).get("/api/v1/case-facts/summary?" + WEEK).then().statusCode(403);
            as(token).get("/api/v1/case-facts?" + WEEK).then().statusCode(403);
        }
        city.gridcity.support.Api.json().get("/api/v1/case-facts/summary?" + WEEK).then().statusCode(401);
    }

    @Test
    void bad_parameters_are_answered_400_naming_the_field() {
        Loop loop = aWeek().loop;
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("to=2026-10-19", "from");
        bad.put("from=2026-10-12", "to");
        bad.put("from=2026-10-19&to=2026-10-12", "to");
        bad.put("from=2026-13-01&to=2026-10-12", "from");
        bad.put(WEEK + "&on=yesterday", "on");
        bad.put(WEEK + "&level=planet&code=1", "level");
        bad.put(WEEK + "&level=district", "code");
        bad.put(WEEK + "&code=980101", "level");
        bad.put(WEEK + "&level=street&code=980101", "code");
        bad.put(WEEK + "&kind=vehicle", "kind");
        bad.put(WEEK + "&classCode=12", "classCode");
        bad.put(WEEK + "&page=2147483647", "page");
        bad.put(WEEK + "&page=-1", "page");
        bad.put(WEEK + "&page=first", "page");
        bad.put(WEEK + "&size=0", "size");
        bad.put(WEEK + "&size=201", "size");
        bad.put(WEEK + "&size=99999999999", "size");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            String field = as(loop.assessor).get("/api/v1/case-facts?" + e.getKey()).then().statusCode(400)
                    .contentType("application/problem+json").extract().path("errors[0].field");
            assertEquals(e.getValue(), field, e.getKey());
        }
        as(loop.assessor).get("/api/v1/case-facts/summary?from=2026-10-19&to=2026-10-12").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
    }
}
