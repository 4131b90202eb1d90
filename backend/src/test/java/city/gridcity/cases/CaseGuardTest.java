package city.gridcity.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.identity.Role;
import city.gridcity.shared.problem.ProblemException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Worked examples of each guard of the transition table, without the container. */
class CaseGuardTest {

    private static final Actor HANDLER_A = new Actor(7L, "处置员甲", Set.of(Role.DEPARTMENT_HANDLER), "dept-a");
    private static final Actor HANDLER_B = new Actor(8L, "处置员乙", Set.of(Role.DEPARTMENT_HANDLER), "dept-b");
    private static final Actor DISPATCHER = new Actor(9L, "派遣员", Set.of(Role.DISPATCHER), null);
    private static final Actor SUPERVISOR = new Actor(10L, "监督员", Set.of(Role.DISTRICT_SUPERVISOR), null);
    private static final Actor RESIDENT = new Actor(11L, "居民", Set.of(Role.RESIDENT), null);

    private static CityCase aCaseWith(String department) {
        CityCase c = new CityCase();
        c.number = "KC-20261201-000001";
        c.classCode = "0102";
        c.departmentCode = department;
        c.reporterId = SUPERVISOR.id();
        return c;
    }

    private static Optional<ProblemException> check(CaseGuard guard, CityCase c, Actor actor, String reason,
                                                    Set<String> participants, int before, int after, boolean evidence) {
        return guard.check(new CaseGuard.GuardFacts(c, actor, reason, participants, before, after, evidence, false));
    }

    @Test
    void a_reason_must_be_more_than_blanks() {
        CityCase c = aCaseWith("dept-a");
        assertEquals("reason", check(CaseGuard.REASON_GIVEN, c, HANDLER_A, "  ", Set.of(), 0, 0, false).orElseThrow()
                .errors().get(0).field());
        assertTrue(check(CaseGuard.REASON_GIVEN, c, HANDLER_A, "不属于本部门", Set.of(), 0, 0, false).isEmpty());
    }

    @Test
    void a_department_acts_only_on_its_own_cases_and_the_dispatcher_on_any() {
        CityCase c = aCaseWith("dept-a");
        assertTrue(check(CaseGuard.OWN_DEPARTMENT, c, HANDLER_A, null, Set.of(), 0, 0, false).isEmpty());
        assertEquals(403, check(CaseGuard.OWN_DEPARTMENT, c, HANDLER_B, null, Set.of(), 0, 0, false).orElseThrow().status());
        assertTrue(check(CaseGuard.OWN_DEPARTMENT, c, DISPATCHER, null, Set.of(), 0, 0, false).isEmpty());
    }

    @Test
    void only_called_departments_report_to_a_coordination() {
        CityCase c = aCaseWith("dept-a");
        assertTrue(check(CaseGuard.PARTICIPANT, c, HANDLER_B, null, Set.of("dept-a", "dept-b"), 0, 0, false).isEmpty());
        assertEquals("not-called-in", check(CaseGuard.PARTICIPANT, c, HANDLER_B, null, Set.of("dept-a"), 0, 0, false)
                .orElseThrow().code());
    }

    @Test
    void a_self_handled_case_is_closed_by_its_reporter_only() {
        CityCase c = aCaseWith(null);
        assertTrue(check(CaseGuard.REPORTER, c, SUPERVISOR, null, Set.of(), 0, 0, false).isEmpty());
        assertEquals("not-the-reporter", check(CaseGuard.REPORTER, c, DISPATCHER, null, Set.of(), 0, 0, false)
                .orElseThrow().code());
    }

    @Test
    void an_after_photo_is_needed_only_where_the_subclass_asks_for_evidence() {
        CityCase c = aCaseWith("dept-a");
        assertEquals("photoIds", check(CaseGuard.AFTER_PHOTO, c, HANDLER_A, null, Set.of(), 0, 0, true).orElseThrow()
                .errors().get(0).field());
        assertTrue(check(CaseGuard.AFTER_PHOTO, c, HANDLER_A, null, Set.of(), 0, 1, true).isEmpty());
        assertTrue(check(CaseGuard.AFTER_PHOTO, c, HANDLER_A, null, Set.of(), 0, 0, false).isEmpty());
    }

    @Test
    void self_handling_closes_with_a_before_and_an_after_photo() {
        CityCase c = aCaseWith(null);
        assertTrue(check(CaseGuard.BEFORE_AND_AFTER_PHOTOS, c, SUPERVISOR, null, Set.of(), 1, 0, false).isPresent());
        assertTrue(check(CaseGuard.BEFORE_AND_AFTER_PHOTOS, c, SUPERVISOR, null, Set.of(), 0, 1, false).isPresent());
        assertTrue(check(CaseGuard.BEFORE_AND_AFTER_PHOTOS, c, SUPERVISOR, null, Set.of(), 1, 1, false).isEmpty());
    }

    @Test
    void only_a_case_drawn_for_the_audit_and_not_yet_audited_awaits_it() {
        CityCase c = aCaseWith(null);
        assertEquals(409, check(CaseGuard.AWAITING_AUDIT, c, SUPERVISOR, null, Set.of(), 0, 0, false).orElseThrow().status());
        c.sampleForAudit(true);
        assertTrue(check(CaseGuard.AWAITING_AUDIT, c, SUPERVISOR, null, Set.of(), 0, 0, false).isEmpty());
        c.passAudit();
        assertTrue(check(CaseGuard.AWAITING_AUDIT, c, SUPERVISOR, null, Set.of(), 0, 0, false).isPresent());
    }

