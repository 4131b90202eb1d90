package city.gridcity.cases.actions;

import static city.gridcity.cases.CaseAction.EMERGENCY;

import city.gridcity.cases.CityCase;
import city.gridcity.cases.PhaseClock;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * 应急吹哨: an emergency warning on a case already under way: it becomes urgent and the running phase
 * counts natural time from its start, so its deadline comes at once nearer.
 */
@ApplicationScoped
@Handles(EMERGENCY)
public class Emergency implements ActionHandler {

    private final PhaseClock clocks;

    Emergency(PhaseClock clocks) {
        this.clocks = clocks;
    }

    @Override
    public void apply(ActionStep step) {
        if (step.action() != EMERGENCY) {
            throw step.notMine(Emergency.class);
        }
        CityCase c = step.theCase();
        if (c.problemType == CityCase.ProblemType.EMERGENCY) {
            throw ProblemException.conflict("already-emergency", "Case " + c.number + " is an emergency already.");
        }
        c.declareEmergency();
        clocks.toNaturalTime(c).ifPresent(limit -> step.record("deadline", limit.deadline().toString()));
    }
}
