package city.gridcity.cases.facts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.cases.CaseAction;
import city.gridcity.cases.CasePhase;
import city.gridcity.cases.CaseSource;
import city.gridcity.cases.CaseState;
import city.gridcity.cases.CityCase;
import city.gridcity.catalog.CatalogClass;
import city.gridcity.department.Department;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fold and the solved level as plain rules, with moments a person can add up. */
class CaseFactsFoldTest {

    static final Instant T = Instant.parse("2026-10-12T01:00:00Z");

    /** Sanitation is a district department, water a city one, anything else unknown. */
    static final CaseFactsFold.Lookups CITY = new CaseFactsFold.Lookups() {
        @Override
        public Optional<Department.Kind> departmentKind(String code) {
            return switch (code) {
                case "sanitation" -> Optional.of(Department.Kind.DISTRICT_DEPARTMENT);
                case "water" -> Optional.of(Department.Kind.CITY_DEPARTMENT);
                case "committee" -> Optional.of(Department.Kind.COMMUNITY_COMMITTEE);
                default -> Optional.empty();
            };
        }

        @Override
        public Optional<CaseSource.Channel> channelOf(String caseNumber) {
            return Optional.of(CaseSource.Channel.DISTRICT_SUPERVISOR);
        }
    };

    @Test
    void the_solved_level_is_the_grid_on_the_spot_and_otherwise_the_highest_department_involved() {
        assertEquals(CityCase.Level.GRID, SolvedLevel.of(true, List.of("water"), CITY::departmentKind));
        assertEquals(CityCase.Level.COMMUNITY, SolvedLevel.of(false, List.of(), CITY::departmentKind));
        assertEquals(CityCase.Level.COMMUNITY, SolvedLevel.of(false, List.of("committee"), CITY::departmentKind));
        assertEquals(CityCase.Level.DISTRICT, SolvedLevel.of(false, List.of("committee", "sanitation"), CITY::departmentKind));
        assertEquals(CityCase.Level.CITY, SolvedLevel.of(false, List.of("sanitation", "water"), CITY::departmentKind));
        assertEquals(CityCase.Level.CITY, SolvedLevel.of(false, List.of("gone"), CITY::departmentKind));
        assertEquals(CityCase.Level.DISTRICT, SolvedLevel.levelOf(Department.Kind.PLATFORM_COMPANY));
        assertEquals(CityCase.Level.STREET, SolvedLevel.levelOf(Department.Kind.STREET_OFFICE));
    }

    @Test
    void a_suspension_counts_its_natural_seconds_until_the_event_that_ends_it_and_extensions_add_up_by_unit() {
        CaseFacts f = CaseFactsFold.start(aCase(CaseSource.Channel.DISTRICT_SUPERVISOR),
                step(CaseAction.REPORT, null, CaseState.REPORTED, 0, Map.of()));
        apply(f, CaseAction.FILE, CaseState.REPORTED, CaseState.FILED, 600, Map.of("condition", "B", "problemType", "ORDINARY"));
        apply(f, CaseAction.DISPATCH, CaseState.FILED, CaseState.DISPATCHED, 900,
                Map.of("department", "sanitation", "routedTo", "sanitation"));
        apply(f, CaseAction.ACCEPT, CaseState.DISPATCHED, CaseState.IN_DISPOSAL, 1000, Map.of());
        apply(f, CaseAction.APPROVE_EXTENSION, CaseState.EXTENSION_PENDING, CaseState.IN_DISPOSAL, 1100,
                Map.of("extension", "2 WORKING_DAYS"));
        apply(f, CaseAction.APPROVE_EXTENSION, CaseState.EXTENSION_PENDING, CaseState.IN_DISPOSAL, 1200,
                Map.of("extension", "4 NATURAL_HOURS"));
        apply(f, CaseAction.APPROVE_SUSPENSION, CaseState.SUSPENSION_PENDING, CaseState.SUSPENDED, 2000, Map.of());
        // a void asked while suspended keeps the suspension running; refused, it goes on
        apply(f, CaseAction.REQUEST_VOID, CaseState.SUSPENDED, CaseState.VOID_PENDING, 2500, Map.of());
        apply(f, CaseAction.REFUSE_VOID, CaseState.VOID_PENDING, CaseState.SUSPENDED, 2600, Map.of());
        assertEquals(T.plusSeconds(2000), f.suspendedSince);
        apply(f, CaseAction.RESUME, CaseState.SUSPENDED, CaseState.IN_DISPOSAL, 2000 + 3 * 86_400, Map.of());

        assertEquals(3 * 86_400, f.suspendedSeconds);
        assertNull(f.suspendedSince);
        assertEquals(1, f.suspensionCount);
        assertEquals(2, f.extensionCount);
        assertEquals(2, f.extensionWorkingDays);
        assertEquals(4, f.extensionHours);
        assertEquals(10, f.eventCount);
        assertEquals("B", f.conditionCode);
        assertEquals("sanitation", f.responsibleDepartment);
    }

