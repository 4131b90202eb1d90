package city.gridcity.cases.actions;

import static city.gridcity.cases.CaseAction.CONSULT;
import static city.gridcity.cases.CaseAction.DECIDE;

import jakarta.enterprise.context.ApplicationScoped;

/** 会商: disputed responsibility goes to a consultation, which ends in a decision naming the department. */
@ApplicationScoped
@Handles({CONSULT, DECIDE})
public class Consultation implements ActionHandler {

    private final Departments departments;

    Consultation(Departments departments) {
        this.departments = departments;
    }

    @Override
    public void apply(ActionStep step) {
        switch (step.action()) {
            case CONSULT -> step.theCase().referToConsultation();
            case DECIDE -> {
                String department = departments.active("departmentCode", step.command().departmentCode());
                step.theCase().decideFor(department, step.now());
                step.record("department", department);
            }
            default -> throw step.notMine(Consultation.class);
        }
    }
}
