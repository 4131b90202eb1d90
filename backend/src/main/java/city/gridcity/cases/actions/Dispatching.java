package city.gridcity.cases.actions;

import static city.gridcity.cases.CaseAction.DISPATCH;

import city.gridcity.cases.ActionCommand;
import city.gridcity.cases.CityCase;
import city.gridcity.catalog.RoutingService;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/** 派遣: to the department the routing rule names, or to another one with a reason. */
@ApplicationScoped
@Handles(DISPATCH)
public class Dispatching implements ActionHandler {

    private final RoutingService routing;
    private final Departments departments;

    Dispatching(RoutingService routing, Departments departments) {
        this.routing = routing;
        this.departments = departments;
    }

    @Override
    public void apply(ActionStep step) {
        if (step.action() != DISPATCH) {
            throw step.notMine(Dispatching.class);
        }
        CityCase c = step.theCase();
        ActionCommand cmd = step.command();
        RoutingService.Responsible routed = routing.responsible(c.kind, c.classCode, c.streetCode, c.districtCode);
        // In its local loop (二级闭环) a case goes to the local unit itself unless it names another.
        String suggested = c.localLoop ? c.localUnitCode : routed.departmentCode();
        String why = c.localLoop ? "the local loop of " + c.localUnitCode + " (二级闭环)" : routed.reason();
        String chosen = suggested;
        if (cmd.departmentCode() != null && !cmd.departmentCode().equals(suggested)) {
            if (cmd.reason() == null || cmd.reason().isBlank()) {
                throw ProblemException.invalid("reason", "the routing rule names '" + suggested + "' ("
                        + why + "); say why you send it to '" + cmd.departmentCode() + "' instead");
            }
            chosen = departments.active("departmentCode", cmd.departmentCode());
            step.record("override", true);
        }
        c.dispatchTo(chosen, suggested, step.now());
        step.record("department", chosen);
        step.record("routedTo", suggested);
        step.record("routing", why);
        step.record("routingRule", c.localLoop ? "local-loop" : routed.rule().wireName());
        if (!c.localLoop && routed.area() != null) {
            step.record("routingArea", routed.area());
        }
    }
}
