package city.gridcity.cases;

import static city.gridcity.cases.CaseAction.*;
import static city.gridcity.cases.CaseState.*;
import static city.gridcity.identity.Role.ACCEPTOR;
import static city.gridcity.identity.Role.ASSESSOR;
import static city.gridcity.identity.Role.CITY_ADMIN;
import static city.gridcity.identity.Role.CITY_SUPERVISOR;
import static city.gridcity.identity.Role.DEPARTMENT_HANDLER;
import static city.gridcity.identity.Role.DISPATCHER;
import static city.gridcity.identity.Role.DISTRICT_SUPERVISOR;
import static city.gridcity.identity.Role.VOLUNTEER;

import city.gridcity.identity.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The closed loop as one table: in a state, an action leads to a state, for some roles, under some
 * guards. It reads like the flow chart of the documents; nothing else decides what may happen to a
 * case. A transition with no roles is taken by the system itself (a job, or the last department of a
 * coordination reporting), never by a user.
 */
public final class TransitionTable {

    /** One row. {@code to == null} means "back to the state the request was made from". */
    public record Transition(CaseState from, CaseAction action, CaseState to, Set<Role> roles, List<CaseGuard> guards,
                             boolean system) {
    }

    private static final CaseState PREVIOUS = null;

    /** States from which a filed case may be voided (作废) when it was filed in error. */
    private static final List<CaseState> VOIDABLE = List.of(FILED, RETURNED, IN_CONSULTATION, DISPATCHED, IN_DISPOSAL,
            SUSPENDED, COORDINATING, REPORTED_BACK);

    public static final TransitionTable WORKFLOW = new TransitionTable()
            // 受理: file, reject, or merge into the case it repeats
            .on(REPORTED, FILE, FILED).by(ACCEPTOR)
            .on(REPORTED, REJECT, REJECTED).by(ACCEPTOR).when(CaseGuard.REASON_GIVEN)
            .on(REPORTED, MERGE, MERGED).by(ACCEPTOR)
            // 派遣: to the department the routing rule names, or another with a reason
            .on(FILED, DISPATCH, DISPATCHED).by(DISPATCHER)
            .on(RETURNED, DISPATCH, DISPATCHED).by(DISPATCHER)
            // 处置: sign for it, act, report back with after-photos; or send it back
            .on(DISPATCHED, ACCEPT, IN_DISPOSAL).by(DEPARTMENT_HANDLER).when(CaseGuard.OWN_DEPARTMENT)
            .on(IN_DISPOSAL, REPORT_BACK, REPORTED_BACK).by(DEPARTMENT_HANDLER)
            .when(CaseGuard.OWN_DEPARTMENT, CaseGuard.AFTER_PHOTO)
            .on(DISPATCHED, RETURN, RETURNED).by(DEPARTMENT_HANDLER).when(CaseGuard.OWN_DEPARTMENT, CaseGuard.REASON_GIVEN)
            .on(IN_DISPOSAL, RETURN, RETURNED).by(DEPARTMENT_HANDLER).when(CaseGuard.OWN_DEPARTMENT, CaseGuard.REASON_GIVEN)
            // 延期
            .on(IN_DISPOSAL, REQUEST_EXTENSION, EXTENSION_PENDING).by(DEPARTMENT_HANDLER)
            .when(CaseGuard.OWN_DEPARTMENT, CaseGuard.REASON_GIVEN)
            .on(EXTENSION_PENDING, APPROVE_EXTENSION, IN_DISPOSAL).by(DISPATCHER)
            .on(EXTENSION_PENDING, REFUSE_EXTENSION, IN_DISPOSAL).by(DISPATCHER).when(CaseGuard.REASON_GIVEN)
            // 挂账: cannot be solved now; resumes on the approved date or earlier by the dispatcher
            .on(IN_DISPOSAL, REQUEST_SUSPENSION, SUSPENSION_PENDING).by(DEPARTMENT_HANDLER)
            .when(CaseGuard.OWN_DEPARTMENT, CaseGuard.REASON_GIVEN)
            .on(SUSPENSION_PENDING, APPROVE_SUSPENSION, SUSPENDED).by(DISPATCHER)
            .on(SUSPENSION_PENDING, REFUSE_SUSPENSION, IN_DISPOSAL).by(DISPATCHER).when(CaseGuard.REASON_GIVEN)
            .on(SUSPENDED, RESUME, IN_DISPOSAL).by(DISPATCHER).bySystem()
            // 吹哨报到: departments called in; the case is reported back when all have reported
            .on(FILED, WHISTLE, COORDINATING).by(DISPATCHER)
            .on(RETURNED, WHISTLE, COORDINATING).by(DISPATCHER)
            .on(IN_DISPOSAL, WHISTLE, COORDINATING).by(DISPATCHER, DEPARTMENT_HANDLER).when(CaseGuard.OWN_DEPARTMENT)
            .on(COORDINATING, JOIN, COORDINATING).by(DEPARTMENT_HANDLER).when(CaseGuard.PARTICIPANT)
            .on(COORDINATING, REPORT_PART, COORDINATING).by(DEPARTMENT_HANDLER).when(CaseGuard.PARTICIPANT)
            .on(COORDINATING, ALL_REPORTED, REPORTED_BACK).bySystem()
            // 应急吹哨: an emergency warning; the running phase counts natural hours from then on
            .on(FILED, EMERGENCY, FILED).by(DISPATCHER)
            .on(DISPATCHED, EMERGENCY, DISPATCHED).by(DISPATCHER)
            .on(IN_DISPOSAL, EMERGENCY, IN_DISPOSAL).by(DISPATCHER)
            .on(COORDINATING, EMERGENCY, COORDINATING).by(DISPATCHER)
            // 会商: disputed responsibility ends in a decision naming the department
            .on(FILED, CONSULT, IN_CONSULTATION).by(DISPATCHER).when(CaseGuard.REASON_GIVEN)
            .on(RETURNED, CONSULT, IN_CONSULTATION).by(DISPATCHER).when(CaseGuard.REASON_GIVEN)
            .on(IN_CONSULTATION, DECIDE, DISPATCHED).by(DISPATCHER, CITY_ADMIN).when(CaseGuard.REASON_GIVEN)
            // 核查: on site, by a supervisor; failed verification is rework (返工) for the department
            .on(REPORTED_BACK, VERIFY_PASS, CLOSED).by(DISTRICT_SUPERVISOR, CITY_SUPERVISOR)
            .on(REPORTED_BACK, VERIFY_FAIL, IN_DISPOSAL).by(DISTRICT_SUPERVISOR, CITY_SUPERVISOR).when(CaseGuard.REASON_GIVEN)
            // 自处置: fixed on the spot, closed at grid level with before and after photos; sampled audit
            .on(SELF_HANDLING, SELF_CLOSE, CLOSED).by(DISTRICT_SUPERVISOR, CITY_SUPERVISOR, VOLUNTEER)
            .when(CaseGuard.REPORTER, CaseGuard.BEFORE_AND_AFTER_PHOTOS)
            .on(CLOSED, AUDIT_PASS, CLOSED).by(ASSESSOR).when(CaseGuard.AWAITING_AUDIT)
            .on(CLOSED, AUDIT_FAIL, REPORTED).by(ASSESSOR).when(CaseGuard.AWAITING_AUDIT, CaseGuard.REASON_GIVEN)
            // 作废: filed in error, with the approval of the city's administrator
            .onEach(VOIDABLE, REQUEST_VOID, VOID_PENDING).by(ACCEPTOR, DISPATCHER).when(CaseGuard.REASON_GIVEN)
            .on(VOID_PENDING, APPROVE_VOID, VOIDED).by(CITY_ADMIN)
            .on(VOID_PENDING, REFUSE_VOID, PREVIOUS).by(CITY_ADMIN).when(CaseGuard.REASON_GIVEN)
            .done();

