package city.gridcity.cases;

import static city.gridcity.cases.ActionInput.*;
import static city.gridcity.cases.CaseAction.*;
import static city.gridcity.cases.CaseState.*;
import static city.gridcity.identity.Role.ACCEPTOR;
import static city.gridcity.identity.Role.ASSESSOR;
import static city.gridcity.identity.Role.CITY_ADMIN;
import static city.gridcity.identity.Role.CITY_SUPERVISOR;
import static city.gridcity.identity.Role.DEPARTMENT_HANDLER;
import static city.gridcity.identity.Role.DISPATCHER;
import static city.gridcity.identity.Role.DISTRICT_SUPERVISOR;
import static city.gridcity.identity.Role.RESIDENT;
import static city.gridcity.identity.Role.VOLUNTEER;

import city.gridcity.cases.actions.ActionHandler;
import city.gridcity.cases.actions.Consultation;
import city.gridcity.cases.actions.Coordination;
import city.gridcity.cases.actions.Dispatching;
import city.gridcity.cases.actions.Disposal;
import city.gridcity.cases.actions.Emergency;
import city.gridcity.cases.actions.Escalation;
import city.gridcity.cases.actions.Extension;
import city.gridcity.cases.actions.Filing;
import city.gridcity.cases.actions.Rating;
import city.gridcity.cases.actions.Reopening;
import city.gridcity.cases.actions.SelfHandling;
import city.gridcity.cases.actions.Suspension;
import city.gridcity.cases.actions.Triage;
import city.gridcity.cases.actions.Verification;
import city.gridcity.cases.actions.Voiding;
import city.gridcity.identity.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The closed loop as one table: in a state, an action leads to a state, for some roles, under some
 * guards, carried out by one handler, with the inputs it takes. It reads like the flow chart of the
 * documents; nothing else decides what may happen to a case, and what follows from it (queues,
 * forms, which actions need a reason) is derived from it. A transition with no roles is taken by the
 * system itself (a job, or the last department of a coordination reporting), never by a user.
 */
public final class TransitionTable {

    /**
     * One row. {@code to == null} means "back to the state the request was made from". An
     * {@code aside} row is open to its roles without making the state their work: a void request, an
     * emergency warning or a whistle during disposal can be raised from many states, but those states
     * are not in the raiser's work queue because of it.
     */
    public record Transition(CaseState from, CaseAction action, CaseState to, Set<Role> roles, List<CaseGuard> guards,
                             boolean system, Class<? extends ActionHandler> handler, Set<ActionInput> inputs,
                             boolean aside) {

        /** Whether the user must say why (the {@link CaseGuard#REASON_GIVEN} guard). */
        public boolean reasonRequired() {
            return guards.contains(CaseGuard.REASON_GIVEN);
        }

        /** Whether the row is work only the case's reporter can do: personal, not a queue's. */
        public boolean reporterOnly() {
            return guards.contains(CaseGuard.REPORTER);
        }

        /**
         * The roles admitted only through the {@link CaseGuard#LOCAL_LOOP} guard: a department handler of the case's
         * local unit, while the case is in its local loop (二级闭环). None on other rows.
         */
        public Set<Role> localRoles() {
            return guards.contains(CaseGuard.LOCAL_LOOP) && roles.contains(DEPARTMENT_HANDLER)
                    ? EnumSet.of(DEPARTMENT_HANDLER) : EnumSet.noneOf(Role.class);
        }

        /** The roles that take the row in the centre's loop: every role but the local ones. */
        public Set<Role> centreRoles() {
            Set<Role> centre = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
            centre.removeAll(localRoles());
            return centre;
        }
    }

    private static final CaseState PREVIOUS = null;

    /** States from which a filed case may be voided (作废) when it was filed in error. */
    private static final List<CaseState> VOIDABLE = List.of(FILED, RETURNED, IN_CONSULTATION, DISPATCHED, IN_DISPOSAL,
            SUSPENDED, COORDINATING, REPORTED_BACK);

    /** The states in which a local unit works a case of its loop: filing, dispatch, and verification. */
    private static final List<CaseState> LOCAL_WORK = List.of(REPORTED, FILED, RETURNED, REPORTED_BACK);

    /** The other open states a local loop may be in when its limit passes: the system escalates it from there too. */
    private static final List<CaseState> LOCAL_ELSEWHERE = List.of(IN_CONSULTATION, DISPATCHED, IN_DISPOSAL,
            EXTENSION_PENDING, SUSPENSION_PENDING, SUSPENDED, COORDINATING);