    @Test
    void a_return_leaves_the_case_with_nobody_and_a_whistle_adds_each_department_once() {
        CaseFacts f = CaseFactsFold.start(aCase(CaseSource.Channel.CITY_SUPERVISOR),
                step(CaseAction.REPORT, null, CaseState.REPORTED, 0, Map.of()));
        assertTrue(f.missedReport, "no district report was found");
        apply(f, CaseAction.DISPATCH, CaseState.FILED, CaseState.DISPATCHED, 10, Map.of("department", "water", "routedTo", "water"));
        apply(f, CaseAction.RETURN, CaseState.DISPATCHED, CaseState.RETURNED, 20, Map.of("returnedBy", "water"));
        assertNull(f.responsibleDepartment);
        apply(f, CaseAction.WHISTLE, CaseState.RETURNED, CaseState.COORDINATING, 30,
                Map.of("lead", "sanitation", "departments", List.of("committee", "sanitation")));
        apply(f, CaseAction.WHISTLE, CaseState.IN_DISPOSAL, CaseState.COORDINATING, 40,
                Map.of("departments", List.of("water", "sanitation")));
        apply(f, CaseAction.VERIFY_PASS, CaseState.REPORTED_BACK, CaseState.CLOSED, 50, Map.of());

        assertArrayEquals(new String[] {"water"}, f.returnedBy);
        assertArrayEquals(new String[] {"committee", "sanitation", "water"}, f.participants);
        assertEquals("sanitation", f.responsibleDepartment);
        assertEquals(T.plusSeconds(10), f.dispatchedAt, "the first dispatch; a whistle does not move it");
        assertEquals(CityCase.Level.CITY, f.solvedLevel);
        assertEquals(CityCase.ProblemType.COORDINATION, f.problemType);
        assertFalse(f.open);
    }

    @Test
    void a_solved_level_in_the_close_event_is_taken_as_written() {
        CaseFacts f = CaseFactsFold.start(aCase(CaseSource.Channel.VOLUNTEER),
                step(CaseAction.SELF_REPORT, null, CaseState.SELF_HANDLING, 0, Map.of()));
        apply(f, CaseAction.SELF_CLOSE, CaseState.SELF_HANDLING, CaseState.CLOSED, 60,
                Map.of("auditSampled", true, "solvedLevel", "GRID"));
        assertEquals(CityCase.Level.GRID, f.solvedLevel);
        assertTrue(f.auditSampled);
        apply(f, CaseAction.AUDIT_FAIL, CaseState.CLOSED, CaseState.REPORTED, 70, Map.of());
        assertFalse(f.selfHandled);
        assertNull(f.closedAt);
        assertNull(f.solvedLevel);
        assertEquals("FAIL", f.auditResult);
    }

