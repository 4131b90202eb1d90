package city.gridcity.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.cases.actions.Handles;
import city.gridcity.identity.Role;
import city.gridcity.integration.EventTypes;
import city.gridcity.shared.i18n.Messages;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The transition table and what is derived from it, without the container: rows, handlers, labels, notices, queues. */
class TransitionTableTest {

    private static final TransitionTable TABLE = TransitionTable.WORKFLOW;
    /**
     * Actions that are not moves in the table: they enter the loop (intake), only follow a case, or record what the
     * hotline matching found.
     */
    private static final Set<CaseAction> INTAKE = EnumSet.of(CaseAction.REPORT, CaseAction.SELF_REPORT, CaseAction.ME_TOO,
            CaseAction.HOTLINE_MATCH);

    @Test
    void every_action_outside_intake_has_a_row_and_intake_actions_have_none() {
        Set<CaseAction> inTable = TABLE.rows().stream().map(TransitionTable.Transition::action)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(CaseAction.class)));
        Set<CaseAction> expected = EnumSet.complementOf(EnumSet.copyOf(INTAKE));
        assertEquals(expected, inTable);
    }

    @Test
    void every_row_names_a_handler_that_carries_out_its_action() {
        for (TransitionTable.Transition t : TABLE.rows()) {
            assertNotNull(t.handler(), () -> "no handler for " + t.action() + " from " + t.from());
            Handles handles = t.handler().getAnnotation(Handles.class);
            assertNotNull(handles, () -> t.handler().getSimpleName() + " does not say what it handles");
            assertTrue(Arrays.asList(handles.value()).contains(t.action()),
                    () -> t.handler().getSimpleName() + " does not carry out " + t.action());
        }
    }

    @Test
    void the_rows_of_one_action_share_their_handler_inputs_and_reason_rule() {
        Map<CaseAction, List<TransitionTable.Transition>> byAction = TABLE.rows().stream()
                .collect(Collectors.groupingBy(TransitionTable.Transition::action));
        byAction.forEach((action, rows) -> {
            assertEquals(1, rows.stream().map(TransitionTable.Transition::handler).distinct().count(), action::name);
            assertEquals(1, rows.stream().map(TransitionTable.Transition::reasonRequired).distinct().count(), action::name);
        });
    }

    @Test
    void a_state_has_at_most_one_row_per_action() {
        assertEquals(TABLE.rows().size(), TABLE.rows().stream().map(t -> t.from() + "/" + t.action()).distinct().count());
    }

    @Test
    void every_action_and_state_has_a_label_in_both_console_bundles() {
        Messages messages = new Messages();
        for (String language : List.of(Messages.CHINESE, Messages.ENGLISH)) {
            Map<String, String> texts = messages.load("console", language);
            Set<String> missing = new TreeSet<>();
            Arrays.stream(CaseAction.values()).map(a -> "action." + a.wireName()).filter(k -> !texts.containsKey(k))
                    .forEach(missing::add);
            Arrays.stream(CaseState.values()).map(s -> "state." + s.name()).filter(k -> !texts.containsKey(k))
                    .forEach(missing::add);
            Arrays.stream(CaseQueue.values()).map(q -> "queue." + q.wireName()).filter(k -> !texts.containsKey(k))
                    .forEach(missing::add);
            assertEquals(Set.of(), missing, language);
        }
    }

    @Test
    void every_action_has_a_notification_decision_and_nobody_is_said_with_a_reason() {
        for (CaseAction action : CaseAction.values()) {
            CaseNotices.Notice notice = CaseNotices.of(action);
            if (notice.audience() == CaseNotices.Audience.NOBODY) {
                assertTrue(notice.why() != null && !notice.why().isBlank(), action::name);
                assertEquals(null, notice.type(), action::name);
            } else {
                assertTrue(EventTypes.isKnown(notice.type()), () -> action + " sends unknown type " + notice.type());
            }
        }
    }

    @Test
    void the_emergency_warning_tells_the_department_the_case_is_with() {
        CaseNotices.Notice notice = CaseNotices.of(CaseAction.EMERGENCY);
        assertEquals(EventTypes.CASE_EMERGENCY, notice.type());
        assertEquals(CaseNotices.Audience.DEPARTMENT_OR_CITY, notice.audience());
    }

    @Test
    void queues_hold_the_states_their_roles_work_and_the_states_of_their_phase() {
        assertEquals(List.of(CaseState.REPORTED), CaseQueue.ACCEPTANCE.states());
        assertEquals(List.of(CaseState.FILED, CaseState.RETURNED, CaseState.IN_CONSULTATION, CaseState.EXTENSION_PENDING,
                CaseState.SUSPENSION_PENDING, CaseState.SUSPENDED), CaseQueue.DISPATCH.states());
        assertEquals(List.of(CaseState.DISPATCHED, CaseState.IN_DISPOSAL, CaseState.EXTENSION_PENDING,
                CaseState.SUSPENSION_PENDING, CaseState.SUSPENDED, CaseState.COORDINATING), CaseQueue.DISPOSAL.states());
        // Self-handling is the reporter's own work, not the verification queue's.
        assertEquals(List.of(CaseState.REPORTED_BACK), CaseQueue.VERIFICATION.states());
        // The administrator approves voids and may decide a consultation.
        assertEquals(List.of(CaseState.IN_CONSULTATION, CaseState.VOID_PENDING), CaseQueue.APPROVAL.states());
    }

    @Test
    void residents_reopen_requests_are_the_acceptors_queue_of_their_own_and_in_no_other() {
        // the states a resident's row leads into are their requests: asking to reopen a closed case
        assertEquals(Set.of(CaseState.REOPEN_PENDING), TABLE.enteredBy(Set.of(Role.RESIDENT)));
        assertEquals(List.of(CaseState.REOPEN_PENDING), CaseQueue.REOPEN.states());
        assertEquals(Set.of(Role.ACCEPTOR), CaseQueue.REOPEN.roles());
        for (CaseQueue q : CaseQueue.values()) {
            if (q != CaseQueue.REOPEN) {
                assertFalse(q.states().contains(CaseState.REOPEN_PENDING), q.name());
            }
        }
        // a rating stays where it is and is nobody's request
        assertFalse(TABLE.enteredBy(Set.of(Role.RESIDENT)).contains(CaseState.CLOSED));
    }

    @Test
    void a_void_request_or_an_emergency_warning_does_not_put_a_case_in_the_raisers_queue() {
        assertFalse(CaseQueue.ACCEPTANCE.states().contains(CaseState.DISPATCHED));
        assertFalse(CaseQueue.DISPATCH.states().contains(CaseState.IN_DISPOSAL));
    }

    @Test
    void the_actions_that_must_say_why_are_refusals_returns_requests_and_failed_checks() {
        Set<String> mustSayWhy = TABLE.rows().stream().filter(TransitionTable.Transition::reasonRequired)
                .map(t -> t.action().wireName()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("reject", "return", "request-extension", "refuse-extension",
                "request-suspension", "refuse-suspension", "consult", "decide", "verify-fail", "audit-fail",
                "request-void", "refuse-void", "request-reopen", "decline-reopen", "mark-invalid", "escalate")), mustSayWhy);
    }

    @Test
    void a_volunteer_triages_reports_not_yet_filed_and_nothing_else() {
        Set<CaseAction> volunteerActions = TABLE.rows().stream()
                .filter(t -> t.roles().contains(city.gridcity.identity.Role.VOLUNTEER))
                .filter(t -> t.from() == CaseState.REPORTED).map(TransitionTable.Transition::action)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertEquals(Set.of(CaseAction.MERGE, CaseAction.CONFIRM, CaseAction.MARK_INVALID, CaseAction.PERSUADE_FIX),
                volunteerActions);
        TABLE.rows().stream().filter(t -> t.from() == CaseState.REPORTED && t.roles().contains(city.gridcity.identity.Role.VOLUNTEER))
                .forEach(t -> assertTrue(t.guards().contains(CaseGuard.TRIAGE_SCOPE), t::toString));
        assertEquals(List.of(CaseState.REPORTED), CaseQueue.TRIAGE.states());
    }

    @Test
    void a_fix_on_the_spot_is_for_minor_problems_with_photos_and_closes_the_case() {
        TransitionTable.Transition fix = TABLE.find(CaseState.REPORTED, CaseAction.PERSUADE_FIX).orElseThrow();
        assertEquals(CaseState.CLOSED, fix.to());
        assertTrue(fix.guards().containsAll(List.of(CaseGuard.MINOR_CLASS, CaseGuard.BEFORE_AND_AFTER_PHOTOS)));
        // Confirming and suggesting leave the report where it is: the acceptor still decides.
        assertEquals(CaseState.REPORTED, TABLE.find(CaseState.REPORTED, CaseAction.CONFIRM).orElseThrow().to());
        assertEquals(CaseState.REPORTED, TABLE.find(CaseState.REPORTED, CaseAction.MARK_INVALID).orElseThrow().to());
    }

    @Test
    void filing_takes_a_condition_and_a_problem_type_and_no_note() {
        TransitionTable.Transition file = TABLE.find(CaseState.REPORTED, CaseAction.FILE).orElseThrow();
        assertEquals(EnumSet.of(ActionInput.CONDITION, ActionInput.PROBLEM_TYPE), file.inputs());
    }

    @Test
    void a_whistle_before_dispatch_asks_for_the_lead_department_and_during_disposal_does_not() {
        assertTrue(TABLE.find(CaseState.FILED, CaseAction.WHISTLE).orElseThrow().inputs().contains(ActionInput.DEPARTMENT));
        assertFalse(TABLE.find(CaseState.IN_DISPOSAL, CaseAction.WHISTLE).orElseThrow().inputs()
                .contains(ActionInput.DEPARTMENT));
    }

    @Test
    void a_dispatcher_may_dispatch_whistle_consult_warn_and_ask_to_void_a_filed_case() {
        assertEquals(List.of(CaseAction.DISPATCH, CaseAction.WHISTLE, CaseAction.EMERGENCY, CaseAction.CONSULT,
                CaseAction.REQUEST_VOID), TABLE.allowed(CaseState.FILED, Set.of(Role.DISPATCHER)));
    }

    @Test
    void only_the_system_completes_a_coordination() {
        TransitionTable.Transition t = TABLE.find(CaseState.COORDINATING, CaseAction.ALL_REPORTED).orElseThrow();
        assertTrue(t.system());
        assertTrue(t.roles().isEmpty());
        assertFalse(TABLE.userActions().contains(CaseAction.ALL_REPORTED));
    }

    @Test
    void a_refused_void_goes_back_to_the_state_it_was_asked_from() {
        assertEquals(null, TABLE.find(CaseState.VOID_PENDING, CaseAction.REFUSE_VOID).orElseThrow().to());
    }

    @Test
    void residents_rate_a_closed_case_aside_and_a_rating_does_not_move_it() {
        for (CaseState state : List.of(CaseState.CLOSED, CaseState.REOPEN_PENDING)) {
            TransitionTable.Transition rate = TABLE.find(state, CaseAction.RATE).orElseThrow();
            assertEquals(state, rate.to());
            assertEquals(Set.of(Role.RESIDENT), rate.roles());
            assertTrue(rate.aside());
            assertEquals(List.of(CaseGuard.RATER), rate.guards());
            assertEquals(EnumSet.of(ActionInput.RATING), rate.inputs());
        }
        assertTrue(TABLE.find(CaseState.IN_DISPOSAL, CaseAction.RATE).isEmpty());
        assertEquals(Set.of(), TABLE.workStates(Set.of(Role.RESIDENT)));
    }

    @Test
    void a_reopen_request_goes_to_the_acceptor_who_sends_it_back_to_disposal_or_closes_it_again() {
        TransitionTable.Transition request = TABLE.find(CaseState.CLOSED, CaseAction.REQUEST_REOPEN).orElseThrow();
        assertEquals(CaseState.REOPEN_PENDING, request.to());
        assertEquals(List.of(CaseGuard.RATER, CaseGuard.REASON_GIVEN), request.guards());
        assertEquals(CaseState.IN_DISPOSAL, TABLE.find(CaseState.REOPEN_PENDING, CaseAction.ACCEPT_REOPEN).orElseThrow().to());
        assertEquals(CaseState.CLOSED, TABLE.find(CaseState.REOPEN_PENDING, CaseAction.DECLINE_REOPEN).orElseThrow().to());
        assertEquals(List.of(CaseAction.RATE, CaseAction.ACCEPT_REOPEN, CaseAction.DECLINE_REOPEN),
                TABLE.allowed(CaseState.REOPEN_PENDING, Set.of(Role.ACCEPTOR, Role.RESIDENT)));
        assertTrue(CaseState.REOPEN_PENDING.open());
        assertEquals(null, CaseState.REOPEN_PENDING.phase());
    }

    // 二级闭环: streets and communities close their own loop

    @Test
    void a_local_unit_files_rejects_dispatches_and_verifies_beside_the_centre_under_the_local_loop_guard() {
        for (var row : List.of(List.of(CaseState.REPORTED, CaseAction.FILE), List.of(CaseState.REPORTED, CaseAction.REJECT),
                List.of(CaseState.FILED, CaseAction.DISPATCH), List.of(CaseState.RETURNED, CaseAction.DISPATCH),
                List.of(CaseState.REPORTED_BACK, CaseAction.VERIFY_PASS),
                List.of(CaseState.REPORTED_BACK, CaseAction.VERIFY_FAIL))) {
            TransitionTable.Transition t = TABLE.find((CaseState) row.get(0), (CaseAction) row.get(1)).orElseThrow();
            assertTrue(t.guards().contains(CaseGuard.LOCAL_LOOP), t::toString);
            assertEquals(Set.of(Role.DEPARTMENT_HANDLER), t.localRoles(), t::toString);
            assertFalse(t.centreRoles().isEmpty(), t::toString);
        }
        // Disposal stays the department's own: no local loop guard there.
        assertTrue(TABLE.find(CaseState.DISPATCHED, CaseAction.ACCEPT).orElseThrow().localRoles().isEmpty());
    }

    @Test
    void a_department_handler_sees_the_centres_actions_only_as_the_local_unit_of_the_case() {
        assertEquals(List.of(), TABLE.allowed(CaseState.REPORTED, Set.of(Role.DEPARTMENT_HANDLER)));
        assertEquals(List.of(CaseAction.FILE, CaseAction.REJECT, CaseAction.ESCALATE),
                TABLE.allowed(CaseState.REPORTED, Set.of(Role.DEPARTMENT_HANDLER), true));
        assertEquals(List.of(CaseAction.DISPATCH, CaseAction.ESCALATE),
                TABLE.allowed(CaseState.FILED, Set.of(Role.DEPARTMENT_HANDLER), true));
        assertEquals(List.of(CaseAction.VERIFY_PASS, CaseAction.VERIFY_FAIL, CaseAction.ESCALATE),
                TABLE.allowed(CaseState.REPORTED_BACK, Set.of(Role.DEPARTMENT_HANDLER), true));
        // The centre keeps its actions on a local case.
        assertEquals(List.of(CaseAction.FILE, CaseAction.REJECT, CaseAction.MERGE),
                TABLE.allowed(CaseState.REPORTED, Set.of(Role.ACCEPTOR), true));
    }

    @Test
    void the_local_queue_holds_the_states_of_the_local_loop_and_the_disposal_queue_is_unchanged_by_it() {
        assertEquals(List.of(CaseState.REPORTED, CaseState.FILED, CaseState.RETURNED, CaseState.REPORTED_BACK),
                CaseQueue.LOCAL.states());
        assertEquals(Set.of(Role.DEPARTMENT_HANDLER), CaseQueue.LOCAL.roles());
        assertFalse(TABLE.workStates(Set.of(Role.DEPARTMENT_HANDLER)).contains(CaseState.REPORTED));
        assertFalse(CaseQueue.DISPOSAL.states().contains(CaseState.REPORTED_BACK));
    }

    @Test
    void escalation_keeps_the_state_is_taken_by_the_local_unit_with_a_reason_or_by_the_system_from_every_open_local_state() {
        for (TransitionTable.Transition t : TABLE.rows()) {
            if (t.action() == CaseAction.ESCALATE) {
                assertEquals(t.from(), t.to(), t::toString);
                assertTrue(t.system(), t::toString);
                assertTrue(t.roles().isEmpty() || t.roles().equals(Set.of(Role.DEPARTMENT_HANDLER)), t::toString);
                assertTrue(t.roles().isEmpty() || t.guards().contains(CaseGuard.LOCAL_LOOP), t::toString);
            }
        }
        Set<CaseState> escalatable = TABLE.systemStates(CaseAction.ESCALATE);
        for (CaseState s : CaseState.values()) {
            boolean localWork = s.phase() != null && s.open();
            assertEquals(localWork, escalatable.contains(s), s::name);
        }
    }

    @Test
    void an_escalation_is_told_to_the_centre() {
        CaseNotices.Notice notice = CaseNotices.of(CaseAction.ESCALATE);
        assertEquals(EventTypes.CASE_ESCALATED, notice.type());
        assertEquals(CaseNotices.Audience.CITY, notice.audience());
    }
}