    public static final TransitionTable WORKFLOW = new TransitionTable()
            // 受理: file, reject, or merge into the case it repeats
            // (二级闭环: in a local loop the unit's handlers file, reject, dispatch and verify beside the centre)
            .on(REPORTED, FILE, FILED).by(ACCEPTOR, DEPARTMENT_HANDLER).when(CaseGuard.LOCAL_LOOP).handledBy(Filing.class)
            .takes(CONDITION, PROBLEM_TYPE)
            .on(REPORTED, REJECT, REJECTED).by(ACCEPTOR, DEPARTMENT_HANDLER)
            .when(CaseGuard.LOCAL_LOOP, CaseGuard.REASON_GIVEN).handledBy(Filing.class)
            .on(REPORTED, MERGE, MERGED).by(ACCEPTOR, VOLUNTEER).when(CaseGuard.TRIAGE_SCOPE).handledBy(Filing.class)
            .takes(DUPLICATE_OF, NOTE)
            // 志愿者核实: a volunteer of the community looks first: confirms on site, suggests invalid (the acceptor
            // decides), merges into the open case nearby, or persuades and fixes a minor problem on the spot
            .stayingIn(List.of(REPORTED), CONFIRM).by(VOLUNTEER).when(CaseGuard.TRIAGE_SCOPE).handledBy(Triage.class)
            .takes(NOTE)
            .stayingIn(List.of(REPORTED), MARK_INVALID).by(VOLUNTEER).when(CaseGuard.TRIAGE_SCOPE, CaseGuard.REASON_GIVEN)
            .handledBy(Triage.class)
            .on(REPORTED, PERSUADE_FIX, CLOSED).by(VOLUNTEER)
            .when(CaseGuard.TRIAGE_SCOPE, CaseGuard.MINOR_CLASS, CaseGuard.BEFORE_AND_AFTER_PHOTOS).handledBy(Triage.class)
            .takes(NOTE)
            // 派遣: to the department the routing rule names, or another with a reason
            .on(FILED, DISPATCH, DISPATCHED).by(DISPATCHER, DEPARTMENT_HANDLER).when(CaseGuard.LOCAL_LOOP)
            .handledBy(Dispatching.class).takes(DEPARTMENT, NOTE)
            .on(RETURNED, DISPATCH, DISPATCHED).by(DISPATCHER, DEPARTMENT_HANDLER).when(CaseGuard.LOCAL_LOOP)
            .handledBy(Dispatching.class).takes(DEPARTMENT, NOTE)
            // 处置: sign for it, act, report back with after-photos; or send it back
            .on(DISPATCHED, ACCEPT, IN_DISPOSAL).by(DEPARTMENT_HANDLER).when(CaseGuard.OWN_DEPARTMENT)
            .handledBy(Disposal.class)
            .on(IN_DISPOSAL, REPORT_BACK, REPORTED_BACK).by(DEPARTMENT_HANDLER)
            .when(CaseGuard.OWN_DEPARTMENT, CaseGuard.AFTER_PHOTO).handledBy(Disposal.class).takes(NOTE)
            .on(DISPATCHED, RETURN, RETURNED).by(DEPARTMENT_HANDLER).when(CaseGuard.OWN_DEPARTMENT, CaseGuard.REASON_GIVEN)
            .handledBy(Disposal.class)
            .on(IN_DISPOSAL, RETURN, RETURNED).by(DEPARTMENT_HANDLER).when(CaseGuard.OWN_DEPARTMENT, CaseGuard.REASON_GIVEN)
            .handledBy(Disposal.class)
            // 延期
            .on(IN_DISPOSAL, REQUEST_EXTENSION, EXTENSION_PENDING).by(DEPARTMENT_HANDLER)
            .when(CaseGuard.OWN_DEPARTMENT, CaseGuard.REASON_GIVEN).handledBy(Extension.class).takes(EXTENSION)
            .on(EXTENSION_PENDING, APPROVE_EXTENSION, IN_DISPOSAL).by(DISPATCHER).handledBy(Extension.class).takes(NOTE)
            .on(EXTENSION_PENDING, REFUSE_EXTENSION, IN_DISPOSAL).by(DISPATCHER).when(CaseGuard.REASON_GIVEN)
            .handledBy(Extension.class)
            // 挂账: cannot be solved now; resumes on the approved date or earlier by the dispatcher
            .on(IN_DISPOSAL, REQUEST_SUSPENSION, SUSPENSION_PENDING).by(DEPARTMENT_HANDLER)
            .when(CaseGuard.OWN_DEPARTMENT, CaseGuard.REASON_GIVEN).handledBy(Suspension.class).takes(RESUME_ON)
            .on(SUSPENSION_PENDING, APPROVE_SUSPENSION, SUSPENDED).by(DISPATCHER).handledBy(Suspension.class)
            .takes(RESUME_ON_OPTIONAL, NOTE)
            .on(SUSPENSION_PENDING, REFUSE_SUSPENSION, IN_DISPOSAL).by(DISPATCHER).when(CaseGuard.REASON_GIVEN)
            .handledBy(Suspension.class)
            .on(SUSPENDED, RESUME, IN_DISPOSAL).by(DISPATCHER).bySystem().handledBy(Suspension.class)
            // 吹哨报到: departments called in; the case is reported back when all have reported
            .on(FILED, WHISTLE, COORDINATING).by(DISPATCHER).handledBy(Coordination.class).takes(DEPARTMENTS, DEPARTMENT, NOTE)
            .on(RETURNED, WHISTLE, COORDINATING).by(DISPATCHER).handledBy(Coordination.class)
            .takes(DEPARTMENTS, DEPARTMENT, NOTE)
            .on(IN_DISPOSAL, WHISTLE, COORDINATING).by(DISPATCHER, DEPARTMENT_HANDLER).when(CaseGuard.OWN_DEPARTMENT)
            .handledBy(Coordination.class).takes(DEPARTMENTS, NOTE).aside()
            .on(COORDINATING, JOIN, COORDINATING).by(DEPARTMENT_HANDLER).when(CaseGuard.PARTICIPANT)
            .handledBy(Coordination.class)
            .on(COORDINATING, REPORT_PART, COORDINATING).by(DEPARTMENT_HANDLER).when(CaseGuard.PARTICIPANT)
            .handledBy(Coordination.class).takes(NOTE)
            .on(COORDINATING, ALL_REPORTED, REPORTED_BACK).bySystem().handledBy(Coordination.class)
            // 应急吹哨: an emergency warning; the running phase counts natural hours from then on
            .stayingIn(List.of(FILED, DISPATCHED, IN_DISPOSAL, COORDINATING), EMERGENCY).by(DISPATCHER)
            .handledBy(Emergency.class).takes(NOTE).aside()
            // 会商: disputed responsibility ends in a decision naming the department
            .on(FILED, CONSULT, IN_CONSULTATION).by(DISPATCHER).when(CaseGuard.REASON_GIVEN).handledBy(Consultation.class)
            .on(RETURNED, CONSULT, IN_CONSULTATION).by(DISPATCHER).when(CaseGuard.REASON_GIVEN)
            .handledBy(Consultation.class)
            .on(IN_CONSULTATION, DECIDE, DISPATCHED).by(DISPATCHER, CITY_ADMIN).when(CaseGuard.REASON_GIVEN)
            .handledBy(Consultation.class).takes(DEPARTMENT)
            // 核查: on site, by a supervisor; failed verification is rework (返工) for the department
            .on(REPORTED_BACK, VERIFY_PASS, CLOSED).by(DISTRICT_SUPERVISOR, CITY_SUPERVISOR, DEPARTMENT_HANDLER)
            .when(CaseGuard.LOCAL_LOOP).handledBy(Verification.class).takes(NOTE)
            .on(REPORTED_BACK, VERIFY_FAIL, IN_DISPOSAL).by(DISTRICT_SUPERVISOR, CITY_SUPERVISOR, DEPARTMENT_HANDLER)
            .when(CaseGuard.LOCAL_LOOP, CaseGuard.REASON_GIVEN).handledBy(Verification.class)
            // 上报升级: the local unit sends a case of its loop up to the district/city loop (a return by it does the
            // same); the system does when the local limit passes. The case stays where it is, now the centre's.
            .stayingIn(LOCAL_WORK, ESCALATE).by(DEPARTMENT_HANDLER).when(CaseGuard.LOCAL_LOOP, CaseGuard.REASON_GIVEN)
            .bySystem().handledBy(Escalation.class)
            .stayingIn(LOCAL_ELSEWHERE, ESCALATE).bySystem().when(CaseGuard.REASON_GIVEN).handledBy(Escalation.class)
            // 自处置: fixed on the spot, closed at grid level with before and after photos; sampled audit
            .on(SELF_HANDLING, SELF_CLOSE, CLOSED).by(DISTRICT_SUPERVISOR, CITY_SUPERVISOR, VOLUNTEER)
            .when(CaseGuard.REPORTER, CaseGuard.BEFORE_AND_AFTER_PHOTOS).handledBy(SelfHandling.class).takes(NOTE)
            .on(CLOSED, AUDIT_PASS, CLOSED).by(ASSESSOR).when(CaseGuard.AWAITING_AUDIT).handledBy(SelfHandling.class)
            .on(CLOSED, AUDIT_FAIL, REPORTED).by(ASSESSOR).when(CaseGuard.AWAITING_AUDIT, CaseGuard.REASON_GIVEN)
            .handledBy(SelfHandling.class)
            // 作废: filed in error, with the approval of the city's administrator
            .onEach(VOIDABLE, REQUEST_VOID, VOID_PENDING).by(ACCEPTOR, DISPATCHER).when(CaseGuard.REASON_GIVEN)
            .handledBy(Voiding.class).aside()
            .on(VOID_PENDING, APPROVE_VOID, VOIDED).by(CITY_ADMIN).handledBy(Voiding.class).takes(NOTE)
            .on(VOID_PENDING, REFUSE_VOID, PREVIOUS).by(CITY_ADMIN).when(CaseGuard.REASON_GIVEN).handledBy(Voiding.class)
            // 满意度评价: the residents of a closed case rate it, once each, also while another's reopen request waits
            .stayingIn(List.of(CLOSED, REOPEN_PENDING), RATE).by(RESIDENT).when(CaseGuard.RATER)
            .handledBy(Rating.class).takes(RATING).aside()
            // 重办: "not solved" with a comment goes back to the acceptor: accepted, it is rework for the department
            .on(CLOSED, REQUEST_REOPEN, REOPEN_PENDING).by(RESIDENT).when(CaseGuard.RATER, CaseGuard.REASON_GIVEN)
            .handledBy(Reopening.class).aside()
            .on(REOPEN_PENDING, ACCEPT_REOPEN, IN_DISPOSAL).by(ACCEPTOR).handledBy(Reopening.class).takes(NOTE)
            .on(REOPEN_PENDING, DECLINE_REOPEN, CLOSED).by(ACCEPTOR).when(CaseGuard.REASON_GIVEN)
            .handledBy(Reopening.class)
            .done();

