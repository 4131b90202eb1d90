package city.gridcity.cases.actions;

import static city.gridcity.cases.CaseAction.VERIFY_FAIL;
import static city.gridcity.cases.CaseAction.VERIFY_PASS;

import city.gridcity.cases.CityCase;
import jakarta.enterprise.context.ApplicationScoped;

/** 核查: a supervisor checks on site; passed, the case closes; failed, it is rework (返工) for the department. */
@ApplicationScoped
@Handles({VERIFY_PASS, VERIFY_FAIL})
public class Verification implements ActionHandler {

    private final Departments departments;

    Verification(Departments departments) {
        this.departments = departments;
    }

    @Override
    public void apply(ActionStep step) {
        CityCase c = step.theCase();
        switch (step.action()) {
            case VERIFY_PASS -> {
                CityCase.Level level = departments.solvedLevel(c);
                c.close(level, step.now());
                step.record("solvedLevel", level);
            }
            case VERIFY_FAIL -> c.rework();
            default -> throw step.notMine(Verification.class);
        }
    }
}
