package city.gridcity.cases;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The case facts are a function of history: a busy month driven through the real API (filed,
 * rejected, merged, dispatched, returned, extended, suspended and resumed, reworked, self-handled and
 * audited, whistled, consulted, voided, closed on time and late, overdue by the deadline job, rated by
 * residents, reopened at their request or not) leaves
 * facts rows that a rebuild from the events reproduces column by column, and a damaged or lost row
 * is repaired.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class CaseFactsRebuildTest {

    /** 果皮箱: minor, handled on the spot with before and after photos. */
    static final String LITTER_BIN = "0303";

    @Inject
    TestClock clock;

    @Inject
    CaseDeadlineJob job;

    @Inject
    city.gridcity.tenancy.TenantRunner runner;

    @Inject
    city.gridcity.tenancy.TenantDirectory directory;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void a_rebuild_after_a_busy_month_reproduces_every_facts_row_and_repairs_a_damaged_one() throws SQLException {
        // given a month of work in one city
        Loop loop = Loop.aCity();
        Month month = new Month(loop);
        List<String> numbers = month.drive(36);

        List<Map<String, Object>> before = rows(loop.city.code());
        assertEquals(numbers.size() + month.extraCases, before.size(), "one facts row per case");

        // when the facts are rebuilt from history, nothing differs
        as(loop.admin()).post("/api/v1/case-facts/rebuild").then().statusCode(200)
                .body("rebuilt", equalTo(before.size())).body("differed", equalTo(0)).body("missing", equalTo(0))
                .body("examples", hasSize(0));
        assertEquals(before, rows(loop.city.code()));

        // when one row is damaged and another lost, the rebuild names them and puts them right
        String damaged = numbers.get(8);
        String lost = numbers.get(10);
        try (Connection db = PostgresResource.superuser()) {
            update(db, "UPDATE case_facts SET rework_count = 7, disposal_on_time = NULL, participants = '{}' "
                    + "WHERE tenant_id = ? AND number = ?", loop.city.code(), damaged);
            update(db, "DELETE FROM case_facts WHERE tenant_id = ? AND number = ?", loop.city.code(), lost);
        }
        as(loop.admin()).post("/api/v1/case-facts/rebuild").then().statusCode(200)
                .body("differed", equalTo(2)).body("missing", equalTo(1))
                .body("examples.find { it.number == '" + damaged + "' }.fields",
                        equalTo(List.of("disposalOnTime", "reworkCount", "participants")))
                .body("examples.find { it.number == '" + lost + "' }.fields", equalTo(List.of("(missing)")));
        assertEquals(before, rows(loop.city.code()));

        // and when every row is gone, the rebuild alone makes the same rows the events made
        try (Connection db = PostgresResource.superuser()) {
            update(db, "DELETE FROM case_facts WHERE tenant_id = ?", loop.city.code());
        }
        as(loop.admin()).post("/api/v1/case-facts/rebuild").then().statusCode(200)
                .body("missing", equalTo(before.size()));
        assertEquals(before, rows(loop.city.code()));
    }

    @Test
    void the_facts_of_local_loops_closed_in_the_community_or_escalated_are_rebuilt_from_their_events_as_they_were() throws SQLException {
        // given local courses (二级闭环): closed by the committee, escalated on return, by the unit and on overdue
        StreetAndCommunityLoopTest.LocalCity city = new StreetAndCommunityLoopTest.LocalCity();
        Loop loop = city.loop;
        String local = city.reported(StreetAndCommunityLoopTest.RUBBISH, 0);
        loop.did(city.committee, local, "file", Map.of("conditionCode", "A"));
        loop.did(city.committee, local, "dispatch");
        loop.did(city.committee, local, "accept");
        loop.did(city.committee, local, "report-back");
        loop.did(city.committee, local, "verify-pass");
        String returned = city.reported(StreetAndCommunityLoopTest.DIRTY_ROAD, 0);
        loop.did(city.streetOffice, returned, "file", Map.of("conditionCode", "A"));
        loop.did(city.streetOffice, returned, "dispatch");
        loop.did(city.streetOffice, returned, "return", Map.of("reason", "超出街道能力"));
        loop.did(loop.dispatcher, returned, "dispatch", Map.of("departmentCode", "street-" + city.street, "reason", "区级协调"));
        loop.did(city.streetOffice, returned, "accept");
        loop.did(city.streetOffice, returned, "report-back");
        loop.did(loop.districtSupervisor, returned, "verify-pass");
        String sentUp = city.reported(StreetAndCommunityLoopTest.RUBBISH, 0);
        loop.did(city.committee, sentUp, "escalate", Map.of("reason", "需区环卫清运"));
        String late = city.reported(StreetAndCommunityLoopTest.RUBBISH, 0);
        java.time.Instant deadline = java.time.Instant.parse(loop.get(loop.admin(), late).extract().path("localDeadline"));
        clock.set(deadline.plusSeconds(60));
        job.sweepAll();

        List<Map<String, Object>> before = rows(loop.city.code());
        Map<String, Map<String, Object>> byNumber = new HashMap<>();
        before.forEach(r -> byNumber.put((String) r.get("number"), r));
        assertEquals(List.of(true, "committee-" + city.community, "COMMUNITY"), List.of(byNumber.get(local).get("local_loop"),
                byNumber.get(local).get("local_unit"), byNumber.get(local).get("solved_level")));
        assertEquals(null, byNumber.get(local).get("escalation"));
        assertEquals(List.of("RETURNED", "DISTRICT"), List.of(byNumber.get(returned).get("escalation"),
                byNumber.get(returned).get("solved_level")));
        assertEquals("BY_UNIT", byNumber.get(sentUp).get("escalation"));
        assertEquals("OVERDUE", byNumber.get(late).get("escalation"));

        // when the facts are rebuilt from history, nothing differs, and a lost row comes back the same
        as(loop.admin()).post("/api/v1/case-facts/rebuild").then().statusCode(200).body("differed", equalTo(0))
                .body("missing", equalTo(0));
        assertEquals(before, rows(loop.city.code()));
        try (Connection db = PostgresResource.superuser()) {
            update(db, "DELETE FROM case_facts WHERE tenant_id = ?", loop.city.code());
        }
        as(loop.admin()).post("/api/v1/case-facts/rebuild").then().statusCode(200).body("missing", equalTo(before.size()));
        assertEquals(before, rows(loop.city.code()));
    }

    @Test
    void only_the_city_administrator_rebuilds_and_only_their_own_city() {
        Loop a = Loop.aCity();
        a.reported(a.districtSupervisor, 1);
        Loop b = Loop.aCity();
        as(b.assessor).post("/api/v1/case-facts/rebuild").then().statusCode(403);
        as(b.dispatcher).post("/api/v1/case-facts/rebuild").then().statusCode(403);
        as(b.admin()).post("/api/v1/case-facts/rebuild").then().statusCode(200).body("rebuilt", equalTo(0));
        as(a.admin()).post("/api/v1/case-facts/rebuild").then().statusCode(200).body("rebuilt", equalTo(1));
    }

    /** The month: each case follows one of a dozen courses, the clock moving on between steps. */
    final class Month {

        final Loop loop;
        final String water;
        /** Cases reported on the way that are not among the returned numbers (originals of merges). */
        int extraCases;
        int spot;

        Month(Loop loop) {
            this.loop = loop;
            this.water = CaseWorkflowTest.handlerOf(loop, "water");
            as(loop.admin()).body(Map.of("selfHandlingAuditPercent", 100)).put("/api/v1/workflow/settings").then()
                    .statusCode(200);
            // October, after the holiday; the rules in force then are versions made at its start
            clock.set(CaseDeadlinesTest.local("2026-10-12", "08:40"));
            rule(loop, "component", Loop.TOILET, 2);
            rule(loop, "component", LITTER_BIN, 1);
        }

        List<String> drive(int count) {
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                // a new case every few working hours; the courses below move the clock on further
                clock.advance(Duration.ofHours(5));
                numbers.add(course(i % 14));
            }
            // the job flags what is late at the end of the month, e.g. the reports left waiting
            later(Duration.ofDays(2));
            return numbers;
        }

        String course(int which) {
            String dsup = loop.districtSupervisor;
            return switch (which) {
                case 0 -> closed(reported(dsup), Duration.ofMinutes(20));
                case 1 -> closed(reported(dsup), Duration.ofDays(2));
                case 2 -> {
                    String n = reported(loop.resident);
                    loop.did(loop.acceptor, n, "reject", Map.of("reason", "不属于城市管理范围"));
                    yield n;
                }
                case 3 -> {
                    // a city supervisor finds what the district had not reported, then the district reports it
                    // too: the city's report is merged into the district's and is no longer missed
                    int at = nextSpot();
                    String cityReport = loop.reported(loop.citySupervisor, at);
                    later(Duration.ofMinutes(15));
                    String districtReport = loop.reported(dsup, at);
                    extraCases++;
                    loop.did(loop.acceptor, cityReport, "merge", Map.of("duplicateOf", districtReport));
                    yield cityReport;
                }
                case 4 -> {
                    String n = filed(reported(loop.citySupervisor));
                    loop.did(loop.dispatcher, n, "dispatch");
                    loop.did(loop.handler, n, "return", Map.of("reason", "不属于本部门"));
                    later(Duration.ofMinutes(30));
                    loop.did(loop.dispatcher, n, "consult", Map.of("reason", "权属不清"));
                    loop.did(loop.dispatcher, n, "decide", Map.of("departmentCode", "sanitation", "reason", "会商：环卫负责"));
                    loop.did(loop.handler, n, "accept");
                    yield disposed(n);
                }
                case 5 -> {
                    String n = inDisposal(reported(dsup));
                    loop.did(loop.handler, n, "request-extension", Map.of("reason", "需采购配件", "extensionAmount", 2,
                            "extensionUnit", "WORKING_DAYS"));
                    loop.did(loop.dispatcher, n, "approve-extension");
                    loop.did(loop.handler, n, "request-extension", Map.of("reason", "配件未到", "extensionAmount", 4,
                            "extensionUnit", "WORKING_HOURS"));
                    loop.did(loop.dispatcher, n, "refuse-extension", Map.of("reason", "应按期完成"));
                    yield disposed(n);
                }
                case 6 -> {
                    String n = inDisposal(reported(dsup));
                    LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai"));
                    loop.did(loop.handler, n, "request-suspension", Map.of("reason", "待管网改造",
                            "resumeOn", today.plusDays(3).toString()));
                    later(Duration.ofHours(1));
                    loop.did(loop.dispatcher, n, "approve-suspension");
                    // the job resumes it on its date
                    later(Duration.ofDays(3));
                    yield disposed(n);
                }
                case 7 -> {
                    String n = inDisposal(reported(dsup));
                    loop.did(loop.handler, n, "report-back");
                    loop.did(loop.districtSupervisor, n, "verify-fail", Map.of("reason", "仍未修好"));
                    later(Duration.ofHours(2));
                    yield disposed(n);
                }
                case 8 -> {
                    String n = inDisposal(reported(dsup));
                    loop.did(loop.handler, n, "whistle", Map.of("departments", List.of("water")));
                    loop.did(water, n, "join");
                    loop.did(water, n, "report-part", Map.of("reason", "已关阀"));
                    loop.did(loop.handler, n, "report-part", Map.of("reason", "已修复"));
                    loop.did(loop.districtSupervisor, n, "verify-pass");
                    yield n;
                }
                case 12 -> {
                    // a resident rates it not solved; the acceptor reopens it; it closes again
                    String n = closed(reported(loop.resident), Duration.ofHours(1));
                    RatingTest.rate(loop.resident, n).multiPart("solved", "false").multiPart("rating", "dissatisfied")
                            .multiPart("comment", "still broken").post(RatingTest.url(n)).then().statusCode(201);
                    later(Duration.ofHours(1));
                    loop.did(loop.acceptor, n, "accept-reopen");
                    yield disposed(n);
                }
                case 13 -> {
                    // rated not solved, and the reopen request declined: closed as it was
                    String n = closed(reported(loop.resident), Duration.ofHours(1));
                    RatingTest.rate(loop.resident, n).multiPart("solved", "false").multiPart("rating", "basically-satisfied")
                            .multiPart("comment", "not quite").post(RatingTest.url(n)).then().statusCode(201);
                    later(Duration.ofMinutes(20));
                    loop.did(loop.acceptor, n, "decline-reopen", Map.of("reason", "fixed as the standard asks"));
                    yield n;
                }
                case 9 -> selfHandled(true);
                case 10 -> selfHandled(false);
                default -> {
                    String n = filed(reported(dsup));
                    loop.did(loop.dispatcher, n, "dispatch");
                    loop.did(loop.dispatcher, n, "emergency");
                    loop.did(loop.dispatcher, n, "request-void", Map.of("reason", "重复录入"));
                    loop.did(loop.admin(), n, "approve-void");
                    yield n;
                }
            };
        }

        String reported(String token) {
            return loop.reported(token, nextSpot());
        }

        String filed(String number) {
            later(Duration.ofMinutes(10));
            loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "B"));
            return number;
        }

        String inDisposal(String number) {
            filed(number);
            loop.did(loop.dispatcher, number, "dispatch");
            loop.did(loop.handler, number, "accept");
            return number;
        }

        /** Report back and verify after {@code takes}: on time or late against the 8 working hours of condition B. */
        String closed(String number, Duration takes) {
            inDisposal(number);
            later(takes);
            return disposed(number);
        }

        String disposed(String number) {
            loop.did(loop.handler, number, "report-back");
            later(Duration.ofMinutes(30));
            loop.did(loop.districtSupervisor, number, "verify-pass");
            return number;
        }

        String selfHandled(boolean passes) {
            String n = loop.report(loop.volunteer, nextSpot(), Map.of("classCode", LITTER_BIN, "selfHandling", true))
                    .statusCode(201).extract().path("number");
            CasePhotosTest.upload(loop.volunteer, n, "BEFORE", CasePhotosTest.jpeg()).statusCode(201);
            CasePhotosTest.upload(loop.volunteer, n, "AFTER", CasePhotosTest.jpeg()).statusCode(201);
            loop.did(loop.volunteer, n, "self-close");
            later(Duration.ofHours(3));
            if (passes) {
                loop.did(loop.assessor, n, "audit-pass");
            } else {
                loop.did(loop.assessor, n, "audit-fail", Map.of("reason", "照片与现场不符"));
                // left waiting for the acceptor: the job flags its filing overdue
            }
            return n;
        }

        /** Time passes and the deadline job runs in the city (flags overdue phases, resumes suspensions). */
        void later(Duration d) {
            clock.advance(d);
            city.gridcity.tenancy.TenantRef city = directory.byCode(loop.city.code()).orElseThrow();
            runner.run(city, () -> job.sweep(clock.instant(), java.time.ZoneId.of(city.timeZone())));
        }

        int nextSpot() {
            return spot++;
        }
    }

    /** A rule version of the subclass from now on: limits A 3 working days, B 8 working hours. */
    static void rule(Loop loop, String kind, String code, int weight) {
        as(loop.admin()).body(Map.of("baseCaseWeight", weight, "conditions", List.of(
                Map.of("code", "A", "text", "损坏、缺失", "limit", Map.of("amount", 3, "unit", "WORKING_DAYS"), "closing", "修复完好"),
                Map.of("code", "B", "text", "污损", "limit", Map.of("amount", 8, "unit", "WORKING_HOURS"), "closing", "清洁完好"))))
                .post("/api/v1/catalog/" + kind + "/" + code + "/rules").then().statusCode(201);
    }

    /** Every facts row of the city, every column, by case: arrays as lists, so rows compare by value. */
    static List<Map<String, Object>> rows(String city) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection db = PostgresResource.superuser();
             PreparedStatement s = db.prepareStatement("SELECT * FROM case_facts WHERE tenant_id = ? ORDER BY case_id")) {
            s.setString(1, city);
            try (ResultSet r = s.executeQuery()) {
                ResultSetMetaData meta = r.getMetaData();
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        Object value = r.getObject(c);
                        row.put(meta.getColumnName(c), value instanceof Array a ? Arrays.asList((Object[]) a.getArray()) : value);
                    }
                    rows.add(row);
                }
            }
        }
        assertTrue(rows.stream().allMatch(r -> r.get("event_count") != null));
        return rows;
    }

    static void update(Connection db, String sql, String... values) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }
}
