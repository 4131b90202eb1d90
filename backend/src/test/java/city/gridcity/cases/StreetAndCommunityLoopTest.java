package city.gridcity.cases;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Streets and communities close their own loop (issue #11, 二级闭环 / 社区微循环): a report of a locally solvable
 * subclass is filed, dispatched, disposed of and verified by the community committee or street office of its area,
 * without the centre, and escalates to the district/city loop when the unit returns it, sends it up, or its local
 * limit passes.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class StreetAndCommunityLoopTest {

    /** 暴露垃圾: an event, minor, closed in the community. */
    static final String RUBBISH = "0102";
    /** 道路不洁: an event, closed in the street. */
    static final String DIRTY_ROAD = "0104";

    @Inject
    TestClock clock;

    @Inject
    CaseDeadlineJob job;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A city running local loops: a committee for the community of spot 0, a street office for its street. */
    static final class LocalCity {
        final Loop loop;
        final String community;
        final String street;
        final String committee;
        final String streetOffice;
        final String otherCommittee;

        LocalCity() {
            loop = Loop.aCity();
            // a city-wide receiver, so the notices are written to the outbox
            city.gridcity.integration.OutboxFixtures.subscribe(loop.city, "http://127.0.0.1:9/hook", List.of("*"), null);
            // where spot 0 lies: a staff report there names its community and street
            Map<String, String> grid = loop.report(loop.districtSupervisor, 0, Map.of()).statusCode(201).extract()
                    .path("grid");
            community = grid.get("community");
            street = grid.get("street");
            department("committee-" + community, "测试社区居委会", "COMMUNITY_COMMITTEE", community);
            department("street-" + street, "测试街道办事处", "STREET_OFFICE", street);
            department("committee-other", "另一社区居委会", "COMMUNITY_COMMITTEE", community.substring(0, 9) + "999");
            committee = handler("committee", "committee-" + community);
            streetOffice = handler("street", "street-" + street);
            otherCommittee = handler("other", "committee-other");
            as(loop.admin()).body(Map.of("localLevel", "community", "evidenceAfter", false))
                    .patch("/api/v1/catalog/event/" + RUBBISH).then().statusCode(200).body("localLevel", equalTo("community"));
            as(loop.admin()).body(Map.of("localLevel", "street", "evidenceAfter", false))
                    .patch("/api/v1/catalog/event/" + DIRTY_ROAD).then().statusCode(200);
            as(loop.admin()).body(Map.of("localLoop", true, "localLoopHours", 16)).put("/api/v1/workflow/settings")
                    .then().statusCode(200).body("localLoop", equalTo(true)).body("localLoopHours", equalTo(16));
        }

        private void department(String code, String name, String kind, String area) {
            as(loop.admin()).body(Map.of("code", code, "name", name, "kind", kind, "areaCodes", List.of(area)))
                    .post("/api/v1/departments").then().statusCode(201);
        }

        private String handler(String username, String department) {
            as(loop.admin()).body(Map.of("username", username, "password", Api.PASSWORD, "displayName", username,
                    "roles", List.of("department-handler"), "departmentCode", department))
                    .post("/api/v1/users").then().statusCode(201);
            return Api.token(loop.city.code(), username, Api.PASSWORD);
        }

        /** A report of the event subclass at spot {@code i} by a resident; returns its number. */
        String reported(String classCode, int spot) {
            Map<String, Object> body = new HashMap<>(Map.of("kind", "event", "classCode", classCode,
                    "lon", loop.spots.get(spot)[0], "lat", loop.spots.get(spot)[1], "description", "路边堆了几袋垃圾"));
            return as(loop.resident).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("number");
        }

        List<String> queue(String token, String name) {
            return as(token).get("/api/v1/queues/" + name).then().statusCode(200).extract().path("items.number");
        }
    }

    @Test
    void a_community_level_report_is_filed_dispatched_disposed_of_and_verified_in_the_community_without_the_centre() {
        LocalCity city = new LocalCity();
        Loop loop = city.loop;
        // given a resident's report of exposed rubbish in the committee's community
        String number = city.reported(RUBBISH, 0);
        loop.get(loop.admin(), number).body("localUnit", equalTo("committee-" + city.community))
                .body("localLoop", equalTo(true)).body("localDeadline", notNullValue()).body("escalation", nullValue());
        // then it waits in the committee's local queue, not in the acceptor's
        assertTrue(city.queue(city.committee, "local").contains(number));
        assertFalse(city.queue(loop.acceptor, "acceptance").contains(number));
        assertFalse(city.queue(city.otherCommittee, "local").contains(number));
        loop.get(city.committee, number).body("allowedActions", contains("file", "reject", "escalate"));

        // when the committee files it, dispatches it to itself, disposes of it and verifies it
        loop.did(city.committee, number, "file", Map.of("conditionCode", "A"));
        assertFalse(city.queue(loop.dispatcher, "dispatch").contains(number));
        loop.did(city.committee, number, "dispatch").body("department", equalTo("committee-" + city.community));
        loop.did(city.committee, number, "accept");
        loop.did(city.committee, number, "report-back", Map.of("reason", "已清运"));
        assertFalse(city.queue(loop.districtSupervisor, "verification").contains(number));
        assertTrue(city.queue(city.committee, "local").contains(number));
        loop.did(city.committee, number, "verify-pass");

        // then it closed at community level, every step by the committee's handler
        loop.get(loop.admin(), number).body("state", equalTo("CLOSED")).body("solvedLevel", equalTo("COMMUNITY"))
                .body("escalation", nullValue());
        List<String> roles = as(loop.admin()).get("/api/v1/cases/" + number + "/events").then().statusCode(200)
                .extract().path("role");
        assertEquals(List.of("resident", "department-handler", "department-handler", "department-handler",
                "department-handler", "department-handler"), roles);
    }

    @Test
    void a_street_level_report_closes_in_the_street_with_its_office() {
        LocalCity city = new LocalCity();
        Loop loop = city.loop;
        String number = city.reported(DIRTY_ROAD, 0);
        loop.get(loop.admin(), number).body("localUnit", equalTo("street-" + city.street));
        // the community's committee has no part in a street's loop: it does not even see the case
        loop.act(city.committee, number, "file", Map.of("conditionCode", "A")).statusCode(404);

        loop.did(city.streetOffice, number, "file", Map.of("conditionCode", "A"));
        // the street office may send it to the community's committee, which disposes of it but does not verify it
        loop.act(city.streetOffice, number, "dispatch", Map.of("departmentCode", "committee-" + city.community))
                .statusCode(400).body("errors[0].field", equalTo("reason"));
        loop.did(city.streetOffice, number, "dispatch", Map.of("departmentCode", "committee-" + city.community,
                "reason", "社区就近清扫"));
        loop.did(city.committee, number, "accept");
        loop.did(city.committee, number, "report-back");
        loop.act(city.committee, number, "verify-pass", Map.of()).statusCode(403)
                .body("code", equalTo("not-your-local-loop")).body("allowedActions", equalTo(List.of()));
        loop.did(city.streetOffice, number, "verify-pass");
        // solved by the community's committee, in the street's loop
        loop.get(loop.admin(), number).body("state", equalTo("CLOSED")).body("solvedLevel", equalTo("COMMUNITY"));
        assertFalse(city.queue(city.streetOffice, "local").contains(number));

        // and what the street office disposes of itself is solved at street level
        String own = city.reported(DIRTY_ROAD, 0);
        loop.did(city.streetOffice, own, "file", Map.of("conditionCode", "A"));
        loop.did(city.streetOffice, own, "dispatch").body("department", equalTo("street-" + city.street));
        loop.did(city.streetOffice, own, "accept");
        loop.did(city.streetOffice, own, "report-back");
        loop.did(city.streetOffice, own, "verify-pass");
        loop.get(loop.admin(), own).body("state", equalTo("CLOSED")).body("solvedLevel", equalTo("STREET"));
    }

    @Test
    void a_return_by_the_local_unit_escalates_the_case_to_the_centre_which_solves_it_at_district_level_at_least() {
        LocalCity city = new LocalCity();
        Loop loop = city.loop;
        String number = city.reported(DIRTY_ROAD, 0);
        loop.did(city.streetOffice, number, "file", Map.of("conditionCode", "A"));
        loop.did(city.streetOffice, number, "dispatch");

        // when the street office returns it
        loop.did(city.streetOffice, number, "return", Map.of("reason", "涉及市政道路，超出街道能力"));

        // then the system escalated it right after: the dispatcher has it, the street office no longer does
        loop.get(loop.admin(), number).body("state", equalTo("RETURNED")).body("localLoop", equalTo(false))
                .body("escalation", equalTo("RETURNED"));
        assertEquals(List.of("report", "file", "dispatch", "return", "escalate"), loop.actions(number));
        assertTrue(city.queue(loop.dispatcher, "dispatch").contains(number));
        assertFalse(city.queue(city.streetOffice, "local").contains(number));
        loop.act(city.streetOffice, number, "dispatch", Map.of()).statusCode(403)
                .body("code", equalTo("not-in-local-loop")).body("allowedActions", equalTo(List.of()));
        assertTrue(outboxTypes(loop).contains("case.escalated"));

        // and when the centre sends it back to the street office, it is still solved at district level
        loop.did(loop.dispatcher, number, "dispatch", Map.of("departmentCode", "street-" + city.street,
                "reason", "区级协调后由街道处置"));
        loop.did(city.streetOffice, number, "accept");
        loop.did(city.streetOffice, number, "report-back");
        loop.act(city.streetOffice, number, "verify-pass", Map.of()).statusCode(403);
        loop.did(loop.districtSupervisor, number, "verify-pass");
        loop.get(loop.admin(), number).body("solvedLevel", equalTo("DISTRICT"));
    }

    @Test
    void a_local_loop_whose_time_runs_out_is_escalated_by_the_deadline_job() {
        LocalCity city = new LocalCity();
        Loop loop = city.loop;
        String number = city.reported(RUBBISH, 0);
        Instant deadline = Instant.parse(loop.get(loop.admin(), number).extract().path("localDeadline"));

        // a sweep before the local limit leaves it in the community
        clock.set(deadline.minus(Duration.ofMinutes(1)));
        job.sweepAll();
        loop.get(loop.admin(), number).body("localLoop", equalTo(true));

        // after it, the case is the centre's
        clock.set(deadline.plus(Duration.ofMinutes(1)));
        assertTrue(job.sweepAll().escalated() >= 1);
        loop.get(loop.admin(), number).body("state", equalTo("REPORTED")).body("localLoop", equalTo(false))
                .body("escalation", equalTo("OVERDUE"));
        assertTrue(city.queue(loop.acceptor, "acceptance").contains(number));
        loop.act(city.committee, number, "file", Map.of("conditionCode", "A")).statusCode(403)
                .body("code", equalTo("not-in-local-loop"));
        // and a second sweep does not escalate it again
        job.sweepAll();
        assertEquals(List.of("report", "escalate"), loop.actions(number));
    }

    @Test
    void the_local_unit_may_send_a_case_up_by_itself_with_a_reason() {
        LocalCity city = new LocalCity();
        Loop loop = city.loop;
        String number = city.reported(RUBBISH, 0);
        loop.did(city.committee, number, "file", Map.of("conditionCode", "A"));
        loop.act(city.committee, number, "escalate", Map.of()).statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        loop.did(city.committee, number, "escalate", Map.of("reason", "垃圾量大，需区环卫清运"));
        loop.get(loop.admin(), number).body("state", equalTo("FILED")).body("escalation", equalTo("BY_UNIT"));
        assertTrue(city.queue(loop.dispatcher, "dispatch").contains(number));
        // once escalated there is nothing more to escalate
        loop.act(city.committee, number, "escalate", Map.of("reason", "再次")).statusCode(403);
    }

    @Test
    void another_units_handler_and_a_wrong_role_are_refused_with_the_allowed_actions_and_another_city_sees_nothing() {
        LocalCity city = new LocalCity();
        Loop loop = city.loop;
        String number = city.reported(RUBBISH, 0);

        // a handler of another committee: may not see the case, nor take it from its queue
        loop.act(city.otherCommittee, number, "file", Map.of("conditionCode", "A")).statusCode(404);
        // a handler of a department that is not local (sanitation) cannot file even what it sees
        loop.act(loop.handler, number, "file", Map.of("conditionCode", "A")).statusCode(404);
        // the committee's handler may not accept (no department has the case yet): wrong state, allowed actions named
        loop.act(city.committee, number, "accept", Map.of()).statusCode(409)
                .body("allowedActions", contains("file", "reject", "escalate"));
        // the reporting resident (wrong role) may not file, and is told what they may do
        loop.act(loop.resident, number, "file", Map.of("conditionCode", "A")).statusCode(403)
                .body("code", equalTo("role-not-allowed")).body("allowedActions", equalTo(List.of()));
        as(loop.resident).get("/api/v1/queues/local").then().statusCode(403);
        as(loop.acceptor).get("/api/v1/queues/local").then().statusCode(403);

        // a user of another city: the case does not exist for them, and their local queue is their own
        LocalCity other = new LocalCity();
        as(other.committee).get("/api/v1/cases/" + number).then().statusCode(404);
        other.loop.act(other.committee, number, "file", Map.of("conditionCode", "A")).statusCode(404);
        other.loop.act(other.committee, number, "escalate", Map.of("reason", "不是本市")).statusCode(404);
        assertFalse(other.queue(other.committee, "local").contains(number));
        loop.get(loop.admin(), number).body("state", equalTo("REPORTED"));
    }

    @Test
    void a_city_without_local_loops_sends_the_same_report_through_the_centre() {
        LocalCity city = new LocalCity();
        Loop loop = city.loop;
        as(loop.admin()).body(Map.of("localLoop", false)).put("/api/v1/workflow/settings").then().statusCode(200);
        String number = city.reported(RUBBISH, 0);
        loop.get(loop.admin(), number).body("localUnit", nullValue()).body("localLoop", equalTo(false));
        assertTrue(city.queue(loop.acceptor, "acceptance").contains(number));
        assertFalse(city.queue(city.committee, "local").contains(number));
        loop.act(city.committee, number, "file", Map.of("conditionCode", "A")).statusCode(404);
    }

    @Test
    void the_catalog_audits_a_change_of_local_level_and_bad_levels_and_hours_are_named() {
        LocalCity city = new LocalCity();
        List<String> fields = as(city.loop.admin()).get("/api/v1/catalog/event/" + RUBBISH + "/audit").then()
                .statusCode(200).extract().path("field");
        assertTrue(fields.contains("localLevel"), fields::toString);
        as(city.loop.admin()).body(Map.of("localLevel", "province")).patch("/api/v1/catalog/event/" + RUBBISH)
                .then().statusCode(400).body("errors[0].field", equalTo("localLevel"));
        as(city.loop.admin()).body(Map.of("localLoopHours", 0)).put("/api/v1/workflow/settings")
                .then().statusCode(400).body("errors[0].field", equalTo("localLoopHours"));
        // only the administrator changes them
        as(city.committee).body(Map.of("localLevel", "none")).patch("/api/v1/catalog/event/" + RUBBISH)
                .then().statusCode(403);
        as(city.loop.dispatcher).body(Map.of("localLoop", false)).put("/api/v1/workflow/settings").then().statusCode(403);
    }

    @Test
    void the_case_page_shows_the_local_unit_and_deadline_and_offers_the_escalation_to_the_unit_only() {
        LocalCity city = new LocalCity();
        String number = city.reported(RUBBISH, 0);
        CasePagesTest.Browser committee = CasePagesTest.Browser.signIn(city.loop.city.code(), "committee");
        String page = committee.get("/console/cases/" + number).then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"local-loop\""), "the local unit");
        assertTrue(page.contains("测试社区居委会"), "named");
        assertTrue(page.contains("id=\"local-deadline\""), "the local deadline");
        assertTrue(page.contains("id=\"form-escalate\""), "the escalation form");
        assertTrue(page.contains("id=\"form-file\""), "the filing form");
        String acceptorPage = CasePagesTest.Browser.signIn(city.loop.city.code(), "acceptor").get("/console/cases/" + number)
                .then().statusCode(200).extract().asString();
        assertFalse(acceptorPage.contains("id=\"form-escalate\""), "no escalation for the centre");
        assertTrue(acceptorPage.contains("id=\"local-loop\""));
        // the committee's work page has its local queue
        String work = committee.get("/console/work").then().statusCode(200).extract().asString();
        assertTrue(work.contains("本地闭环待办"), "the local queue card");
        org.hamcrest.MatcherAssert.assertThat(outboxTypes(city.loop), not(hasItem("case.escalated")));
    }

    private static List<String> outboxTypes(Loop loop) {
        return as(loop.admin()).queryParam("size", 200).get("/api/v1/outbox").then().statusCode(200).extract().path("items.eventType");
    }
}
