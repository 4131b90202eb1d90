package city.gridcity.cases;

import city.gridcity.identity.Role;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The work queues (待办): which open cases each role works on. A queue's states are derived from the
 * transition table: those in which its roles have work (rows that are neither aside nor the reporter's
 * alone), and those whose clock is the queue's phase (a department's cases wait in its queue while an
 * extension or suspension is decided). A department's queue holds only the cases with that department
 * (or to which it was called in). Residents' requests (the states a resident's row leads into: a reopen
 * request) are a queue of their own for the roles that decide them, and in no other queue, so an acceptor
 * sees "residents say it is not solved" apart from new reports.
 */
public enum CaseQueue {
    ACCEPTANCE("acceptance", "待受理", EnumSet.of(Role.ACCEPTOR), CaseState.Phase.FILING),
    DISPATCH("dispatch", "待派遣", EnumSet.of(Role.DISPATCHER), CaseState.Phase.DISPATCH),
    DISPOSAL("disposal", "待处置", EnumSet.of(Role.DEPARTMENT_HANDLER), CaseState.Phase.DISPOSAL),
    VERIFICATION("verification", "待核查", EnumSet.of(Role.DISTRICT_SUPERVISOR, Role.CITY_SUPERVISOR),
            CaseState.Phase.VERIFICATION),
    APPROVAL("approval", "待审批", EnumSet.of(Role.CITY_ADMIN), null),
    REOPEN("reopen", "重办审核", EnumSet.of(Role.ACCEPTOR), null, true),
    /** Residents' reports in a volunteer's communities, not yet filed (志愿者待核实); see {@code CaseQueries}. */
    TRIAGE("triage", "待核实", EnumSet.of(Role.VOLUNTEER), null),
    /**
     * The cases in the local loop of a handler's unit (本地闭环待办) that it files, dispatches or verifies: the states
     * of the table's local-loop rows ({@link TransitionTable#localWorkStates}); see {@code CaseQueries}.
     */
    LOCAL("local", "本地闭环待办", EnumSet.of(Role.DEPARTMENT_HANDLER));

    private final String wireName;
    private final String labelZh;
    private final Set<Role> roles;
    private final List<CaseState> states;

    CaseQueue(String wireName, String labelZh, Set<Role> roles, CaseState.Phase phase) {
        this(wireName, labelZh, roles, phase, false);
    }

    /** The local unit's queue. */
    CaseQueue(String wireName, String labelZh, Set<Role> roles) {
        this.wireName = wireName;
        this.labelZh = labelZh;
        this.roles = roles;
        Set<CaseState> local = TransitionTable.WORKFLOW.localWorkStates();
        this.states = Arrays.stream(CaseState.values()).filter(s -> s.open() && local.contains(s)).toList();
    }

    CaseQueue(String wireName, String labelZh, Set<Role> roles, CaseState.Phase phase, boolean residentsRequests) {
        this.wireName = wireName;
        this.labelZh = labelZh;
        this.roles = roles;
        Set<CaseState> work = TransitionTable.WORKFLOW.workStates(roles);
        Set<CaseState> requested = TransitionTable.WORKFLOW.enteredBy(EnumSet.of(Role.RESIDENT));
        this.states = Arrays.stream(CaseState.values())
                .filter(s -> s.open() && (residentsRequests ? work.contains(s) && requested.contains(s)
                        : !requested.contains(s) && (work.contains(s) || phase != null && s.phase() == phase)))
                .toList();
    }

    public String wireName() {
        return wireName;
    }

    public String labelZh() {
        return labelZh;
    }

    public Set<Role> roles() {
        return roles;
    }

    public List<CaseState> states() {
        return states;
    }

    public static Optional<CaseQueue> fromWireName(String name) {
        return Arrays.stream(values()).filter(q -> q.wireName.equals(name)).findFirst();
    }
}
