package city.gridcity.cases.actions;

import static city.gridcity.cases.CaseAction.APPROVE_EXTENSION;
import static city.gridcity.cases.CaseAction.REFUSE_EXTENSION;
import static city.gridcity.cases.CaseAction.REQUEST_EXTENSION;

import city.gridcity.cases.ActionCommand;
import city.gridcity.cases.CityCase;
import city.gridcity.cases.Deadlines;
import city.gridcity.cases.PhaseClock;
import city.gridcity.catalog.FilingCondition;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** 延期: the department asks for more time with a reason; the dispatcher approves (the limit grows) or refuses. */
@ApplicationScoped
@Handles({REQUEST_EXTENSION, APPROVE_EXTENSION, REFUSE_EXTENSION})
public class Extension implements ActionHandler {

    private final PhaseClock clocks;
    private final PendingRequests pending;

    Extension(PhaseClock clocks, PendingRequests pending) {
        this.clocks = clocks;
        this.pending = pending;
    }

    @Override
    public void apply(ActionStep step) {
        CityCase c = step.theCase();
        switch (step.action()) {
            case REQUEST_EXTENSION -> {
                ActionCommand cmd = step.command();
                if (cmd.extensionAmount() == null || cmd.extensionAmount() < 1 || cmd.extensionAmount() > 1000
                        || cmd.extensionUnit() == null) {
                    throw ProblemException.invalid("extensionAmount", "give extensionAmount (1-1000) and extensionUnit "
                            + "(WORKING_HOURS, WORKING_DAYS or NATURAL_HOURS)");
                }
                step.record("extension", cmd.extensionAmount() + " " + cmd.extensionUnit());
                pending.ask(c, Map.of("kind", "extension", "amount", cmd.extensionAmount(), "unit",
                        cmd.extensionUnit().name(), "by", step.actor().name(), "reason", cmd.reason()));
            }
            case APPROVE_EXTENSION -> {
                Map<String, Object> asked = pending.read(c);
                int amount = ((Number) asked.get("amount")).intValue();
                FilingCondition.Unit unit = FilingCondition.Unit.valueOf(asked.get("unit").toString());
                Deadlines.Limit limit = clocks.extend(c, amount, unit, step.now());
                step.record("extension", amount + " " + unit);
                step.record("deadline", limit.deadline().toString());
                c.decisionTaken();
            }
            case REFUSE_EXTENSION -> c.decisionTaken();
            default -> throw step.notMine(Extension.class);
        }
    }
}