    private final List<Transition> rows = new ArrayList<>();
    private List<Transition> pending = List.of();

    private TransitionTable() {
    }

    /** The row for an action in a state, if the loop has one. */
    public Optional<Transition> find(CaseState from, CaseAction action) {
        return rows.stream().filter(t -> t.from() == from && t.action() == action).findFirst();
    }

    /** The actions some user holding one of {@code roles} may take in {@code state}, in table order. */
    public List<CaseAction> allowed(CaseState state, Collection<Role> roles) {
        Set<CaseAction> actions = new LinkedHashSet<>();
        for (Transition t : rows) {
            if (t.from() == state && t.roles().stream().anyMatch(roles::contains)) {
                actions.add(t.action());
            }
        }
        return List.copyOf(actions);
    }

    public List<Transition> rows() {
        return List.copyOf(rows);
    }

    private TransitionTable on(CaseState from, CaseAction action, CaseState to) {
        return onEach(List.of(from), action, to);
    }

    private TransitionTable onEach(List<CaseState> froms, CaseAction action, CaseState to) {
        pending = froms.stream().map(f -> new Transition(f, action, to, EnumSet.noneOf(Role.class), List.of(), false)).toList();
        rows.addAll(pending);
        return this;
    }

    private TransitionTable by(Role... roles) {
        return replacePending(t -> new Transition(t.from(), t.action(), t.to(), Set.copyOf(List.of(roles)), t.guards(), t.system()));
    }

    /** The system may take this transition too (or only the system, when no role is given). */
    private TransitionTable bySystem() {
        return replacePending(t -> new Transition(t.from(), t.action(), t.to(), t.roles(), t.guards(), true));
    }

    private TransitionTable when(CaseGuard... guards) {
        return replacePending(t -> new Transition(t.from(), t.action(), t.to(), t.roles(), List.of(guards), t.system()));
    }

    private TransitionTable replacePending(java.util.function.UnaryOperator<Transition> change) {
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