    private final List<Transition> rows = new ArrayList<>();
    private List<Transition> pending = List.of();

    private TransitionTable() {
    }

    /** The row for an action in a state, if the loop has one. */
    public Optional<Transition> find(CaseState from, CaseAction action) {
        return rows.stream().filter(t -> t.from() == from && t.action() == action).findFirst();
    }

    /** The actions some user holding one of {@code roles} may take in {@code state} in the centre's loop, in table order. */
    public List<CaseAction> allowed(CaseState state, Collection<Role> roles) {
        return allowed(state, roles, false);
    }

    /**
     * The actions some user holding one of {@code roles} may take in {@code state}, in table order; {@code localUnit}:
     * the user is a handler of the local unit of a case in its local loop, so the rows of that loop are theirs too.
     */
    public List<CaseAction> allowed(CaseState state, Collection<Role> roles, boolean localUnit) {
        Set<CaseAction> actions = new LinkedHashSet<>();
        for (Transition t : rows) {
            Set<Role> theirs = localUnit ? t.roles() : t.centreRoles();
            if (t.from() == state && theirs.stream().anyMatch(roles::contains)) {
                actions.add(t.action());
            }
        }
        return List.copyOf(actions);
    }

    /**
     * The states in which a local unit has work on the cases of its loop (本地闭环待办): rows of the local loop
     * that are not aside, in state order.
     */
    public Set<CaseState> localWorkStates() {
        Set<CaseState> states = new LinkedHashSet<>();
        for (Transition t : rows) {
            if (!t.aside() && !t.localRoles().isEmpty()) {
                states.add(t.from());
            }
        }
        return states;
    }

