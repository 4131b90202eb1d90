package city.gridcity.cases;

import city.gridcity.identity.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The work queues (待办): which open cases each role works on. A department's queue holds only the
 * cases with that department (or to which it was called in).
 */
public enum CaseQueue {
    ACCEPTANCE("acceptance", "待受理", EnumSet.of(Role.ACCEPTOR), List.of(CaseState.REPORTED)),
    DISPATCH("dispatch", "待派遣", EnumSet.of(Role.DISPATCHER), List.of(CaseState.FILED, CaseState.RETURNED,
            CaseState.EXTENSION_PENDING, CaseState.SUSPENSION_PENDING, CaseState.SUSPENDED, CaseState.IN_CONSULTATION)),
    DISPOSAL("disposal", "待处置", EnumSet.of(Role.DEPARTMENT_HANDLER), List.of(CaseState.DISPATCHED,
            CaseState.IN_DISPOSAL, CaseState.EXTENSION_PENDING, CaseState.SUSPENSION_PENDING, CaseState.SUSPENDED,
            CaseState.COORDINATING)),
    VERIFICATION("verification", "待核查", EnumSet.of(Role.DISTRICT_SUPERVISOR, Role.CITY_SUPERVISOR),
            List.of(CaseState.REPORTED_BACK)),
    APPROVAL("approval", "待审批", EnumSet.of(Role.CITY_ADMIN), List.of(CaseState.VOID_PENDING));

    private final String wireName;
    private final String labelZh;
    private final Set<Role> roles;
    private final List<CaseState> states;

    CaseQueue(String wireName, String labelZh, Set<Role> roles, List<CaseState> states) {
        this.wireName = wireName;
        this.labelZh = labelZh;
        this.roles = roles;
        this.states = states;
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

    public static java.util.Optional<CaseQueue> fromWireName(String name) {
        return java.util.Arrays.stream(values()).filter(q -> q.wireName.equals(name)).findFirst();
    }
}
