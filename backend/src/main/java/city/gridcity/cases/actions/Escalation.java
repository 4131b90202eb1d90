package city.gridcity.cases.actions;

import static city.gridcity.cases.CaseAction.ESCALATE;

import city.gridcity.cases.CityCase;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * 上报升级: a case leaves its local loop (二级闭环) for the district/city loop, and stays in its state, now the
 * centre's. Why is told by who takes the step: the system right after the local unit returned it
 * ({@link CityCase.Escalation#RETURNED}), the deadline job when the local limit passed ({@link CityCase.Escalation#OVERDUE}),
 * or the unit's handler by itself ({@link CityCase.Escalation#BY_UNIT}, with a reason).
 */
@ApplicationScoped
@Handles(ESCALATE)
public class Escalation implements ActionHandler {

    /** What the event of an escalation after a return says of the system's step. */
    public static final String RETURNED_BY_UNIT = "returned by the local unit: escalated to the district/city loop";

    @Override
    public void apply(ActionStep step) {
        if (step.action() != ESCALATE) {
            throw step.notMine(Escalation.class);
        }
        CityCase c = step.theCase();
        if (!c.localLoop) {
            throw ProblemException.conflict("not-in-local-loop", "Case " + c.number + " is not in a local loop; "
                    + "it is the centre's already.");
        }
        CityCase.Escalation why = step.followingUp() ? CityCase.Escalation.RETURNED
                : step.actor().isSystem() ? CityCase.Escalation.OVERDUE : CityCase.Escalation.BY_UNIT;
        step.record("escalation", why);
        step.record("localUnit", c.localUnitCode);
        c.escalate(why);
    }
}