    @Test
    void ratings_count_per_answer_and_an_accepted_reopen_is_rework_that_unsets_the_close() {
        CaseFacts f = CaseFactsFold.start(aCase(CaseSource.Channel.RESIDENT),
                step(CaseAction.REPORT, null, CaseState.REPORTED, 0, Map.of()));
        apply(f, CaseAction.DISPATCH, CaseState.FILED, CaseState.DISPATCHED, 10, Map.of("department", "sanitation"));
        apply(f, CaseAction.VERIFY_PASS, CaseState.REPORTED_BACK, CaseState.CLOSED, 100, Map.of("solvedLevel", "DISTRICT"));
        apply(f, CaseAction.RATE, CaseState.CLOSED, CaseState.CLOSED, 200, Map.of("solved", true, "satisfaction", "SATISFIED"));
        apply(f, CaseAction.RATE, CaseState.CLOSED, CaseState.CLOSED, 300,
                Map.of("solved", false, "satisfaction", "DISSATISFIED", "comment", "门还是坏的"));
        apply(f, CaseAction.REQUEST_REOPEN, CaseState.CLOSED, CaseState.REOPEN_PENDING, 300, Map.of());
        apply(f, CaseAction.RATE, CaseState.REOPEN_PENDING, CaseState.REOPEN_PENDING, 400,
                Map.of("solved", false, "satisfaction", "BASICALLY_SATISFIED"));
        assertEquals(3, f.ratingCount);
        assertEquals(1, f.satisfiedCount);
        assertEquals(1, f.basicallySatisfiedCount);
        assertEquals(1, f.dissatisfiedCount);
        assertEquals(2, f.notSolvedCount);
        assertEquals(T.plusSeconds(200), f.firstRatedAt);
        assertTrue(f.open, "a reopen request is open again");
        assertEquals(T.plusSeconds(100), f.closedAt, "still closed until the acceptor decides");

        apply(f, CaseAction.ACCEPT_REOPEN, CaseState.REOPEN_PENDING, CaseState.IN_DISPOSAL, 500, Map.of());
        assertEquals(1, f.reopenRequests);
        assertEquals(1, f.reopenAccepted);
        assertEquals(1, f.reworkCount);
        assertNull(f.closedAt);
        assertNull(f.solvedLevel);
        assertEquals("sanitation", f.responsibleDepartment);

        CaseFacts declined = CaseFactsFold.start(aCase(CaseSource.Channel.RESIDENT),
                step(CaseAction.REPORT, null, CaseState.REPORTED, 0, Map.of()));
        apply(declined, CaseAction.VERIFY_PASS, CaseState.REPORTED_BACK, CaseState.CLOSED, 100, Map.of("solvedLevel", "GRID"));
        apply(declined, CaseAction.REQUEST_REOPEN, CaseState.CLOSED, CaseState.REOPEN_PENDING, 200, Map.of());
        apply(declined, CaseAction.DECLINE_REOPEN, CaseState.REOPEN_PENDING, CaseState.CLOSED, 300, Map.of());
        assertEquals(1, declined.reopenDeclined);
        assertEquals(0, declined.reopenAccepted);
        assertEquals(T.plusSeconds(100), declined.closedAt);
        assertFalse(declined.open);
    }

    @Test
    void phase_clocks_are_read_again_exactly_when_the_workflow_moves_them() {
        assertTrue(touches(CaseAction.FILE, CaseState.REPORTED, CaseState.FILED));
        assertTrue(touches(CaseAction.APPROVE_EXTENSION, CaseState.EXTENSION_PENDING, CaseState.IN_DISPOSAL));
        assertTrue(touches(CaseAction.VERIFY_FAIL, CaseState.REPORTED_BACK, CaseState.IN_DISPOSAL));
        assertTrue(touches(CaseAction.APPROVE_VOID, CaseState.VOID_PENDING, CaseState.VOIDED));
        assertTrue(touches(CaseAction.AUDIT_FAIL, CaseState.CLOSED, CaseState.REPORTED));
        assertFalse(touches(CaseAction.REQUEST_VOID, CaseState.IN_DISPOSAL, CaseState.VOID_PENDING));
        assertFalse(touches(CaseAction.REFUSE_VOID, CaseState.VOID_PENDING, CaseState.IN_DISPOSAL));
        assertFalse(touches(CaseAction.WHISTLE, CaseState.IN_DISPOSAL, CaseState.COORDINATING));
        assertFalse(touches(CaseAction.CONSULT, CaseState.FILED, CaseState.IN_CONSULTATION));
        assertFalse(touches(CaseAction.ME_TOO, CaseState.REPORTED, CaseState.REPORTED));
        assertFalse(touches(CaseAction.RATE, CaseState.CLOSED, CaseState.CLOSED));
        assertFalse(touches(CaseAction.REQUEST_REOPEN, CaseState.CLOSED, CaseState.REOPEN_PENDING));
        assertTrue(touches(CaseAction.ACCEPT_REOPEN, CaseState.REOPEN_PENDING, CaseState.IN_DISPOSAL));
    }

    @Test
    void each_phase_keeps_its_attempts_last_deadline_first_overdue_and_is_late_if_any_attempt_was() {
        CaseFacts f = new CaseFacts();
        CaseFactsFold.phases(f, List.of(
                phase(CaseState.Phase.DISPOSAL, 2, 5000, null, null, null),
                phase(CaseState.Phase.DISPOSAL, 1, 3000, 3500L, false, 3100L),
                phase(CaseState.Phase.FILING, 1, 1800, 600L, true, null)));
        assertEquals(2, f.disposalAttempts);
        assertEquals(T.plusSeconds(5000), f.disposalDeadline);
        assertNull(f.disposalEndedAt, "the last attempt runs");
        assertEquals(false, f.disposalOnTime);
        assertEquals(T.plusSeconds(3100), f.disposalOverdueAt);
        assertEquals(true, f.filingOnTime);
        assertEquals(0, f.dispatchAttempts);
        assertNull(f.dispatchOnTime);
    }

