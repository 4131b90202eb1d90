package city.gridcity.cases.actions;

import static city.gridcity.cases.CaseAction.CONFIRM;
import static city.gridcity.cases.CaseAction.MARK_INVALID;
import static city.gridcity.cases.CaseAction.PERSUADE_FIX;

import city.gridcity.cases.CityCase;
import city.gridcity.cases.WorkflowConfigService;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.random.RandomGenerator;

/**
 * 志愿者核实: a volunteer looks at a resident's report where it happened, before the acceptor decides.
 * Confirmed with a photo, the report goes to the acceptor ahead of unconfirmed ones; suggested invalid,
 * it goes to the acceptor as a recommendation (only the acceptor rejects); a minor problem persuaded
 * away or fixed on the spot (劝导处置) closes at community level, and a share of those, set per city as
 * for self-handling, is drawn for the same audit.
 */
@ApplicationScoped
@Handles({CONFIRM, MARK_INVALID, PERSUADE_FIX})
public class Triage implements ActionHandler {

    private final WorkflowConfigService config;
    private final RandomGenerator random;

    Triage(WorkflowConfigService config, RandomGenerator random) {
        this.config = config;
        this.random = random;
    }

    @Override
    public void apply(ActionStep step) {
        CityCase c = step.theCase();
        long volunteer = step.actor().id();
        switch (step.action()) {
            case CONFIRM -> {
                if (step.command().photoIds() == null || step.command().photoIds().isEmpty()) {
                    throw ProblemException.invalid("photoIds", "confirm with a photo taken on site: upload it to /api/v1/cases/"
                            + c.number + "/photos?stage=BEFORE and send its id");
                }
                c.triagedAs(CityCase.Triage.CONFIRMED, volunteer);
            }
            case MARK_INVALID -> c.triagedAs(CityCase.Triage.INVALID_SUGGESTED, volunteer);
            case PERSUADE_FIX -> {
                c.fixedOnTheSpot(volunteer, step.now());
                step.record("solvedLevel", CityCase.Level.COMMUNITY);
                c.sampleForAudit(random.nextInt(100) < config.settings().selfHandlingAuditPercent);
                step.record("auditSampled", c.auditSampled);
            }
            default -> throw step.notMine(Triage.class);
        }
    }
}
