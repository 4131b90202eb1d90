package city.gridcity.cases.actions;

import static city.gridcity.cases.CaseAction.APPROVE_VOID;
import static city.gridcity.cases.CaseAction.REFUSE_VOID;
import static city.gridcity.cases.CaseAction.REQUEST_VOID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * 作废: a case filed in error is voided with the administrator's approval; a refusal puts it back
 * where it was, its clock having run on meanwhile.
 */
@ApplicationScoped
@Handles({REQUEST_VOID, APPROVE_VOID, REFUSE_VOID})
public class Voiding implements ActionHandler {

    @Override
    public void apply(ActionStep step) {
        switch (step.action()) {
            case REQUEST_VOID -> step.theCase().holdForVoid(step.from());
            case APPROVE_VOID, REFUSE_VOID -> step.theCase().releaseVoidHold();
            default -> throw step.notMine(Voiding.class);
        }
    }
}