    @Test
    void assessment_counts_dispatches_failed_verifications_the_verifier_and_the_last_suspension() {
        CaseFacts f = CaseFactsFold.start(aCase(CaseSource.Channel.DISTRICT_SUPERVISOR),
                step(CaseAction.REPORT, null, CaseState.REPORTED, 0, Map.of()));
        apply(f, CaseAction.DISPATCH, CaseState.FILED, CaseState.DISPATCHED, 10, Map.of("department", "water"));
        apply(f, CaseAction.RETURN, CaseState.DISPATCHED, CaseState.RETURNED, 20, Map.of("returnedBy", "water"));
        apply(f, CaseAction.DISPATCH, CaseState.RETURNED, CaseState.DISPATCHED, 30, Map.of("department", "sanitation"));
        apply(f, CaseAction.APPROVE_SUSPENSION, CaseState.SUSPENSION_PENDING, CaseState.SUSPENDED, 100, Map.of());
        assertEquals(T.plusSeconds(100), f.lastSuspensionFrom);
        assertNull(f.lastSuspensionUntil, "still suspended");
        apply(f, CaseAction.RESUME, CaseState.SUSPENDED, CaseState.IN_DISPOSAL, 400, Map.of());
        CaseFactsFold.apply(f, new CaseFactsFold.Step(CaseAction.VERIFY_FAIL, CaseState.REPORTED_BACK,
                CaseState.IN_DISPOSAL, T.plusSeconds(500), null, Map.of(), 7L), CITY);
        CaseFactsFold.apply(f, new CaseFactsFold.Step(CaseAction.VERIFY_PASS, CaseState.REPORTED_BACK,
                CaseState.CLOSED, T.plusSeconds(600), null, Map.of(), 8L), CITY);

        assertEquals(2, f.dispatchCount, "two dispatches, one of them returned");
        assertEquals(1, f.returnCount);
        assertEquals(1, f.verifyFailCount);
        assertEquals(T.plusSeconds(600), f.lastVerifiedAt);
        assertEquals(8L, f.verifierId, "the last verification's verifier");
        assertEquals(T.plusSeconds(400), f.lastSuspensionUntil);
    }

    @Test
    void the_ended_attempts_of_dispatch_and_verification_are_counted_with_those_on_time() {
        CaseFacts f = new CaseFacts();
        CaseFactsFold.phases(f, List.of(
                phase(CaseState.Phase.DISPATCH, 1, 1000, 1200L, false, 1001L),
                phase(CaseState.Phase.DISPATCH, 2, 3000, 2000L, true, null),
                phase(CaseState.Phase.VERIFICATION, 1, 5000, 4000L, true, null),
                phase(CaseState.Phase.VERIFICATION, 2, 7000, null, null, null)));
        assertEquals(2, f.dispatchEndedCount);
        assertEquals(1, f.dispatchOnTimeCount);
        assertEquals(1, f.verificationEndedCount);
        assertEquals(1, f.verificationOnTimeCount);
    }

    static boolean touches(CaseAction action, CaseState from, CaseState to) {
        return CaseFactsFold.touchesPhases(step(action, from, to, 0, Map.of()));
    }

    static void apply(CaseFacts f, CaseAction action, CaseState from, CaseState to, long second, Map<String, Object> data) {
        CaseFactsFold.apply(f, step(action, from, to, second, data), CITY);
    }

    static CaseFactsFold.Step step(CaseAction action, CaseState from, CaseState to, long second, Map<String, Object> data) {
        return new CaseFactsFold.Step(action, from, to, T.plusSeconds(second), "district-supervisor", data);
    }

    static CasePhase phase(CaseState.Phase phase, int attempt, long deadline, Long ended, Boolean onTime, Long overdue) {
        CasePhase p = new CasePhase();
        p.phase = phase;
        p.attempt = attempt;
        p.deadline = T.plusSeconds(deadline);
        p.endedAt = ended == null ? null : T.plusSeconds(ended);
        p.onTime = onTime;
        p.overdueAt = overdue == null ? null : T.plusSeconds(overdue);
        return p;
    }

    static CityCase aCase(CaseSource.Channel channel) {
        CityCase c = new CityCase();
        c.id = 1L;
        c.number = "KC-20261012-000001";
        c.sourceCode = "patrol";
        c.sourceChannel = channel;
        c.kind = CatalogClass.Kind.COMPONENT;
        c.classCode = "0301";
        c.baseCaseWeight = BigDecimal.ONE;
        c.layoutVersion = 1;
        c.unitCode = "98010101001010101";
        c.managementCode = c.unitCode.substring(0, 14);
        c.communityCode = c.unitCode.substring(0, 12);
        c.streetCode = c.unitCode.substring(0, 9);
        c.districtCode = c.unitCode.substring(0, 6);
        c.reportedAt = T;
        return c;
    }
}
