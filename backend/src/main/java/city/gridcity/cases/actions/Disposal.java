package city.gridcity.cases.actions;

import static city.gridcity.cases.CaseAction.ACCEPT;
import static city.gridcity.cases.CaseAction.REPORT_BACK;
import static city.gridcity.cases.CaseAction.RETURN;

import city.gridcity.cases.CaseAction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * 处置: the department signs for the case, reports back (its after-photos are a guard of the row),
 * or returns a case that is not its own; a return by the local unit of a case in its local loop escalates it.
 */
@ApplicationScoped
@Handles({ACCEPT, REPORT_BACK, RETURN})
public class Disposal implements ActionHandler {

    @Override
    public void apply(ActionStep step) {
        switch (step.action()) {
            case ACCEPT, REPORT_BACK -> {
                // The state change and the phase clocks are the whole of it.
            }
            case RETURN -> {
                // The department said "not ours": it leaves the case; the event keeps who returned it.
                String returnedBy = step.theCase().departmentCode;
                step.record("returnedBy", returnedBy);
                // The local unit cannot solve it in its loop: the district/city loop takes it (二级闭环).
                if (step.theCase().inLocalLoopOf(returnedBy)) {
                    step.followWith(CaseAction.ESCALATE, Escalation.RETURNED_BY_UNIT);
                }
                step.theCase().returnFromDepartment();
            }
            default -> throw step.notMine(Disposal.class);
        }
    }
}