    @Test
    void a_closed_case_is_rated_by_its_reporter_and_its_followers_and_nobody_else() {
        CityCase reported = aCaseWith("dept-a");
        reported.reporterId = RESIDENT.id();
        CityCase followed = aCaseWith("dept-a");
        assertTrue(rater(reported, RESIDENT, false).isEmpty());
        assertTrue(rater(followed, RESIDENT, true).isEmpty());
        assertEquals("not-your-case", rater(followed, RESIDENT, false).orElseThrow().code());
        assertEquals(403, rater(followed, RESIDENT, false).orElseThrow().status());
    }

    private static Optional<ProblemException> rater(CityCase c, Actor actor, boolean follower) {
        return CaseGuard.RATER.check(new CaseGuard.GuardFacts(c, actor, null, Set.of(), 0, 0, false, follower));
    }

    private static final Actor VOLUNTEER = new Actor(12L, "志愿者", Set.of(Role.VOLUNTEER, Role.RESIDENT), null);
    private static final Actor ACCEPTOR = new Actor(13L, "受理员", Set.of(Role.ACCEPTOR), null);

    private static CityCase aResidentReportIn(String community, long reporter) {
        CityCase c = aCaseWith(null);
        c.communityCode = community;
        c.sourceChannel = CaseSource.Channel.RESIDENT;
        c.reporterId = reporter;
        return c;
    }

    private static Optional<ProblemException> triage(CityCase c, Actor actor, Set<String> served) {
        return CaseGuard.TRIAGE_SCOPE.check(new CaseGuard.GuardFacts(c, actor, null, Set.of(), 0, 0, false, false, served));
    }

    @Test
    void a_volunteer_triages_residents_reports_of_their_communities_but_not_their_own() {
        CityCase report = aResidentReportIn("530102001001", RESIDENT.id());
        assertTrue(triage(report, VOLUNTEER, Set.of("530102001001")).isEmpty());
        assertEquals("not-your-community", triage(report, VOLUNTEER, Set.of("530102001002")).orElseThrow().code());
        assertEquals("own-report", triage(aResidentReportIn("530102001001", VOLUNTEER.id()), VOLUNTEER,
                Set.of("530102001001")).orElseThrow().code());
        CityCase staffReport = aResidentReportIn("530102001001", SUPERVISOR.id());
        staffReport.sourceChannel = CaseSource.Channel.DISTRICT_SUPERVISOR;
        assertEquals("not-a-resident-report", triage(staffReport, VOLUNTEER, Set.of("530102001001")).orElseThrow().code());
        // The acceptor shares the merge row and is not limited to a community.
        assertTrue(triage(report, ACCEPTOR, Set.of()).isEmpty());
    }

    @Test
    void only_a_minor_problem_is_fixed_on_the_spot() {
        CityCase c = aCaseWith(null);
        c.className = "占道经营";
        c.minor = true;
        assertTrue(CaseGuard.MINOR_CLASS.check(new CaseGuard.GuardFacts(c, VOLUNTEER, null, Set.of(), 1, 1, false, false))
                .isEmpty());
        c.minor = false;
        assertEquals("not-minor", CaseGuard.MINOR_CLASS.check(new CaseGuard.GuardFacts(c, VOLUNTEER, null, Set.of(), 1, 1,
                false, false)).orElseThrow().code());
    }

    private static final Actor COMMITTEE = new Actor(14L, "居委会处置员", Set.of(Role.DEPARTMENT_HANDLER), "committee-a");

    private static Optional<ProblemException> local(CityCase c, Actor actor, Role actingAs) {
        return CaseGuard.LOCAL_LOOP.check(new CaseGuard.GuardFacts(c, actor, null, Set.of(), 0, 0, false, false,
                Set.of(), actingAs));
    }

    @Test
    void a_local_unit_acts_beside_the_centre_only_on_the_cases_of_its_own_loop_while_they_are_in_it() {
        CityCase c = aCaseWith(null);
        c.startLocalLoop("committee-a", java.time.Instant.parse("2026-12-02T09:00:00Z"));
        assertTrue(local(c, COMMITTEE, Role.DEPARTMENT_HANDLER).isEmpty());
        assertEquals("not-your-local-loop", local(c, HANDLER_B, Role.DEPARTMENT_HANDLER).orElseThrow().code());
        assertEquals(403, local(c, HANDLER_B, Role.DEPARTMENT_HANDLER).orElseThrow().status());
        // The centre's roles sharing the row are not limited by the local loop.
        assertTrue(local(c, ACCEPTOR, Role.ACCEPTOR).isEmpty());
        c.escalate(CityCase.Escalation.OVERDUE);
        assertEquals("not-in-local-loop", local(c, COMMITTEE, Role.DEPARTMENT_HANDLER).orElseThrow().code());
        assertTrue(local(c, ACCEPTOR, Role.ACCEPTOR).isEmpty());
    }

    @Test
    void a_department_handler_with_no_local_loop_is_refused_the_centres_rows() {
        CityCase c = aCaseWith(null);
        assertEquals("not-in-local-loop", CaseGuard.LOCAL_LOOP.check(new CaseGuard.GuardFacts(c, HANDLER_A, null,
                Set.of(), 0, 0, false, false)).orElseThrow().code());
        assertTrue(CaseGuard.LOCAL_LOOP.check(new CaseGuard.GuardFacts(c, DISPATCHER, null, Set.of(), 0, 0, false, false))
                .isEmpty());
    }
}
