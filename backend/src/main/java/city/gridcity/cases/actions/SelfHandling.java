package city.gridcity.cases.actions;

import static city.gridcity.cases.CaseAction.AUDIT_FAIL;
import static city.gridcity.cases.CaseAction.AUDIT_PASS;
import static city.gridcity.cases.CaseAction.SELF_CLOSE;

import city.gridcity.cases.CityCase;
import city.gridcity.cases.WorkflowConfigService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.random.RandomGenerator;

/**
 * 自处置: a minor problem fixed on the spot is closed at grid level by whoever fixed it, with before and
 * after photos (guards of the row); a share of them, set per city, is drawn for an audit, and a failed
 * audit sends the case round the loop like any other.
 */
@ApplicationScoped
@Handles({SELF_CLOSE, AUDIT_PASS, AUDIT_FAIL})
public class SelfHandling implements ActionHandler {

    private final WorkflowConfigService config;
    private final RandomGenerator random;

    SelfHandling(WorkflowConfigService config, RandomGenerator random) {
        this.config = config;
        this.random = random;
    }

    @Override
    public void apply(ActionStep step) {
        CityCase c = step.theCase();
        switch (step.action()) {
            case SELF_CLOSE -> {
                c.close(CityCase.Level.GRID, step.now());
                step.record("solvedLevel", CityCase.Level.GRID);
                c.sampleForAudit(drawn(config.settings().selfHandlingAuditPercent));
                step.record("auditSampled", c.auditSampled);
            }
            case AUDIT_PASS -> c.passAudit();
            case AUDIT_FAIL -> c.failAudit();
            default -> throw step.notMine(SelfHandling.class);
        }
    }

    /** Whether this case is among the {@code percent} share drawn: a roll of 0-99 under the share. */
    boolean drawn(int percent) {
        return random.nextInt(100) < percent;
    }
}
