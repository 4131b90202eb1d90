package city.gridcity.cases;

import static city.gridcity.support.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A walk-through per path of the closed loop, through the API as each role uses it. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class CaseWorkflowTest {

    @Test
    void a_case_goes_round_the_full_loop_and_closes_with_its_history() {
        Loop loop = Loop.aCity();
        String number = loop.report(loop.districtSupervisor, 3, Map.of("address", "和平路12号")).statusCode(201)
                .body("number", matchesPattern("^[A-Z0-9]+-\\d{8}-\\d{6}$"))
                .body("state", equalTo("REPORTED")).body("source", equalTo("district-supervisor"))
                .body("grid.unit", notNullValue()).body("grid.layoutVersion", equalTo(1))
                .body("phase", equalTo("FILING")).body("deadline", notNullValue())
                .extract().path("number");

        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "B")).body("state", equalTo("FILED"))
                .body("limit", equalTo("8 WORKING_HOURS")).body("phase", equalTo("DISPATCH"));
        loop.did(loop.dispatcher, number, "dispatch").body("state", equalTo("DISPATCHED"))
                .body("department", equalTo("sanitation")).body("routedDepartment", equalTo("sanitation"));
        loop.did(loop.handler, number, "accept").body("state", equalTo("IN_DISPOSAL"));
        loop.did(loop.handler, number, "report-back", Map.of("reason", "已修复门锁")).body("state", equalTo("REPORTED_BACK"))
                .body("phase", equalTo("VERIFICATION"));
        loop.did(loop.districtSupervisor, number, "verify-pass").body("state", equalTo("CLOSED"))
                .body("closedAt", notNullValue()).body("solvedLevel", equalTo("CITY")).body("allowedActions", hasSize(0))
                .body("phases.phase", equalTo(List.of("FILING", "DISPATCH", "DISPOSAL", "VERIFICATION")))
                .body("phases.onTime", everyItem(equalTo(true)));

        as(loop.admin()).get("/api/v1/cases/" + number + "/events").then().statusCode(200)
                .body("action", equalTo(List.of("report", "file", "dispatch", "accept", "report-back", "verify-pass")))
                .body("seq", equalTo(List.of(1, 2, 3, 4, 5, 6)))
                .body("to", equalTo(List.of("REPORTED", "FILED", "DISPATCHED", "IN_DISPOSAL", "REPORTED_BACK", "CLOSED")))
                .body("[1].role", equalTo("acceptor")).body("[4].reason", equalTo("已修复门锁"))
                .body("[2].data", containsString("a component goes to its owner"));
    }

    @Test
    void an_acceptor_rejects_a_report_with_a_reason_and_nothing_more_can_happen_to_it() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.resident, 1);
        loop.act(loop.acceptor, number, "reject", Map.of()).statusCode(400).body("errors[0].field", equalTo("reason"));
        loop.get(loop.acceptor, number).body("state", equalTo("REPORTED"));

        loop.did(loop.acceptor, number, "reject", Map.of("reason", "非本市管辖范围的私人设施")).body("state", equalTo("REJECTED"));
        loop.act(loop.dispatcher, number, "dispatch", Map.of()).statusCode(409).body("code", equalTo("action-not-allowed"))
                .body("allowedActions", hasSize(0));
        assertThat(loop.actions(number), contains("report", "reject"));
    }

    @Test
    void a_repeated_report_is_shown_its_original_and_merged_into_it() {
        Loop loop = Loop.aCity();
        String first = loop.reported(loop.districtSupervisor, 2);
        String second = loop.report(loop.resident, 2, Map.of()).statusCode(201)
                .body("possibleDuplicates.number", equalTo(List.of(first)))
                .body("possibleDuplicates[0].distanceM", equalTo(0)).extract().path("number");
        // the resident sees the open case before reporting, too
        as(loop.resident).queryParam("kind", "component").queryParam("classCode", Loop.TOILET)
                .queryParam("lon", loop.spots.get(2)[0] + 0.0001).queryParam("lat", loop.spots.get(2)[1])
                .get("/api/v1/cases/nearby").then().statusCode(200).body("number", hasItem(first));

        loop.act(loop.acceptor, second, "merge", Map.of("duplicateOf", "NOPE-1")).statusCode(400)
                .body("errors[0].field", equalTo("duplicateOf"));
        loop.did(loop.acceptor, second, "merge", Map.of("duplicateOf", first)).body("state", equalTo("MERGED"))
                .body("duplicateOf", equalTo(first));
        // the reporter now follows the original
        loop.get(loop.resident, first).statusCode(200).body("meTooCount", equalTo(1));
    }

    @Test
    void a_resident_says_me_too_once_and_follows_the_case() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 4);
        loop.get(loop.resident, number).statusCode(404);
        Map<String, Object> here = Map.of("lon", loop.spots.get(4)[0] + 0.0001, "lat", loop.spots.get(4)[1]);
        // a case number alone opens nothing: "me too" is for a case near where the resident stands
        as(loop.resident).body(Map.of("lon", loop.spots.get(60)[0], "lat", loop.spots.get(60)[1]))
                .post("/api/v1/cases/" + number + "/me-too").then().statusCode(404);
        as(loop.resident).post("/api/v1/cases/" + number + "/me-too").then().statusCode(400);
        as(loop.resident).body(here).post("/api/v1/cases/" + number + "/me-too").then().statusCode(200)
                .body("meTooCount", equalTo(1)).body("reporter", nullValue());
        as(loop.resident).body(here).post("/api/v1/cases/" + number + "/me-too").then().statusCode(200)
                .body("meTooCount", equalTo(1));
        loop.get(loop.resident, number).statusCode(200);
        // a follower sees what happened, not which staff member did it
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "A"));
        as(loop.resident).get("/api/v1/cases/" + number + "/events").then().statusCode(200)
                .body("action", equalTo(List.of("report", "me-too", "file"))).body("[2].actor", nullValue())
                .body("[1].actor", equalTo("居民张三"));
    }

    @Test
    void a_wrongly_sent_case_is_returned_and_dispatched_again_with_an_override_reason() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 5);
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "A"));
        loop.did(loop.dispatcher, number, "dispatch");
        loop.act(loop.handler, number, "return", Map.of()).statusCode(400).body("errors[0].field", equalTo("reason"));
        loop.did(loop.handler, number, "return", Map.of("reason", "该厕所由园林绿化局管理")).body("state", equalTo("RETURNED"))
                .body("department", nullValue());

        loop.act(loop.dispatcher, number, "dispatch", Map.of("departmentCode", "greening")).statusCode(400)
                .body("errors[0].field", equalTo("reason")).body("detail", containsString("sanitation"));
        loop.act(loop.dispatcher, number, "dispatch", Map.of("departmentCode", "no-such", "reason", "x")).statusCode(400)
                .body("errors[0].field", equalTo("departmentCode"));
        loop.did(loop.dispatcher, number, "dispatch", Map.of("departmentCode", "greening", "reason", "公园内厕所归园林"))
                .body("state", equalTo("DISPATCHED")).body("department", equalTo("greening"))
                .body("routedDepartment", equalTo("sanitation"))
                .body("phases.phase", equalTo(List.of("FILING", "DISPATCH", "DISPOSAL", "DISPATCH", "DISPOSAL")))
                .body("phases[3].attempt", equalTo(2));
        // sanitation's handler no longer acts on it
        loop.act(loop.handler, number, "accept", Map.of()).statusCode(404);
    }

    @Test
    void an_extension_moves_the_disposal_deadline_and_a_refusal_keeps_it() {
        Loop loop = Loop.aCity();
        String number = loop.caseInDisposal(6);
        String before = loop.get(loop.handler, number).extract().path("deadline");
        loop.act(loop.handler, number, "request-extension", Map.of("reason", "需订购配件")).statusCode(400)
                .body("errors[0].field", equalTo("extensionAmount"));
        loop.did(loop.handler, number, "request-extension", Map.of("reason", "需订购配件", "extensionAmount", 2,
                "extensionUnit", "WORKING_DAYS")).body("state", equalTo("EXTENSION_PENDING"));
        loop.act(loop.handler, number, "approve-extension", Map.of()).statusCode(403).body("code", equalTo("role-not-allowed"));
        String after = loop.did(loop.dispatcher, number, "approve-extension").body("state", equalTo("IN_DISPOSAL"))
                .body("phases[2].extendedBy", equalTo("+2 WORKING_DAYS")).extract().path("deadline");
        assertTrue(java.time.Instant.parse(after).isAfter(java.time.Instant.parse(before)), before + " -> " + after);

        loop.did(loop.handler, number, "request-extension", Map.of("reason", "再延", "extensionAmount", 1,
                "extensionUnit", "WORKING_DAYS"));
        loop.did(loop.dispatcher, number, "refuse-extension", Map.of("reason", "时限已足够")).body("state", equalTo("IN_DISPOSAL"))
                .body("deadline", equalTo(after));
    }

    @Test
    void a_failed_verification_sends_the_case_back_as_rework_that_counts_against_the_department() {
        Loop loop = Loop.aCity();
        String number = loop.caseInDisposal(7);
        loop.did(loop.handler, number, "report-back");
        loop.act(loop.districtSupervisor, number, "verify-fail", Map.of()).statusCode(400);
        loop.did(loop.districtSupervisor, number, "verify-fail", Map.of("reason", "门仍无法关闭"))
                .body("state", equalTo("IN_DISPOSAL")).body("reworkCount", equalTo(1))
                .body("phases.phase", equalTo(List.of("FILING", "DISPATCH", "DISPOSAL", "VERIFICATION", "DISPOSAL")))
                .body("phases[4].attempt", equalTo(2)).body("phases[4].department", equalTo("sanitation"));
        loop.did(loop.handler, number, "report-back");
        loop.did(loop.citySupervisor, number, "verify-pass").body("state", equalTo("CLOSED")).body("reworkCount", equalTo(1));
    }

    @Test
    void a_void_needs_the_administrators_approval_and_a_refusal_returns_the_case_where_it_was() {
        Loop loop = Loop.aCity();
        String number = loop.caseInDisposal(8);
        loop.did(loop.dispatcher, number, "request-void", Map.of("reason", "误立案")).body("state", equalTo("VOID_PENDING"));
        loop.act(loop.dispatcher, number, "approve-void", Map.of()).statusCode(403)
                .body("allowedActions", hasSize(0));
        loop.did(loop.admin(), number, "refuse-void", Map.of("reason", "问题属实")).body("state", equalTo("IN_DISPOSAL"))
                .body("phase", equalTo("DISPOSAL"));
        loop.did(loop.acceptor, number, "request-void", Map.of("reason", "重复立案"));
        loop.did(loop.admin(), number, "approve-void").body("state", equalTo("VOIDED")).body("phase", nullValue());
        List<String> actions = loop.actions(number);
        assertThat(actions.subList(actions.size() - 4, actions.size()), contains("request-void", "refuse-void",
                "request-void", "approve-void"));
    }

    @Test
    void a_coordination_whistle_calls_two_departments_and_the_case_is_reported_back_when_both_have_reported() {
        Loop loop = Loop.aCity();
        String water = handlerOf(loop, "water");
        String greening = handlerOf(loop, "greening");
        String number = loop.caseInDisposal(9);
        loop.act(loop.handler, number, "whistle", Map.of("departments", List.of("nowhere"))).statusCode(400)
                .body("errors[0].field", equalTo("departments[0]"));
        loop.did(loop.handler, number, "whistle", Map.of("departments", List.of("water", "greening")))
                .body("state", equalTo("COORDINATING")).body("problemType", equalTo("COORDINATION"))
                .body("participants.department", equalTo(List.of("water", "greening", "sanitation")));
        // a department that was not called in cannot report
        loop.act(handlerOf(loop, "power"), number, "report-part", Map.of()).statusCode(404);

        loop.did(water, number, "join");
        loop.did(water, number, "report-part", Map.of("reason", "已关闭水阀")).body("state", equalTo("COORDINATING"));
        loop.act(water, number, "report-part", Map.of("reason", "again")).statusCode(409);
        loop.did(greening, number, "report-part", Map.of("reason", "已清理绿地")).body("state", equalTo("COORDINATING"));
        loop.did(loop.handler, number, "report-part", Map.of("reason", "已修复")).body("state", equalTo("REPORTED_BACK"));
        loop.did(loop.districtSupervisor, number, "verify-pass").body("solvedLevel", equalTo("CITY"));
        List<String> actions = loop.actions(number);
        assertThat(actions.subList(actions.indexOf("whistle"), actions.size()), contains("whistle", "join", "report-part",
                "report-part", "report-part", "all-reported", "verify-pass"));
        // each called department finds it in its own queue while it runs, and the handler's view lists them
        as(water).get("/api/v1/cases/" + number).then().statusCode(200);
    }

    @Test
    void a_consultation_ends_in_a_recorded_decision_naming_the_responsible_department() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 10);
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "A"));
        loop.did(loop.dispatcher, number, "consult", Map.of("reason", "权属不清：园林与环卫均称不归其管"))
                .body("state", equalTo("IN_CONSULTATION")).body("problemType", equalTo("CONSULTATION"));
        loop.act(loop.dispatcher, number, "decide", Map.of("reason", "会商决定由园林负责")).statusCode(400)
                .body("errors[0].field", equalTo("departmentCode"));
        loop.did(loop.dispatcher, number, "decide", Map.of("departmentCode", "greening", "reason", "三级会商：位于公园内，由园林负责"))
                .body("state", equalTo("DISPATCHED")).body("department", equalTo("greening"));
        as(loop.admin()).get("/api/v1/cases/" + number + "/events").then()
                .body("find { it.action == 'decide' }.reason", equalTo("三级会商：位于公园内，由园林负责"))
                .body("find { it.action == 'decide' }.data", containsString("greening"));
    }

    @Test
    void a_city_supervisor_report_is_a_missed_report_only_when_no_district_report_of_the_problem_exists() {
        Loop loop = Loop.aCity();
        String district = loop.reported(loop.districtSupervisor, 11);
        loop.report(loop.citySupervisor, 11, Map.of()).statusCode(201).body("missedReport", equalTo(false))
                .body("possibleDuplicates.number", hasItem(district));
        var elsewhere = loop.report(loop.citySupervisor, 40, Map.of()).statusCode(201).body("missedReport", equalTo(true))
                .body("source", equalTo("city-supervisor")).extract();
        assertThat(elsewhere.<String>path("missedDistrict"), equalTo(elsewhere.<String>path("grid.district")));
        // a city supervisor cannot file through the district's source
        loop.report(loop.citySupervisor, 12, Map.of("source", "district-supervisor")).statusCode(403)
                .body("code", equalTo("source-not-yours"));
    }

    @Test
    void an_action_out_of_turn_or_by_the_wrong_role_is_refused_with_the_allowed_actions_and_changes_nothing() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 13);
        int version = loop.get(loop.acceptor, number).extract().path("version");
        loop.act(loop.dispatcher, number, "dispatch", Map.of()).statusCode(409).body("code", equalTo("action-not-allowed"))
                .body("allowedActions", hasSize(0)).body("detail", containsString("待受理"));
        loop.act(loop.dispatcher, number, "file", Map.of("conditionCode", "A")).statusCode(403)
                .body("code", equalTo("role-not-allowed")).body("allowedActions", hasSize(0));
        // a department that cannot see the case is told it does not exist
        loop.act(loop.handler, number, "file", Map.of("conditionCode", "A")).statusCode(404);
        loop.act(loop.acceptor, number, "dispatch", Map.of()).statusCode(409)
                .body("allowedActions", equalTo(List.of("file", "reject", "merge")));
        loop.act(loop.acceptor, number, "fly", Map.of()).statusCode(400).body("errors[0].field", equalTo("action"));
        loop.act(loop.acceptor, number, "file", Map.of("conditionCode", "Z")).statusCode(400)
                .body("errors[0].field", equalTo("conditionCode"));
        loop.act(loop.acceptor, number, "file", Map.of("conditionCode", "A", "version", 99)).statusCode(409)
                .body("code", equalTo("case-changed"));
        loop.get(loop.acceptor, number).body("state", equalTo("REPORTED")).body("version", equalTo(version));
        assertThat(loop.actions(number), contains("report"));
    }

    @Test
    void bad_reports_get_a_problem_naming_the_field_and_store_nothing() {
        Loop loop = Loop.aCity();
        loop.report(loop.districtSupervisor, 0, Map.of("lon", 10.0, "lat", 10.0)).statusCode(422)
                .body("code", equalTo("outside-city")).body("detail", containsString("测试市"));
        loop.report(loop.districtSupervisor, 0, Map.of("classCode", "9999")).statusCode(400)
                .body("errors[0].field", equalTo("classCode"));
        loop.report(loop.districtSupervisor, 0, Map.of("description", "很".repeat(100_000))).statusCode(400)
                .body("errors[0].field", equalTo("description"));
        loop.report(loop.districtSupervisor, 0, Map.of("kind", "thing")).statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        loop.report(loop.districtSupervisor, 0, Map.of("lat", "north")).statusCode(400);
        loop.report(loop.districtSupervisor, 0, Map.of("source", "pigeon")).statusCode(400)
                .body("errors[0].field", equalTo("source"));
        loop.report(loop.handler, 0, Map.of()).statusCode(403);
        as(loop.acceptor).get("/api/v1/queues/acceptance").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void a_user_of_another_city_cannot_see_or_act_on_a_case() {
        Loop a = Loop.aCity();
        String number = a.reported(a.districtSupervisor, 14);
        Api.City b = Api.aCity();
        String stranger = b.userWith("acceptor", "acceptor");
        as(stranger).get("/api/v1/cases/" + number).then().statusCode(404);
        as(stranger).get("/api/v1/cases/" + number + "/events").then().statusCode(404);
        as(stranger).body(Map.of("action", "file", "conditionCode", "A")).post("/api/v1/cases/" + number + "/actions")
                .then().statusCode(404);
        as(stranger).get("/api/v1/queues/acceptance").then().statusCode(200).body("items.number", not(hasItem(number)));
        a.get(a.acceptor, number).body("state", equalTo("REPORTED"));
    }

    @Test
    void each_role_sees_its_own_queue_soonest_deadline_first_and_filtered() {
        Loop loop = Loop.aCity();
        String first = loop.reported(loop.districtSupervisor, 15);
        String second = loop.reported(loop.districtSupervisor, 16);
        String third = loop.caseInDisposal(17);
        as(loop.acceptor).get("/api/v1/queues/acceptance").then().statusCode(200)
                .body("items.number", equalTo(List.of(first, second)));
        as(loop.acceptor).queryParam("limit", 1).get("/api/v1/queues/acceptance").then()
                .body("items.number", equalTo(List.of(first))).body("next", notNullValue());
        String next = as(loop.acceptor).queryParam("limit", 1).get("/api/v1/queues/acceptance").then().extract().path("next");
        as(loop.acceptor).queryParam("limit", 1).queryParam("after", next).get("/api/v1/queues/acceptance").then()
                .body("items.number", equalTo(List.of(second))).body("next", nullValue());
        String unit = loop.get(loop.acceptor, second).extract().path("grid.unit");
        as(loop.acceptor).queryParam("grid", unit).get("/api/v1/queues/acceptance").then()
                .body("items.number", equalTo(List.of(second)));
        as(loop.handler).get("/api/v1/queues/disposal").then().statusCode(200).body("items.number", equalTo(List.of(third)));
        as(handlerOf(loop, "water")).get("/api/v1/queues/disposal").then().statusCode(200).body("items", hasSize(0));
        as(loop.handler).get("/api/v1/queues/acceptance").then().statusCode(403);
        as(loop.acceptor).queryParam("state", "CLOSED").get("/api/v1/queues/acceptance").then().statusCode(400);
        as(loop.acceptor).queryParam("overdue", true).get("/api/v1/queues/acceptance").then().body("items", hasSize(0));
        as(loop.acceptor).get("/api/v1/queues/nothing").then().statusCode(404);
        as(loop.acceptor).queryParam("after", "garbage").get("/api/v1/queues/acceptance").then().statusCode(400)
                .body("errors[0].field", equalTo("after"));
    }

    @Test
    void the_city_keeps_its_sources_and_limits_as_data() {
        Loop loop = Loop.aCity();
        as(loop.acceptor).get("/api/v1/workflow/sources").then().statusCode(200)
                .body("code", hasItem("hotline-12345")).body("code", hasItem("video-analytics"));
        as(loop.admin()).body(Map.of("nameZh", "城管通APP", "nameEn", "City app", "channel", "STAFF"))
                .put("/api/v1/workflow/sources/city-app").then().statusCode(200).body("reporters", equalTo(List.of("acceptor")));
        loop.report(loop.acceptor, 18, Map.of("source", "city-app")).statusCode(201).body("source", equalTo("city-app"));
        as(loop.admin()).body(Map.of("filingMinutes", 0)).put("/api/v1/workflow/settings").then().statusCode(400)
                .body("errors[0].field", equalTo("filingMinutes"));
        as(loop.admin()).body(Map.of("numberPrefix", "ZZ", "verificationHours", 2)).put("/api/v1/workflow/settings").then()
                .statusCode(200).body("verificationHours", equalTo(2));
        loop.report(loop.districtSupervisor, 19, Map.of()).statusCode(201).body("number", matchesPattern("^ZZ-.*"));
        as(loop.acceptor).body(Map.of("filingMinutes", 5)).put("/api/v1/workflow/settings").then().statusCode(403);
        as(loop.acceptor).get("/api/v1/workflow/transitions").then().statusCode(200)
                .body("find { it.action == 'verify-fail' }.to", equalTo("IN_DISPOSAL"));
    }

    @Test
    void a_whistle_before_dispatch_names_a_lead_and_a_second_whistle_is_a_new_round_everyone_reports_in() {
        Loop loop = Loop.aCity();
        String water = handlerOf(loop, "water");
        String number = loop.reported(loop.districtSupervisor, 41);
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "A"));
        loop.act(loop.dispatcher, number, "whistle", Map.of("departments", List.of("water"))).statusCode(400)
                .body("errors[0].field", equalTo("departmentCode")).body("detail", containsString("sanitation"));
        loop.did(loop.dispatcher, number, "whistle", Map.of("departments", List.of("water"), "departmentCode", "sanitation"))
                .body("state", equalTo("COORDINATING")).body("department", equalTo("sanitation"))
                .body("participants.department", equalTo(List.of("water", "sanitation")));
        loop.did(water, number, "report-part", Map.of("reason", "已关阀"));
        loop.did(loop.handler, number, "report-part", Map.of("reason", "已修复")).body("state", equalTo("REPORTED_BACK"));
        // rework goes to the lead department, which may call the others in again: a new round
        loop.did(loop.districtSupervisor, number, "verify-fail", Map.of("reason", "仍漏水"))
                .body("state", equalTo("IN_DISPOSAL")).body("department", equalTo("sanitation"));
        as(loop.handler).get("/api/v1/queues/disposal").then().body("items.number", hasItem(number));
        loop.did(loop.handler, number, "whistle", Map.of("departments", List.of("water")))
                .body("participants.reportedAt", everyItem(nullValue()));
        loop.did(water, number, "report-part", Map.of("reason", "已更换阀门"));
        loop.did(loop.handler, number, "report-part", Map.of("reason", "复查正常")).body("state", equalTo("REPORTED_BACK"));
    }

    @Test
    void an_emergency_warning_on_a_case_under_way_counts_its_running_phase_in_natural_hours() {
        Loop loop = Loop.aCity();
        String number = loop.caseInDisposal(42);
        String working = loop.get(loop.dispatcher, number).extract().path("deadline");
        loop.act(loop.handler, number, "emergency", Map.of()).statusCode(403);
        String natural = loop.did(loop.dispatcher, number, "emergency").body("state", equalTo("IN_DISPOSAL"))
                .body("problemType", equalTo("EMERGENCY")).body("priority", equalTo("URGENT"))
                .body("phases[2].naturalTime", equalTo(true)).extract().path("deadline");
        String started = loop.get(loop.dispatcher, number).extract().path("phases[2].startedAt");
        // condition A: three working days become 72 natural hours from the start of disposal
        assertThat(java.time.Instant.parse(natural), equalTo(java.time.Instant.parse(started).plus(java.time.Duration.ofHours(72))));
        assertTrue(!natural.equals(working));
        loop.act(loop.dispatcher, number, "emergency", Map.of()).statusCode(409);
    }

    @Test
    void a_nearby_search_without_its_kind_or_with_a_bad_code_is_a_clear_error() {
        Loop loop = Loop.aCity();
        as(loop.resident).queryParam("classCode", Loop.TOILET).queryParam("lon", 118.6).queryParam("lat", 31.8)
                .get("/api/v1/cases/nearby").then().statusCode(400).body("errors[0].field", equalTo("kind"));
        as(loop.resident).queryParam("kind", "event").queryParam("classCode", "12").queryParam("lon", 118.6)
                .queryParam("lat", 31.8).get("/api/v1/cases/nearby").then().statusCode(400)
                .body("errors[0].field", equalTo("classCode"));
    }

    @Test
    void a_citys_sources_limits_and_nearby_cases_are_its_own() {
        Loop a = Loop.aCity();
        String number = a.reported(a.districtSupervisor, 43);
        Loop b = Loop.aCity();
        as(b.admin()).body(Map.of("nameZh", "B市热线", "nameEn", "B hotline", "channel", "HOTLINE"))
                .put("/api/v1/workflow/sources/b-only").then().statusCode(200);
        as(b.admin()).body(Map.of("numberPrefix", "BB", "filingMinutes", 5)).put("/api/v1/workflow/settings").then()
                .statusCode(200);
        as(a.acceptor).get("/api/v1/workflow/sources").then().body("code", not(hasItem("b-only")));
        as(a.acceptor).get("/api/v1/workflow/settings").then().body("numberPrefix", not(equalTo("BB")))
                .body("filingMinutes", equalTo(30));
        // both test cities lie on the same generated grid: B's resident standing at A's case sees only B's cases
        as(b.resident).queryParam("kind", "component").queryParam("classCode", Loop.TOILET)
                .queryParam("lon", a.spots.get(43)[0]).queryParam("lat", a.spots.get(43)[1])
                .get("/api/v1/cases/nearby").then().statusCode(200).body("number", not(hasItem(number)));
        as(b.resident).body(Map.of("lon", a.spots.get(43)[0], "lat", a.spots.get(43)[1]))
                .post("/api/v1/cases/" + number + "/me-too").then().statusCode(404);
        as(a.resident).queryParam("kind", "component").queryParam("classCode", Loop.TOILET)
                .queryParam("lon", a.spots.get(43)[0]).queryParam("lat", a.spots.get(43)[1])
                .get("/api/v1/cases/nearby").then().statusCode(200).body("number", hasItem(number));
    }

    static String handlerOf(Loop loop, String department) {
        String username = "h-" + department;
        as(loop.admin()).body(Map.of("username", username, "password", Api.PASSWORD, "displayName", department + "处置员",
                "roles", List.of("department-handler"), "departmentCode", department)).post("/api/v1/users").then()
                .statusCode(201);
        return Api.token(loop.city.code(), username, Api.PASSWORD);
    }

    static LocalDate today() {
        return LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
    }
}
