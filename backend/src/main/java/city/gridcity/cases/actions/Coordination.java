package city.gridcity.cases.actions;

import static city.gridcity.cases.CaseAction.ALL_REPORTED;
import static city.gridcity.cases.CaseAction.JOIN;
import static city.gridcity.cases.CaseAction.REPORT_PART;
import static city.gridcity.cases.CaseAction.WHISTLE;

import city.gridcity.cases.ActionCommand;
import city.gridcity.cases.CaseParticipant;
import city.gridcity.cases.CityCase;
import city.gridcity.catalog.RoutingService;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * 吹哨报到: a problem beyond the street's capacity calls departments in; each joins and reports, and
 * when the last one has reported the case as a whole is reported back (a system step).
 */
@ApplicationScoped
@Handles({WHISTLE, JOIN, REPORT_PART, ALL_REPORTED})
public class Coordination implements ActionHandler {

    private final Departments departments;
    private final RoutingService routing;

    Coordination(Departments departments, RoutingService routing) {
        this.departments = departments;
        this.routing = routing;
    }

    @Override
    public void apply(ActionStep step) {
        switch (step.action()) {
            case WHISTLE -> whistle(step);
            case JOIN -> {
                CaseParticipant p = participant(step);
                if (p.joinedAt != null) {
                    throw ProblemException.conflict("already-joined", "Your department joined case "
                            + step.theCase().number + " at " + p.joinedAt + "; report to it when you are done.");
                }
                p.joinedAt = step.now();
            }
            case REPORT_PART -> reportPart(step);
            case ALL_REPORTED -> {
                // The state change is the whole of it: the coordination is reported back.
            }
            default -> throw step.notMine(Coordination.class);
        }
    }

    private void whistle(ActionStep step) {
        CityCase c = step.theCase();
        ActionCommand cmd = step.command();
        List<String> codes = cmd.departments() == null ? List.of() : cmd.departments();
        if (codes.isEmpty() || codes.size() > 20) {
            throw ProblemException.invalid("departments", "name the 1-20 departments called in (吹哨报到)");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            distinct.add(departments.active("departments[" + i + "]", codes.get(i)));
        }
        String lead = c.departmentCode;
        if (lead == null) {
            // Called before anyone was dispatched: one department leads, answers for rework and is verified against.
            if (cmd.departmentCode() == null) {
                throw ProblemException.invalid("departmentCode", "name the lead department of the coordination; the "
                        + "routing rule suggests '" + routing.responsible(c.kind, c.classCode, c.streetCode,
                        c.districtCode).departmentCode() + "'");
            }
            lead = departments.active("departmentCode", cmd.departmentCode());
            step.record("lead", lead);
        }
        c.callIn(lead, step.now());
        distinct.add(lead);
        // Each whistle is a new round: every department called reports anew, also one called before.
        for (String code : distinct) {
            CaseParticipant p = CaseParticipant.<CaseParticipant>find("caseId = ?1 and departmentCode = ?2", c.id, code)
                    .firstResultOptional().orElseGet(CaseParticipant::new);
            p.caseId = c.id;
            p.departmentCode = code;
            p.calledAt = step.now();
            p.joinedAt = null;
            p.reportedAt = null;
            p.report = null;
            p.persist();
        }
        // Departments of an earlier round that are not called again have nothing more to report.
        CaseParticipant.<CaseParticipant>list("caseId = ?1 and reportedAt is null", c.id).stream()
                .filter(p -> !distinct.contains(p.departmentCode)).forEach(p -> p.reportedAt = step.now());
        step.record("departments", List.copyOf(distinct));
    }

    private void reportPart(ActionStep step) {
        CaseParticipant p = participant(step);
        if (p.reportedAt != null) {
            throw ProblemException.conflict("already-reported", "Your department reported to case "
                    + step.theCase().number + " already, at " + p.reportedAt + ".");
        }
        if (p.joinedAt == null) {
            p.joinedAt = step.now();
        }
        p.reportedAt = step.now();
        p.report = step.command().reason();
        step.record("department", p.departmentCode);
        if (CaseParticipant.count("caseId = ?1 and reportedAt is null", step.theCase().id) == 0) {
            step.followWith(ALL_REPORTED);
        }
    }

    private static CaseParticipant participant(ActionStep step) {
        return CaseParticipant.<CaseParticipant>find("caseId = ?1 and departmentCode = ?2", step.theCase().id,
                step.actor().departmentCode()).firstResultOptional().orElseThrow();
    }
}