    /** The states from which the system may take {@code action} by itself (the deadline job's escalations). */
    public Set<CaseState> systemStates(CaseAction action) {
        Set<CaseState> states = new LinkedHashSet<>();
        rows.stream().filter(t -> t.action() == action && t.system()).forEach(t -> states.add(t.from()));
        return states;
    }

    /**
     * The states in which some holder of {@code roles} has work: a row of theirs that is neither aside
     * nor the reporter's alone. What a work queue holds besides the states of its phase.
     */
    public Set<CaseState> workStates(Collection<Role> roles) {
        Set<CaseState> states = new LinkedHashSet<>();
        for (Transition t : rows) {
            if (!t.aside() && !t.reporterOnly() && t.centreRoles().stream().anyMatch(roles::contains)) {
                states.add(t.from());
            }
        }
        return states;
    }

    /**
     * The states that a row of {@code roles} leads into from another state: for residents, their requests (a reopen
     * request) that staff then decide. Rows that stay in their state (a rating) lead into nothing.
     */
    public Set<CaseState> enteredBy(Collection<Role> roles) {
        Set<CaseState> states = new LinkedHashSet<>();
        for (Transition t : rows) {
            if (t.to() != null && t.to() != t.from() && t.roles().stream().anyMatch(roles::contains)) {
                states.add(t.to());
            }
        }
        return states;
    }

