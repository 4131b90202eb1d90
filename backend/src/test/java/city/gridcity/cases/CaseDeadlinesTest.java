package city.gridcity.cases;

import static city.gridcity.support.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.integration.OutboxFixtures;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Phase limits on the city's working calendar, with the service's clock set to chosen moments around
 * the 2026 National Day holiday (1-7 October; Saturday 10 October is a make-up working day).
 * Working time is 08:30-12:00 and 13:30-17:30, Asia/Shanghai (UTC+8).
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class CaseDeadlinesTest {

    static final Map<String, Object> NATIONAL_DAY = Map.of(
            "holidays", List.of(Map.of("date", "2026-10-01", "name", "国庆节"), Map.of("date", "2026-10-02", "name", "国庆节"),
                    Map.of("date", "2026-10-03", "name", "国庆节"), Map.of("date", "2026-10-04", "name", "国庆节"),
                    Map.of("date", "2026-10-05", "name", "国庆节"), Map.of("date", "2026-10-06", "name", "国庆节"),
                    Map.of("date", "2026-10-07", "name", "国庆节")),
            "workdays", List.of(Map.of("date", "2026-09-20", "name", "调休上班"), Map.of("date", "2026-10-10", "name", "调休上班")));

    @Inject
    TestClock clock;

    @Inject
    CaseDeadlineJob job;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A city whose toilet rule is in force from the (test) moment it is set, on a calendar with National Day. */
    Loop aCityOnSeptember30At(String localTime) {
        Loop loop = Loop.aCity();
        // a city-wide receiver, so reminders and overdue notices are written to the outbox
        OutboxFixtures.subscribe(loop.city, "http://127.0.0.1:9/hook", List.of("*"), null);
        as(loop.admin()).body(NATIONAL_DAY).put("/api/v1/calendar/years/2026").then().statusCode(200);
        clock.set(local("2026-09-30", localTime));
        as(loop.admin()).body(Map.of("baseCaseWeight", 1, "conditions", List.of(
                Map.of("code", "A", "text", "公共厕所损坏、缺失", "limit", Map.of("amount", 3, "unit", "WORKING_DAYS"),
                        "closing", "公共厕所修复完好"),
                Map.of("code", "B", "text", "公共厕所污损", "limit", Map.of("amount", 8, "unit", "WORKING_HOURS"),
                        "closing", "公共厕所清洁完好")))).post("/api/v1/catalog/component/" + Loop.TOILET + "/rules")
                .then().statusCode(201);
        return loop;
    }

    @Test
    void a_disposal_limit_of_eight_working_hours_runs_across_the_national_day_holiday() {
        Loop loop = aCityOnSeptember30At("14:00");
        String number = loop.report(loop.districtSupervisor, 30, Map.of()).statusCode(201)
                .body("deadline", equalTo(local("2026-09-30", "14:30").toString())).extract().path("number");

        // the reminder comes at 80% of the 30 filing minutes, the overdue flag after the limit
        clock.set(local("2026-09-30", "14:25"));
        job.sweepAll();
        loop.get(loop.acceptor, number).body("overdue", equalTo(false));
        assertThat(outboxTypes(loop), hasItem("case.reminder"));
        clock.set(local("2026-09-30", "14:40"));
        job.sweepAll();
        loop.get(loop.acceptor, number).body("overdue", equalTo(true));
        as(loop.acceptor).queryParam("overdue", true).get("/api/v1/queues/acceptance").then()
                .body("items.number", equalTo(List.of(number)));

        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "B")).body("overdue", equalTo(false))
                .body("phases[0].onTime", equalTo(false)).body("phases[0].overdueAt", equalTo(local("2026-09-30", "14:40")
                        .toString()));
        clock.set(local("2026-09-30", "14:50"));
        // 14:50-17:30 is 2 h 40 min; 1-7 October rest; 8 October 08:30-12:00 is 3 h 30 min; 13:30 + 1 h 50 min = 15:20
        loop.did(loop.dispatcher, number, "dispatch").body("deadline", equalTo(local("2026-10-08", "15:20").toString()))
                .body("phases[1].onTime", equalTo(true));
    }

    @Test
    void a_suspension_stops_the_clock_and_resumption_on_its_date_restarts_it_with_the_time_that_was_left() {
        Loop loop = aCityOnSeptember30At("14:00");
        String number = loop.reported(loop.districtSupervisor, 31);
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "B"));
        clock.set(local("2026-09-30", "14:50"));
        loop.did(loop.dispatcher, number, "dispatch");
        loop.did(loop.handler, number, "accept");
        loop.act(loop.handler, number, "request-suspension", Map.of("reason", "需待节后管网改造", "resumeOn", "2026-09-29"))
                .statusCode(400).body("errors[0].field", equalTo("resumeOn"));
        loop.did(loop.handler, number, "request-suspension", Map.of("reason", "需待节后管网改造", "resumeOn", "2026-10-09"))
                .body("state", equalTo("SUSPENSION_PENDING"));
        clock.set(local("2026-09-30", "15:00"));
        // 7 h 50 min of working time are left: 15:00-17:30, 8 October 3 h 30 min and 1 h 50 min
        loop.did(loop.dispatcher, number, "approve-suspension").body("state", equalTo("SUSPENDED"))
                .body("deadline", nullValue()).body("suspendedUntil", equalTo("2026-10-09"));

        clock.set(local("2026-10-08", "18:00"));
        job.sweepAll();
        loop.get(loop.handler, number).body("state", equalTo("SUSPENDED")).body("overdue", equalTo(false));

        clock.set(local("2026-10-09", "09:00"));
        job.sweepAll();
        // 9 October 09:00-12:00 (3 h) and 13:30-17:30 (4 h), then 50 min on Saturday 10 October, a make-up working day
        loop.get(loop.handler, number).body("state", equalTo("IN_DISPOSAL"))
                .body("deadline", equalTo(local("2026-10-10", "09:20").toString()));
        List<String> actions = loop.actions(number);
        assertEquals("resume", actions.get(actions.size() - 1));
        as(loop.admin()).get("/api/v1/cases/" + number + "/events").then()
                .body("find { it.action == 'resume' }.role", equalTo("system"));
    }

    @Test
    void a_case_voided_while_suspended_with_time_left_ends_its_disposal_on_time() {
        Loop loop = aCityOnSeptember30At("14:00");
        String number = loop.reported(loop.districtSupervisor, 34);
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "B"));
        loop.did(loop.dispatcher, number, "dispatch");
        loop.did(loop.handler, number, "accept");
        loop.did(loop.handler, number, "request-suspension", Map.of("reason", "待改造", "resumeOn", "2026-11-30"));
        loop.did(loop.dispatcher, number, "approve-suspension");
        clock.set(local("2026-10-20", "10:00"));
        loop.did(loop.dispatcher, number, "request-void", Map.of("reason", "设施已拆除"));
        loop.did(loop.admin(), number, "approve-void").body("state", equalTo("VOIDED"))
                .body("phases[2].onTime", equalTo(true)).body("suspendedUntil", nullValue());
    }

    @Test
    void an_emergency_counts_its_limit_in_natural_hours_through_the_holiday() {
        Loop loop = aCityOnSeptember30At("16:00");
        String number = loop.reported(loop.districtSupervisor, 32);
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "A", "problemType", "EMERGENCY"))
                .body("problemType", equalTo("EMERGENCY")).body("priority", equalTo("URGENT"))
                // dispatch within 30 natural minutes
                .body("deadline", equalTo(local("2026-09-30", "16:30").toString()));
        loop.did(loop.dispatcher, number, "dispatch")
                // three working days become 72 natural hours
                .body("deadline", equalTo(local("2026-10-03", "16:00").toString()))
                .body("phases[2].naturalTime", equalTo(true));
    }

    @Test
    void an_approved_extension_adds_working_days_to_the_limit_as_it_stood() {
        Loop loop = aCityOnSeptember30At("14:00");
        String number = loop.reported(loop.districtSupervisor, 33);
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "B"));
        clock.set(local("2026-09-30", "14:50"));
        loop.did(loop.dispatcher, number, "dispatch");
        loop.did(loop.handler, number, "accept");
        loop.did(loop.handler, number, "request-extension", Map.of("reason", "配件节后到货", "extensionAmount", 1,
                "extensionUnit", "WORKING_DAYS"));
        clock.advance(Duration.ofMinutes(5));
        // 8 October 15:20 plus one working day (7 h 30 min): 17:30 is 2 h 10 min, then 9 October 08:30 + 5 h 20 min
        loop.did(loop.dispatcher, number, "approve-extension")
                .body("deadline", equalTo(local("2026-10-09", "15:20").toString()));
    }

    List<String> outboxTypes(Loop loop) {
        return as(loop.admin()).queryParam("size", 100).get("/api/v1/outbox").then().statusCode(200).extract()
                .path("items.eventType");
    }

    static Instant local(String day, String time) {
        return java.time.LocalDateTime.parse(day + "T" + time).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
    }
}