    /** The actions users may ask for by name: every action with a row a user may take. */
    public Set<CaseAction> userActions() {
        Set<CaseAction> actions = EnumSet.noneOf(CaseAction.class);
        rows.stream().filter(t -> !t.roles().isEmpty()).forEach(t -> actions.add(t.action()));
        return actions;
    }

    public List<Transition> rows() {
        return List.copyOf(rows);
    }

    private TransitionTable on(CaseState from, CaseAction action, CaseState to) {
        return onEach(List.of(from), action, to);
    }

    private TransitionTable onEach(List<CaseState> froms, CaseAction action, CaseState to) {
        pending = froms.stream().map(f -> new Transition(f, action, to, EnumSet.noneOf(Role.class), List.of(), false, null,
                EnumSet.noneOf(ActionInput.class), false)).toList();
        rows.addAll(pending);
        return this;
    }

    /** An action that changes the case without moving it: each state leads back to itself. */
    private TransitionTable stayingIn(List<CaseState> states, CaseAction action) {
        pending = states.stream().map(f -> new Transition(f, action, f, EnumSet.noneOf(Role.class), List.of(), false, null,
                EnumSet.noneOf(ActionInput.class), false)).toList();
        rows.addAll(pending);
        return this;
    }

    private TransitionTable by(Role... roles) {
        return replacePending(t -> new Transition(t.from(), t.action(), t.to(), Set.copyOf(List.of(roles)), t.guards(),
                t.system(), t.handler(), t.inputs(), t.aside()));
    }

    /** The system may take this transition too (or only the system, when no role is given). */
    private TransitionTable bySystem() {
        return replacePending(t -> new Transition(t.from(), t.action(), t.to(), t.roles(), t.guards(), true, t.handler(),
                t.inputs(), t.aside()));
    }

    private TransitionTable when(CaseGuard... guards) {
        return replacePending(t -> new Transition(t.from(), t.action(), t.to(), t.roles(), List.of(guards), t.system(),
                t.handler(), t.inputs(), t.aside()));
    }

    private TransitionTable handledBy(Class<? extends ActionHandler> handler) {
        return replacePending(t -> new Transition(t.from(), t.action(), t.to(), t.roles(), t.guards(), t.system(), handler,
                t.inputs(), t.aside()));
    }

    private TransitionTable takes(ActionInput... inputs) {
        return replacePending(t -> new Transition(t.from(), t.action(), t.to(), t.roles(), t.guards(), t.system(),
                t.handler(), Set.copyOf(List.of(inputs)), t.aside()));
    }

    private TransitionTable aside() {
        return replacePending(t -> new Transition(t.from(), t.action(), t.to(), t.roles(), t.guards(), t.system(),
                t.handler(), t.inputs(), true));
    }

    private TransitionTable replacePending(UnaryOperator<Transition> change) {
        List<Transition> changed = pending.stream().map(change).toList();
        rows.removeAll(pending);
        rows.addAll(changed);
        pending = changed;
        return this;
    }

    private TransitionTable done() {
        pending = List.of();
        return this;
    }
}
